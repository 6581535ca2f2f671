using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Geo;
using Alert.Ingress.Documents;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alert.Ingress.Jma;

/// <summary>
/// Where 気象庁防災情報XML enters: <c>POST /api/v1/jma</c>, for relay keys only (a municipality's key never issues a
/// weather warning). Answers 201 when a prefecture's notice was created, 200 when notices were revised, lifted,
/// cancelled or left unchanged, each with what became of every prefecture's notice and the warnings beside it.
/// </summary>
internal static class JmaEndpoints
{
    private static readonly string[] Types = ["application/xml", "text/xml"];

    public static void MapJmaIngress(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/jma", RelayAsync).RequireAuthorization(AlertHubPolicies.Relay).RequireRateLimiting(AlertHubRateLimits.Ingest);

    private static async Task<IResult> RelayAsync(HttpContext context, JmaRelay relay, JapanGeography geography, CancellationToken cancellationToken)
    {
        var (document, refused) = await XmlBody.ReadDocumentAsync(context, Types, cancellationToken);
        if (document is null)
        {
            return refused!;
        }

        var (report, errors, readWarnings) = JmaReader.Read(document.Root!, geography);
        if (report is null)
        {
            return NoticeIngressEndpoints.Problem(Problems.Invalid([.. errors.Select(e => new ProblemError(e.Path, e.Rule, e.Message, e.MessageEn))]));
        }

        var outcome = await relay.RunAsync(report, new IssuerScope(context.User).Organisation, NoticeIngressEndpoints.SourceOf(context), cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return NoticeIngressEndpoints.Problem(problem);
        }

        var receipt = new
        {
            series = outcome.Series,
            revision = outcome.Revision,
            title = report.Title,
            infoType = report.InfoType,
            category = report.Category,
            status = report.Status,
            notices = outcome.Notices.Select(n => new
            {
                prefecture = n.Prefecture,
                action = n.Action,
                id = n.Notice.Id,
                revision = n.Notice.Revision,
                kind = n.Notice.Kind,
                sequence = n.Notice.Sequence,
                affectedMunicipalities = n.Notice.AffectedMunicipalities,
            }),
            warnings = readWarnings.Concat(outcome.Warnings).Select(DocumentResults.Shown),
        };
        return outcome.Notices.Any(n => n.Created) ? Results.Json(receipt, statusCode: StatusCodes.Status201Created) : Results.Ok(receipt);
    }
}
