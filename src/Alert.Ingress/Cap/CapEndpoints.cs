using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Ingress.Documents;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alert.Ingress.Cap;

/// <summary>
/// Where a CAP 1.2 message enters: <c>POST /api/v1/cap</c> ingests (an Alert issues, an Update revises and a Cancel
/// withdraws the notice its references name), <c>POST /api/v1/cap/validate</c> only checks. Once read, a CAP message
/// goes through the same rules and the same sequencer calls as the JSON door.
/// </summary>
internal static class CapEndpoints
{
    public static readonly string[] MediaTypes = ["application/cap+xml", "application/xml", "text/xml"];

    public static void MapCapIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/cap", IngestAsync).RequireAuthorization(AlertHubPolicies.Issue).RequireRateLimiting(AlertHubRateLimits.Ingest);
        endpoints.MapPost("/api/v1/cap/validate", ValidateAsync).RequireAuthorization(AlertHubPolicies.Read);
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (bytes, refused) = await XmlBody.ReadAsync(context, MediaTypes, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var result = CapValidator.Validate(bytes!);
        return Results.Ok(new
        {
            valid = result.Valid,
            errors = result.Errors.Select(DocumentResults.Shown),
            warnings = result.Warnings.Select(DocumentResults.Shown),
        });
    }

    private static async Task<IResult> IngestAsync(HttpContext context, DocumentIngest ingest, CancellationToken cancellationToken)
    {
        var (bytes, refused) = await XmlBody.ReadAsync(context, MediaTypes, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var validation = CapValidator.Validate(bytes!);
        if (validation.Document is null)
        {
            return DocumentResults.Malformed(validation.Errors[0]);
        }

        if (!validation.Valid)
        {
            return Invalid(validation.Errors);
        }

        var scope = new IssuerScope(context.User);
        var cap = CapNoticeMapper.Map(validation.Document!.Root!, scope.Organisation);
        if (cap.Errors.Count > 0)
        {
            return Invalid(cap.Errors);
        }

        var note = validation.Document.Root!.Element(CapValidator.Namespace + "note")?.Value;
        var correction = note is not null && (note.StartsWith("訂正", StringComparison.Ordinal) || note.StartsWith("Correction", StringComparison.OrdinalIgnoreCase)) ? note : null;
        var request = new DocumentRequest(
            cap.MessageType switch { "Alert" => DocumentAction.Issue, "Update" => DocumentAction.Revise, _ => DocumentAction.Cancel },
            cap.Issuer, cap.Status, cap.Key, cap.NoticeId, cap.Notice, cap.CancelReason, correction, cap.Paths, [.. validation.Warnings, .. cap.Warnings],
            Sent: Sent(validation.Document.Root!));
        return DocumentResults.Http(context, await ingest.RunAsync(request, context.User, NoticeIngressEndpoints.SourceOf(context), cancellationToken));
    }

    // Valid CAP has an offset date-time in sent: the schema checked its form.
    private static (DateTimeOffset, string)? Sent(System.Xml.Linq.XElement alert) =>
        DateTimeOffset.TryParse(alert.Element(CapValidator.Namespace + "sent")?.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var sent)
            ? (sent, "/alert/sent")
            : null;

    private static IResult Invalid(IEnumerable<XmlFinding> findings) => NoticeIngressEndpoints.Problem(Problems.Invalid([.. findings.Select(Error)]));

    private static ProblemError Error(XmlFinding finding) => new(finding.Path, finding.Rule, finding.Message, finding.MessageEn);

}
