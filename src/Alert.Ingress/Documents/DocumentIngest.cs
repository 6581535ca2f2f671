using System.Security.Claims;
using System.Text.Json;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Sequencing;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using Microsoft.Extensions.Logging;

namespace Alert.Ingress.Documents;

/// <summary>
/// Takes a document already read into the JSON door's form through the same rules and the same sequencer calls as
/// that door: the reader's field rules, the resolver's area and scope rules, then issue, revise or cancel. The notice
/// a revision or cancel follows is the one named directly, else the one in force for the same issuer and key.
/// </summary>
internal sealed class DocumentIngest(NoticeResolver resolver, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<DocumentOutcome> RunAsync(DocumentRequest document, ClaimsPrincipal user, string source, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var warnings = document.Warnings.ToList();
        if (document.Sent is { } sent && SentTime.Check(sent.At, time.GetUtcNow(), sent.Path) is { } stale)
        {
            return Refused(Problems.Invalid([new ProblemError(stale.Path, stale.Rule, stale.Message, stale.MessageEn)]), warnings);
        }

        var prefecture = document.Issuer.Length >= 2 ? document.Issuer[..2] : document.Issuer;
        if (!PrefectureCodes.IsValid(prefecture))
        {
            return Refused(Problems.Invalid([new ProblemError("issuer", "issuer", $"発信者 {document.Issuer} は市区町村・都道府県コードではありません。", $"Issuer {document.Issuer} is not a municipality or prefecture code.")]), warnings);
        }

        var scope = new IssuerScope(user);
        var grain = grains.GetGrain<IPrefectureGrain>(prefecture);
        var current = document.Action == DocumentAction.Issue ? null : await FindAsync(grain, document, cancellationToken);
        if (current is null && document.Source is { } origin && await grain.FindBySource(origin.Format, origin.Id, cancellationToken) is { Ends: true } ended)
        {
            // The document's notice has ended (取消, 解除, expiry): a late revision of it must not start it again. After
            // a cancellation, L-Alert starts a new document (a new documentID) at revision 1.
            var appliedRevision = ended.Source?.Revision ?? 0;
            if (origin.Revision <= appliedRevision)
            {
                warnings.Add(new XmlFinding("/", "revision-not-newer", $"文書 {origin.Id} のお知らせ {ended.Id} は終了しています（第 {origin.Revision} 版は反映しません）。",
                    $"Document {origin.Id} belongs to notice {ended.Id}, which has ended; revision {origin.Revision} changes nothing."));
                return new DocumentOutcome(AcceptedNotice.From(ended), false, null, warnings);
            }

            return Refused(Problems.Conflict(
                $"文書 {origin.Id} のお知らせ {ended.Id} は終了しています（{ended.Kind}）。新しい documentID の第 1 版として送ってください。",
                $"Document {origin.Id} belongs to notice {ended.Id}, which has ended ({ended.Kind}); send a new documentID at revision 1.", AcceptedNotice.From(ended)) with
            { Type = "https://alerthub.jp/problems/notice-ended" }, warnings);
        }

        if (current is not null && document.Source is { } given && current.Source is { } applied
            && applied.Format == given.Format && applied.Id == given.Id && given.Revision <= applied.Revision)
        {
            // Receivers accept only a higher revision: a re-send or a late older one changes nothing.
            warnings.Add(new XmlFinding("/", "revision-not-newer", $"文書 {given.Id} は第 {applied.Revision} 版まで反映済みです（第 {given.Revision} 版は反映しません）。",
                $"Document {given.Id} is applied up to revision {applied.Revision}; revision {given.Revision} changes nothing."));
            return new DocumentOutcome(AcceptedNotice.From(current), false, null, warnings);
        }

        if (document.Action == DocumentAction.Cancel)
        {
            if (current is null)
            {
                return Refused(Problems.NotFound("取り消す対象のお知らせは発表中ではありません。", "The notice to cancel is not in force."), warnings);
            }

            if (!scope.MayIssueAs(current.Issuer) || (scope.ExerciseOnly && current.Status == NoticeStatus.Actual))
            {
                return Refused(Problems.Forbidden($"この API キーではお知らせ {current.Id} を取り消せません。", $"This API key may not cancel notice {current.Id}."), warnings);
            }

            var cancelled = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture,
                () => grain.Cancel(current.Id, document.CancelReason, scope.Organisation, source, cancellationToken));
            return Revised(current.Id, cancelled, warnings);
        }

        var notice = document.Notice!;
        if (current is not null)
        {
            // The notice keeps the incident it was issued under, however this message names it.
            notice["disaster"] = current.Content.Disaster;
            if (document.Correction is { } reason)
            {
                notice["errata"] = new System.Text.Json.Nodes.JsonObject { ["reason"] = reason.Length > 500 ? reason[..500] : reason };
            }
        }

        using var json = JsonDocument.Parse(notice.ToJsonString());
        var errors = new ValidationErrors();
        var request = NoticeRequestReader.Read(json.RootElement, errors, isRevision: current is not null);
        if (request is null)
        {
            return Refused(Problems.Invalid([.. errors.All.Select(e => Located(e, document))]), warnings);
        }

        var (decision, submission, resolveErrors) = resolver.Resolve(request, scope, source, time.GetUtcNow());
        if (decision != NoticeDecision.Accept)
        {
            var located = resolveErrors.All.Select(e => Located(e, document)).ToList();
            return Refused(decision == NoticeDecision.Forbidden
                ? Problems.Forbidden(located[0].Message, located[0].MessageEn) with { Errors = located }
                : Problems.Invalid(located), warnings);
        }

        submission = submission! with { Source = document.Source };
        if (current is not null)
        {
            var revised = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture, () => grain.Revise(current.Id, current.Revision, submission, cancellationToken));
            return Revised(current.Id, revised, warnings);
        }

        if (document.Action == DocumentAction.Revise)
        {
            warnings.Add(new XmlFinding("/", "revision-of-unknown-notice", "改訂の対象となるお知らせが発表中でないため、新規として発表しました。", "No notice this revises is in force; it was issued as new."));
        }

        var outcome = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture, () => grain.Issue(submission, cancellationToken));
        return outcome?.Result switch
        {
            null => Refused(Unavailable(), warnings),
            NoticeOutcomes.Accepted => new DocumentOutcome(outcome.Notice, true, null, warnings),
            NoticeOutcomes.Unchanged => new DocumentOutcome(outcome.Notice, false, null, warnings),
            _ => Refused(Problems.Conflict(
                $"同じ発信者・災害（{document.Key}）・種別のお知らせ {outcome.Notice!.Id} が発表中です。改訂として送ってください。",
                $"Notice {outcome.Notice.Id} for the same issuer, disaster ({document.Key}) and category is in force; send a revision.", outcome.Notice), warnings),
        };
    }

    private static async Task<NoticeEnvelope?> FindAsync(IPrefectureGrain grain, DocumentRequest document, CancellationToken cancellationToken)
    {
        if (document.NoticeId is { } id)
        {
            var named = await grain.GetNotice(id, cancellationToken);
            return named is { Ends: false } && named.Issuer == document.Issuer ? named : null;
        }

        var inForce = await grain.GetActiveNotices(document.Status, cancellationToken);
        var category = document.Notice?["category"]?.GetValue<string>();
        return inForce.FirstOrDefault(n => n.Issuer == document.Issuer && n.Content.Disaster == document.Key && (category is null || n.Category == category));
    }

    private static DocumentOutcome Revised(string id, NoticeOutcome? outcome, IReadOnlyList<XmlFinding> warnings) => outcome?.Result switch
    {
        NoticeOutcomes.Accepted or NoticeOutcomes.Unchanged => new DocumentOutcome(outcome.Notice, false, null, warnings),
        null => Refused(Unavailable(), warnings),
        NoticeOutcomes.NotFound => Refused(Problems.NotFound($"お知らせ {id} は見つかりません。", $"There is no notice {id}."), warnings),
        NoticeOutcomes.Ended => Refused(Problems.Conflict($"お知らせ {id} は終了しています。", $"Notice {id} has ended.", outcome.Notice), warnings),
        NoticeOutcomes.Mismatch => Refused(Problems.Invalid([new ProblemError("category", "same-document",
            "改訂では種別・モード・発信者を変えられません。", "A revision cannot change category, status or issuer.")]), warnings),
        _ => Refused(Problems.Conflict($"お知らせ {id} は同時に改訂されました。送り直してください。", $"Notice {id} was revised meanwhile; send again.", outcome.Notice), warnings),
    };

    private static DocumentOutcome Refused(Problem problem, IReadOnlyList<XmlFinding> warnings) => new(null, false, problem, warnings);

    private static Problem Unavailable() => Problems.Unavailable(
        "受け付けられませんでした。記録されていない可能性があるため、同じ内容で再送してください。",
        "Not accepted and possibly not recorded; send the same document again (an identical re-send never duplicates it).");

    private static ProblemError Located(ProblemError error, DocumentRequest document)
    {
        var bracket = error.Field.IndexOf(']', StringComparison.Ordinal);
        return bracket > 0 && document.Paths.TryGetValue(error.Field[..(bracket + 1)], out var path) ? error with { Field = $"{path} ({error.Field})" } : error;
    }
}
