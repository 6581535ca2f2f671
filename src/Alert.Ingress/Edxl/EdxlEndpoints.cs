using System.Security.Claims;
using System.Text;
using System.Xml.Linq;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Ingress.Documents;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alert.Ingress.Edxl;

/// <summary>
/// Where an L-Alert distribution enters: <c>POST /api/v1/edxl</c> (REST, problem details) and the SOAP 1.1
/// <c>publish</c> operation at <c>/soap/publiccommons</c>, as prefecture disaster systems already call L-Alert. SOAP
/// callers authenticate with the same keys, as <c>Authorization: Bearer</c> or as a WS-Security UsernameToken whose
/// password is the key, and hear <c>processResponse</c>: 0 accepted, 402 the message broke a rule (which, in
/// <c>result</c>), 901 anything else (authentication, scope, the hub unavailable).
/// </summary>
internal static class EdxlEndpoints
{
    public const string SoapNamespace = "http://soap.publiccommons.ne.jp/";
    private const string Envelope11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    private const string AuthenticatedItem = "alerthub.soap.authenticated";

    private static readonly string[] RestTypes = ["application/edxl+xml", "application/xml", "text/xml"];
    private static readonly string[] SoapTypes = ["text/xml", "application/soap+xml"];

    public static void MapEdxlIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/edxl", RestAsync).RequireAuthorization(AlertHubPolicies.Issue).RequireRateLimiting(AlertHubRateLimits.Ingest);
        endpoints.MapPost("/soap/publiccommons", SoapAsync).AllowAnonymous().RequireRateLimiting(AlertHubRateLimits.Ingest);
    }

    private static async Task<IResult> RestAsync(HttpContext context, DocumentIngest ingest, CancellationToken cancellationToken)
    {
        var (document, refused) = await XmlBody.ReadDocumentAsync(context, RestTypes, cancellationToken);
        if (document is null)
        {
            return refused!;
        }

        var (request, errors) = Read(document.Root!, context.User);
        return request is null
            ? NoticeIngressEndpoints.Problem(Problems.Invalid([.. errors.Select(e => new ProblemError(e.Path, e.Rule, e.Message, e.MessageEn))]))
            : DocumentResults.Http(context, await ingest.RunAsync(request, context.User, NoticeIngressEndpoints.SourceOf(context), cancellationToken));
    }

    private static async Task<IResult> SoapAsync(HttpContext context, DocumentIngest ingest, IApiKeyAuthenticator keys, CancellationToken cancellationToken)
    {
        var (bytes, refused) = await XmlBody.ReadAsync(context, SoapTypes, cancellationToken);
        if (refused is not null)
        {
            return Answer(context, 901, "Content-Type は text/xml（SOAP 1.1）にしてください。 / Send Content-Type: text/xml (SOAP 1.1).");
        }

        var (document, refusal) = SafeXml.Parse(bytes!);
        if (document is null)
        {
            return Answer(context, 402, $"{refusal!.Rule}: {refusal.Message} / {refusal.MessageEn}");
        }

        var user = context.User.Identity?.IsAuthenticated == true ? context.User : UsernameToken(document) is { } key ? keys.Authenticate(key) : null;
        if (user is not null)
        {
            context.User = user; // so the audit log names who, however the key came
            context.Items[AuthenticatedItem] = true;
        }
        if (user is null || !user.HasClaim(c => c.Type is AlertHubClaims.IssueMunicipality or AlertHubClaims.IssuePrefecture))
        {
            return Answer(context, 901, user is null
                ? "認証に失敗しました（Authorization: Bearer または WS-Security UsernameToken のパスワードに API キー）。 / Authentication failed (an API key as Bearer or as the UsernameToken password)."
                : "この API キーでは発信できません。 / This API key may not issue.");
        }

        var message = document.Root!.Element(XName.Get("Body", Envelope11))?.Element(XName.Get("publish", SoapNamespace))?.Element(XName.Get("message", SoapNamespace));
        if (message is null)
        {
            return Answer(context, 402, $"schema: SOAP 1.1 の Body/publish/message（名前空間 {SoapNamespace}）がありません。 / There is no SOAP 1.1 Body/publish/message in {SoapNamespace}.");
        }

        // The distribution travels as child XML or, from some senders, as escaped text.
        var carried = message.HasElements ? message : null;
        if (carried is null)
        {
            var (inner, innerRefusal) = SafeXml.Parse(Encoding.UTF8.GetBytes(message.Value));
            if (inner is null)
            {
                return Answer(context, 402, $"{innerRefusal!.Rule}: {innerRefusal.Message} / {innerRefusal.MessageEn}");
            }

            carried = inner.Root!;
        }

        var (request, errors) = Read(carried, user);
        if (request is null)
        {
            return Answer(context, 402, Describe(errors.Select(e => (e.Path, e.Rule, e.Message, e.MessageEn))));
        }

        var outcome = await ingest.RunAsync(request, user, NoticeIngressEndpoints.SourceOf(context), cancellationToken);
        if (outcome.Problem is { } problem)
        {
            var code = problem.Status is 400 or 404 or 409 or 422 ? 402 : 901;
            var details = problem.Errors is { Count: > 0 } list ? Describe(list.Select(e => (e.Field, e.Rule, e.Message, e.MessageEn))) : $"{problem.Detail} / {problem.DetailEn}";
            return Answer(context, code, details);
        }

        var notice = outcome.Notice!;
        var noted = outcome.Warnings.Count == 0 ? string.Empty : "; " + Describe(outcome.Warnings.Select(w => (w.Path, w.Rule, w.Message, w.MessageEn)));
        return Answer(context, 0, $"OK {notice.Id} revision {notice.Revision} sequence {notice.Sequence}{noted}");
    }

    private static (DocumentRequest? Request, IReadOnlyList<XmlFinding> Errors) Read(XElement root, ClaimsPrincipal user)
    {
        var (message, errors) = EdxlReader.Read(root);
        if (message is null || errors.Count > 0)
        {
            return (null, errors);
        }

        return EdxlNoticeMapper.Map(message, new IssuerScope(user).Organisation);
    }

    private static string? UsernameToken(XDocument envelope) =>
        envelope.Root?.Element(XName.Get("Header", Envelope11))?.Descendants(XName.Get("Password", Wsse)).FirstOrDefault()?.Value.Trim();

    private static string Describe(IEnumerable<(string Path, string Rule, string Message, string MessageEn)> errors) =>
        string.Join("; ", errors.Take(10).Select(e => $"{e.Rule} at {e.Path}: {e.Message} / {e.MessageEn}"));

    private static IResult Answer(HttpContext context, int code, string result)
    {
        // SOAP answers refusals with 200 and a code: the audit log is told the outcome.
        if (code != 0)
        {
            context.Items[AuditOutcomes.ItemKey] = code == 402 ? AuditOutcomes.Refused
                : context.Items.ContainsKey(AuthenticatedItem) ? AuditOutcomes.Forbidden : AuditOutcomes.AuthenticationFailed;
        }

        // The result may quote the caller's own bytes (a parser message): keep only what XML can carry.
        result = string.Concat(result.Select(c => System.Xml.XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'));
        if (result.Length > 4000)
        {
            result = result[..4000] + "…";
        }

        XNamespace soap = Envelope11;
        XNamespace pc = SoapNamespace;
        var response = new XDocument(new XElement(soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Envelope11),
            new XAttribute(XNamespace.Xmlns + "pc", SoapNamespace),
            new XElement(soap + "Body",
                new XElement(pc + "publishResponse",
                    new XElement(pc + "processResponse",
                        new XElement(pc + "code", code),
                        new XElement(pc + "result", result))))));
        return Results.Text(response.ToString(SaveOptions.DisableFormatting), "text/xml; charset=utf-8", Encoding.UTF8);
    }
}
