using Alert.Broadcast.Summary;
using Alert.Broadcast.Wire;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Alert.Broadcast.Feeds;

/// <summary>
/// Pull access to what the hub has published: one notice, a prefecture's board of notices in force, and its ordered
/// feed after a sequence (for subscribers catching up without a hub connection).
/// </summary>
internal static class FeedEndpoints
{
    public const int MaxFeedPage = 1000;

    public static void MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/notices/{id}", GetNoticeAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/prefectures/{prefecture}/notices", GetBoardAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/prefectures/{prefecture}/feed", GetFeedAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/prefectures/{prefecture}/summary", GetSummaryAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/notices/{id}/revisions", GetRevisionsAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapAreaGeometry();
        endpoints.MapStandardFormats();
    }

    private static async Task<IResult> GetNoticeAsync(string id, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!NoticeId.TryGetPrefecture(id, out var prefecture) || !PrefectureCodes.IsValid(prefecture))
        {
            return NotFound(id);
        }

        var envelope = await grains.GetGrain<IPrefectureGrain>(prefecture).GetNotice(id, cancellationToken);
        if (envelope is null)
        {
            return NotFound(id);
        }

        context.Response.Headers.ETag = $"\"{envelope.Revision}\"";
        context.Response.Headers.Vary = "Accept";
        if (StandardFormatEndpoints.WantsCap(context.Request))
        {
            var revisions = await grains.GetGrain<IPrefectureGrain>(prefecture).GetRevisions(id, cancellationToken);
            var current = revisions.Count > 0 ? revisions[^1] : envelope;
            var cap = context.RequestServices.GetRequiredService<Formats.Cap.CapAlertWriter>();
            return Results.Bytes(cap.ToBytes(current, revisions, new Uri(StandardFormatEndpoints.BaseUri(context.Request), $"/api/v1/notices/{id}")), Formats.Cap.CapIdentity.ContentType + "; charset=utf-8");
        }

        if (StandardFormatEndpoints.Wants(context.Request, Formats.Edxl.EdxlDistributionWriter.ContentType))
        {
            var edxl = context.RequestServices.GetRequiredService<Formats.Edxl.EdxlDistributionWriter>();
            return Results.Bytes(edxl.ToBytes(envelope), Formats.Edxl.EdxlDistributionWriter.ContentType + "; charset=utf-8");
        }

        return Results.Ok(NoticeMessage.From(envelope));
    }

    /// <summary>
    /// The audit history: every immutable revision with who submitted it and when; the client address only for
    /// administrators and the issuing prefecture's own organisations.
    /// </summary>
    private static async Task<IResult> GetRevisionsAsync(string id, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!NoticeId.TryGetPrefecture(id, out var prefecture) || !PrefectureCodes.IsValid(prefecture))
        {
            return NotFound(id);
        }

        var revisions = await grains.GetGrain<IPrefectureGrain>(prefecture).GetRevisions(id, cancellationToken);
        if (revisions.Count == 0)
        {
            return NotFound(id);
        }

        var organisation = context.User.FindFirst(AlertHubClaims.Organisation)?.Value ?? string.Empty;
        var seesAddresses = context.User.HasClaim(c => c.Type == AlertHubClaims.Admin) || organisation.StartsWith(prefecture, StringComparison.Ordinal);
        return Results.Ok(new
        {
            id,
            revisions = revisions.Select(r => new
            {
                revision = r.Revision,
                kind = r.Kind,
                sequence = r.Sequence,
                acceptedAt = r.AcceptedAt,
                submittedBy = r.SubmittedBy,
                submittedFrom = seesAddresses ? r.SubmittedFrom : null,
                errata = r.Errata,
                changes = r.Changes,
                notice = NoticeMessage.From(r),
            }),
        });
    }

    private static async Task<IResult> GetSummaryAsync(
        string prefecture, string? status, IGrainFactory grains, PrefectureSummaryBuilder builder, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Check(prefecture, status) is { } problem)
        {
            return problem;
        }

        var statuses = Statuses(status);
        if (statuses.Length != 1)
        {
            return Invalid(new ProblemError("status", "single-status", "集計は 1 つの status ごとです（本番と訓練を合算しません）。", "A summary is for one status at a time: live and drill figures are never added up."));
        }

        var inForce = await grains.GetGrain<IPrefectureGrain>(prefecture).GetActiveNotices(statuses[0], cancellationToken);
        return Results.Ok(builder.Build(prefecture, statuses[0], inForce, time.GetUtcNow()));
    }

    private static async Task<IResult> GetBoardAsync(string prefecture, string? status, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Check(prefecture, status) is { } problem)
        {
            return problem;
        }

        var statuses = Statuses(status);
        var grain = grains.GetGrain<IPrefectureGrain>(prefecture);
        var notices = new List<NoticeEnvelope>();
        foreach (var wanted in statuses)
        {
            notices.AddRange(await grain.GetActiveNotices(wanted, cancellationToken));
        }

        return Results.Ok(new
        {
            prefecture,
            statuses,
            notices = notices.OrderBy(n => n.Sequence).Select(NoticeMessage.From),
        });
    }

    private static async Task<IResult> GetFeedAsync(
        string prefecture, long? after, int? limit, string? status, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Check(prefecture, status) is { } problem)
        {
            return problem;
        }

        if (after is < 0 || limit is < 1 or > MaxFeedPage)
        {
            return Invalid(new ProblemError(after is < 0 ? "after" : "limit", "range",
                $"after は 0 以上、limit は 1〜{MaxFeedPage} です。", $"after must be zero or more and limit 1 to {MaxFeedPage}."));
        }

        var statuses = Statuses(status);
        var from = after ?? 0;
        var page = await grains.GetGrain<IPrefectureGrain>(prefecture).ReadAfter(from, limit ?? 100, cancellationToken);
        return Results.Ok(new
        {
            prefecture,
            statuses,
            after = from,
            // Resume with after=next: envelopes of other statuses are skipped, not missing.
            next = page.Envelopes.Count > 0 ? page.Envelopes[^1].Sequence : from,
            latestSequence = page.LatestSequence,
            envelopes = page.Envelopes.Where(e => statuses.Contains(e.Status)).Select(NoticeMessage.From),
        });
    }

    internal static string[] Statuses(string? status) => status is null ? [NoticeStatus.Actual] : [.. status.Split(',').Distinct(StringComparer.Ordinal)];

    internal static IResult? Check(string prefecture, string? status)
    {
        if (!PrefectureCodes.IsValid(prefecture))
        {
            return Invalid(new ProblemError("prefecture", "prefecture-code", "都道府県コードは 01〜47 の 2 桁です。", "A prefecture code is two digits, 01 to 47."));
        }

        return CheckStatus(status);
    }

    internal static IResult? CheckStatus(string? status)
    {
        if (status is not null && status.Split(',').Any(s => !NoticeStatus.All.Contains(s)))
        {
            return Invalid(new ProblemError("status", "allowed-value", "status は actual, exercise, test（カンマ区切り可）です。", "status must be actual, exercise or test (comma-separated)."));
        }

        return null;
    }

    internal static IResult Invalid(ProblemError error)
    {
        var problem = Problems.Invalid([error]) with { Status = 400, Title = "クエリが不正です", TitleEn = "Invalid query" };
        return Results.Json(problem, statusCode: 400, contentType: Problem.ContentType);
    }

    internal static IResult NotFound(string id)
    {
        var problem = Problems.NotFound($"お知らせ {id} は見つかりません。", $"There is no notice {id}.");
        return Results.Json(problem, statusCode: 404, contentType: Problem.ContentType);
    }
}
