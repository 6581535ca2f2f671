using Alert.Contracts.Broadcasting;
using Alert.Contracts.Delivery;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alert.Broadcast.Feeds;

/// <summary>
/// <c>GET /api/v1/notices/{id}/deliveries</c>: per transmitter organisation, when each revision was first sent to it
/// and first acknowledged. The issuing side (the notice's prefecture and its municipalities) and administrators see
/// every transmitter; a transmitter sees only itself.
/// </summary>
internal static class DeliveriesEndpoint
{
    public static void MapDeliveries(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/notices/{id}/deliveries", GetAsync).RequireAuthorization(AlertHubPolicies.Read);

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var revisions = NoticeId.TryGetPrefecture(id, out var prefecture) && PrefectureCodes.IsValid(prefecture)
            ? await grains.GetGrain<IPrefectureGrain>(prefecture).GetRevisions(id, cancellationToken)
            : [];
        if (revisions.Count == 0)
        {
            return Results.Json(Problems.NotFound($"お知らせ {id} はありません。", $"There is no notice {id}."), statusCode: 404, contentType: Problem.ContentType);
        }

        var organisation = context.User.FindFirst(AlertHubClaims.Organisation)?.Value ?? string.Empty;
        var seesAll = context.User.HasClaim(c => c.Type == AlertHubClaims.Admin) || organisation.StartsWith(prefecture, StringComparison.Ordinal);
        var records = await grains.GetGrain<IDeliveryLedgerGrain>(prefecture).GetDeliveries(id, cancellationToken);
        return Results.Ok(new
        {
            id,
            revisions = revisions.Select(r => new { revision = r.Revision, sequence = r.Sequence, acceptedAt = r.AcceptedAt, publishedAt = r.PublishedAt }),
            transmitters = records
                .Where(r => seesAll || r.Organisation == organisation)
                .GroupBy(r => r.Organisation, StringComparer.Ordinal)
                .Select(g => new
                {
                    organisation = g.Key,
                    revisions = g.OrderBy(r => r.Revision).Select(r => new { revision = r.Revision, sequence = r.Sequence, sentAt = r.SentAt, acknowledgedAt = r.AcknowledgedAt }),
                }),
        });
    }
}
