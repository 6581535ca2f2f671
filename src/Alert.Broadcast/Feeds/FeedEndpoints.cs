using Alert.Broadcast.Wire;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
    }

    private static async Task<IResult> GetNoticeAsync(string id, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!NoticeId.TryGetPrefecture(id, out var prefecture) || !PrefectureCodes.IsValid(prefecture))
        {
            return NotFound(id);
        }

        var envelope = await grains.GetGrain<IPrefectureGrain>(prefecture).GetNotice(id, cancellationToken);
        return envelope is null ? NotFound(id) : Results.Ok(NoticeMessage.From(envelope));
    }

    private static async Task<IResult> GetBoardAsync(string prefecture, string? status, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Check(prefecture, status) is { } problem)
        {
            return problem;
        }

        var statuses = Statuses(status);
        var notices = await grains.GetGrain<IPrefectureGrain>(prefecture).GetActiveNotices(cancellationToken);
        return Results.Ok(new
        {
            prefecture,
            statuses,
            notices = notices.Where(n => statuses.Contains(n.Status)).Select(NoticeMessage.From),
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

    private static string[] Statuses(string? status) => status is null ? [NoticeStatus.Actual] : status.Split(',');

    private static IResult? Check(string prefecture, string? status)
    {
        if (!PrefectureCodes.IsValid(prefecture))
        {
            return Invalid(new ProblemError("prefecture", "prefecture-code", "都道府県コードは 01〜47 の 2 桁です。", "A prefecture code is two digits, 01 to 47."));
        }

        if (status is not null && status.Split(',').Any(s => !NoticeStatus.All.Contains(s)))
        {
            return Invalid(new ProblemError("status", "allowed-value", "status は actual, exercise, test（カンマ区切り可）です。", "status must be actual, exercise or test (comma-separated)."));
        }

        return null;
    }

    private static IResult Invalid(ProblemError error)
    {
        var problem = Problems.Invalid([error]) with { Status = 400, Title = "クエリが不正です", TitleEn = "Invalid query" };
        return Results.Json(problem, statusCode: 400, contentType: Problem.ContentType);
    }

    private static IResult NotFound(string id)
    {
        var problem = Problems.NotFound($"お知らせ {id} は見つかりません。", $"There is no notice {id}.");
        return Results.Json(problem, statusCode: 404, contentType: Problem.ContentType);
    }
}
