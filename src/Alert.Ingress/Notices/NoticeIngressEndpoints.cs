using System.Net.Http.Headers;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Alert.Ingress.Notices;

/// <summary>
/// Where an issuer's JSON notice enters the hub: issue (<c>POST</c>), revise or correct (<c>PUT</c> with
/// <c>If-Match</c>), and cancel an erroneous notice (取消).
/// </summary>
internal static partial class NoticeIngressEndpoints
{
    public static void MapNoticeIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/notices", IssueAsync).RequireAuthorization(AlertHubPolicies.Issue).RequireRateLimiting(AlertHubRateLimits.Ingest);
        endpoints.MapPut("/api/v1/notices/{id}", ReviseAsync).RequireAuthorization(AlertHubPolicies.Issue).RequireRateLimiting(AlertHubRateLimits.Ingest);
        endpoints.MapPost("/api/v1/notices/{id}/cancel", CancelAsync).RequireAuthorization(AlertHubPolicies.Issue).RequireRateLimiting(AlertHubRateLimits.Ingest);
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, NoticeResolver resolver, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (submission, refused) = await ReadSubmissionAsync(context, resolver, time, isRevision: false, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var outcome = await CallAsync(loggers, time, started, submission!.Prefecture, () => grains.GetGrain<IPrefectureGrain>(submission.Prefecture).Issue(submission, cancellationToken));
        return outcome?.Result switch
        {
            null => Unavailable(),
            NoticeOutcomes.Accepted => Results.Created($"/api/v1/notices/{outcome.Notice!.Id}", Receipt(context, outcome.Notice)),
            NoticeOutcomes.Unchanged => Results.Ok(Receipt(context, outcome.Notice!)),
            _ => Problem(Problems.Conflict(
                $"同じ発信者・災害・種別のお知らせ {outcome.Notice!.Id}（第 {outcome.Notice.Revision} 版）が有効です。PUT /api/v1/notices/{outcome.Notice.Id} に If-Match: \"{outcome.Notice.Revision}\" を付けて改訂してください。",
                $"Notice {outcome.Notice.Id} (revision {outcome.Notice.Revision}) is in force for this issuer, disaster and category; revise it with PUT /api/v1/notices/{outcome.Notice.Id} and If-Match: \"{outcome.Notice.Revision}\".",
                outcome.Notice)),
        };
    }

    private static async Task<IResult> ReviseAsync(
        string id, HttpContext context, NoticeResolver resolver, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!NoticeId.TryGetPrefecture(id, out var prefecture))
        {
            return NotFound(id);
        }

        if (ReadIfMatch(context) is not { } expected)
        {
            return Problem(new Problem("https://alerthub.jp/problems/precondition-required", "If-Match が必要です", 428,
                "改訂する版を If-Match: \"<revision>\" で指定してください（現在の版は GET で確認できます）。",
                "Precondition required", "Say which revision you revise with If-Match: \"<revision>\" (GET the notice for its current revision)."));
        }

        var (submission, refused) = await ReadSubmissionAsync(context, resolver, time, isRevision: true, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (submission!.Prefecture != prefecture)
        {
            return Problem(Problems.Invalid([new ProblemError("issuer", "same-prefecture",
                $"お知らせ {id} は都道府県 {prefecture} のものです。発信者を変えることはできません。",
                $"Notice {id} belongs to prefecture {prefecture}; its issuer cannot change.")]));
        }

        var outcome = await CallAsync(loggers, time, started, prefecture, () => grains.GetGrain<IPrefectureGrain>(prefecture).Revise(id, expected, submission, cancellationToken));
        return Revised(context, id, outcome);
    }

    private static async Task<IResult> CancelAsync(
        string id, HttpContext context, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!NoticeId.TryGetPrefecture(id, out var prefecture))
        {
            return NotFound(id);
        }

        var (document, malformed) = await JsonBody.ReadAsync(context, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        string? reason;
        var errors = new ValidationErrors();
        using (document)
        {
            var body = JsonFields.Of(document!.RootElement, null, errors);
            body?.Known("reason");
            reason = body?.Text("reason", 500, required: true);
        }

        if (errors.Any)
        {
            return Problem(Problems.Invalid(errors.All));
        }

        var grain = grains.GetGrain<IPrefectureGrain>(prefecture);
        var current = await grain.GetNotice(id, cancellationToken);
        if (current is null)
        {
            return NotFound(id);
        }

        var scope = new IssuerScope(context.User);
        if (!scope.MayIssueAs(current.Issuer) || (scope.ExerciseOnly && current.Status == NoticeStatus.Actual))
        {
            return Problem(Problems.Forbidden($"この API キーではお知らせ {id}（発信者 {current.Issuer}）を取り消せません。",
                $"This API key may not cancel notice {id} (issuer {current.Issuer})."));
        }

        var outcome = await CallAsync(loggers, time, started, prefecture, () => grain.Cancel(id, reason!, scope.Organisation, SourceOf(context), cancellationToken));
        return Revised(context, id, outcome);
    }

    internal static IResult Revised(HttpContext context, string id, NoticeOutcome? outcome) => outcome?.Result switch
    {
        null => Unavailable(),
        NoticeOutcomes.Accepted or NoticeOutcomes.Unchanged => WithETag(context, outcome.Notice!),
        NoticeOutcomes.NotFound => NotFound(id),
        NoticeOutcomes.Ended => Problem(Problems.Conflict(
            $"お知らせ {id} は終了しています（{outcome.Notice!.Kind}、第 {outcome.Notice.Revision} 版）。改めて発信してください。",
            $"Notice {id} has ended ({outcome.Notice.Kind}, revision {outcome.Notice.Revision}); issue a new one.", outcome.Notice) with
        { Type = "https://alerthub.jp/problems/notice-ended" }),
        NoticeOutcomes.Mismatch => Problem(Problems.Invalid([new ProblemError("category", "same-document",
            "改訂では種別（category）・モード（status）・発信者（issuer）を変えられません。", "A revision cannot change category, status or issuer.")])),
        _ => Problem(Problems.Conflict(
            $"お知らせ {id} の現在の版は第 {outcome.Notice!.Revision} 版です。最新を確認してから If-Match: \"{outcome.Notice.Revision}\" で送り直してください。",
            $"Notice {id} is at revision {outcome.Notice.Revision}; check it and send again with If-Match: \"{outcome.Notice.Revision}\".",
            outcome.Notice)),
    };

    private static IResult WithETag(HttpContext context, AcceptedNotice notice)
    {
        context.Response.Headers.ETag = $"\"{notice.Revision}\"";
        return Results.Ok(Receipt(context, notice));
    }

    internal static object Receipt(HttpContext context, AcceptedNotice notice)
    {
        context.Response.Headers.ETag = $"\"{notice.Revision}\"";
        return new
        {
            id = notice.Id,
            revision = notice.Revision,
            kind = notice.Kind,
            prefecture = notice.Prefecture,
            sequence = notice.Sequence,
            affectedMunicipalities = notice.AffectedMunicipalities,
            changes = notice.Changes ?? [],
            acceptedAt = notice.AcceptedAt,
        };
    }

    private static async Task<(NoticeSubmission? Submission, IResult? Refused)> ReadSubmissionAsync(
        HttpContext context, NoticeResolver resolver, TimeProvider time, bool isRevision, CancellationToken cancellationToken)
    {
        var (document, malformed) = await JsonBody.ReadAsync(context, cancellationToken);
        if (malformed is not null)
        {
            return (null, malformed);
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var request = NoticeRequestReader.Read(document!.RootElement, errors, isRevision);
            if (request is null)
            {
                return (null, Problem(Problems.Invalid(errors.All)));
            }

            var (decision, submission, resolveErrors) = resolver.Resolve(request, new IssuerScope(context.User), SourceOf(context), time.GetUtcNow());
            return decision switch
            {
                NoticeDecision.Invalid => (null, Problem(Problems.Invalid(resolveErrors.All))),
                NoticeDecision.Forbidden => (null, Problem(Problems.Forbidden(resolveErrors.All[0].Message, resolveErrors.All[0].MessageEn) with { Errors = resolveErrors.All })),
                _ => (submission, null),
            };
        }
    }

    /// <summary>The revision named by <c>If-Match: "3"</c> (a strong entity tag); null when absent or not a revision.</summary>
    private static int? ReadIfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        return EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak && int.TryParse(tag.Tag.Trim('"'), out var revision) && revision > 0
            ? revision
            : null;
    }

    internal static string SourceOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static async Task<NoticeOutcome?> CallAsync(ILoggerFactory loggers, TimeProvider time, long started, string prefecture, Func<Task<NoticeOutcome>> call)
    {
        try
        {
            var outcome = await call();
            if (outcome.Result == NoticeOutcomes.Accepted)
            {
                Contracts.Telemetry.AlertHubMetrics.Accept.Record(time.GetElapsedTime(started).TotalMilliseconds);
            }

            return outcome;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogSequencerFailed(loggers.CreateLogger(typeof(NoticeIngressEndpoints)), failure, prefecture);
            return null;
        }
    }

    internal static IResult Unavailable() => Problem(Problems.Unavailable(
        "受け付けられませんでした。記録されていない可能性があるため、同じ内容で再送してください（同じ内容の再送は重複になりません）。",
        "The notice was not accepted and may not have been recorded; send it again (an identical re-send never duplicates it)."));

    internal static IResult NotFound(string id) => Problem(Problems.NotFound($"お知らせ {id} は見つかりません。", $"There is no notice {id}."));

    internal static IResult Problem(Problem problem) => ProblemResult.Of(problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sequencer {Prefecture} failed to take a notice")]
    private static partial void LogSequencerFailed(ILogger logger, Exception exception, string prefecture);
}
