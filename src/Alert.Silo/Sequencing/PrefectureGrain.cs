using System.Text.Json;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;
using Alert.Silo.Journal;

namespace Alert.Silo.Sequencing;

/// <summary>
/// The sequencer of one prefecture and the keeper of its notices' life cycle. Orleans runs one activation per
/// prefecture in the cluster and one request at a time, so sequence and revision assignment need no lock. State is
/// rebuilt from the journal on activation; nothing here is the truth on its own.
/// </summary>
internal sealed partial class PrefectureGrain(
    INoticeJournal journal,
    Broadcast.Webhooks.IWebhookStore webhooks,
    [FromKeyedServices(SequencerClock.Key)] TimeProvider timeProvider,
    ILogger<PrefectureGrain> logger) : Grain, IPrefectureGrain
{
    /// <summary>How long a host registration lasts without renewal (hosts renew every 30 s).</summary>
    internal static readonly TimeSpan HostLease = TimeSpan.FromSeconds(90);

    /// <summary>How often validity is checked; a notice ends at most this long after its validUntil.</summary>
    internal static readonly TimeSpan ExpiryCheck = TimeSpan.FromSeconds(15);

    private const string System = "alerthub";

    private readonly Dictionary<string, (IBroadcastHostObserver Host, DateTimeOffset Expires)> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NoticeEnvelope> _inForce = new(StringComparer.Ordinal);
    private readonly HashSet<string> _webhooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);
    private long _latestSequence;

    private string Prefecture => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!PrefectureCodes.IsValid(Prefecture))
        {
            throw new InvalidOperationException($"'{Prefecture}' is not a prefecture code.");
        }

        _latestSequence = await journal.GetLatestSequenceAsync(Prefecture, cancellationToken);
        _webhooks.UnionWith(await webhooks.IdsForPrefectureAsync(Prefecture, cancellationToken));
        foreach (var envelope in await journal.ReadLatestRevisionsAsync(Prefecture, cancellationToken))
        {
            Track(envelope);
        }

        // Journalled but never handed over: the process died between fsync and fan-out. Hosts fill the gap from the
        // journal when they register (they learn the latest sequence then); record the hand-over time now.
        var unpublished = await journal.ReadUnpublishedAsync(Prefecture, cancellationToken);
        foreach (var envelope in unpublished)
        {
            var now = timeProvider.GetUtcNow();
            _ = journal.MarkPublishedAsync(Prefecture, envelope.Sequence, now);
            if (_inForce.TryGetValue(envelope.Id, out var latest) && latest.Sequence == envelope.Sequence)
            {
                _inForce[envelope.Id] = latest with { PublishedAt = now };
            }
        }

        this.RegisterGrainTimer(ct => ExpireDue(ct).ContinueWith(static _ => { }, TaskScheduler.Current), ExpiryCheck, ExpiryCheck);
        LogActivated(Prefecture, _latestSequence, _inForce.Count, unpublished.Count);
    }

    public async Task<NoticeOutcome> Issue(NoticeSubmission submission, CancellationToken cancellationToken = default)
    {
        CheckPrefecture(submission);
        cancellationToken.ThrowIfCancellationRequested();
        var existing = NoticeValidity.IsStateCategory(submission.Category)
            ? (_documents.TryGetValue(DocumentKey(submission.Issuer, submission.Category, submission.Status, submission.Content.Disaster), out var id) ? _inForce[id] : null)
            : _inForce.Values.FirstOrDefault(e => e.Issuer == submission.Issuer && e.Category == submission.Category && e.Status == submission.Status
                && e.Source?.Id == submission.Source?.Id && SameSnapshot(e, submission)); // two documents saying the same are two notices
        if (existing is not null)
        {
            // A re-send of what is in force is harmless; anything else must say which revision it replaces.
            return new NoticeOutcome(SameSnapshot(existing, submission) ? NoticeOutcomes.Unchanged : NoticeOutcomes.Conflict, AcceptedNotice.From(existing));
        }

        var now = timeProvider.GetUtcNow();
        var content = Marked(submission);
        var envelope = new NoticeEnvelope(
            Prefecture, _latestSequence + 1, NoticeId.Create(Prefecture, Guid.CreateVersion7(now)), 1, NoticeKind.Issued,
            submission.Category, submission.Status, submission.Issuer, content, submission.AffectedMunicipalities,
            ChangeClassifier.Classify(submission.Category, null, content), null, ValidUntil(submission, now),
            submission.SubmittedBy, submission.SubmittedFrom, now, null, submission.EstimatedPopulation, submission.Source);
        return Accepted(await AppendAsync(envelope));
    }

    public async Task<NoticeOutcome> Revise(string id, int expectedRevision, NoticeSubmission submission, CancellationToken cancellationToken = default)
    {
        CheckPrefecture(submission);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_inForce.TryGetValue(id, out var current))
        {
            return await EndedOrMissingAsync(id, cancellationToken);
        }

        if (submission.Category != current.Category || submission.Status != current.Status || submission.Issuer != current.Issuer)
        {
            return new NoticeOutcome(NoticeOutcomes.Mismatch, AcceptedNotice.From(current));
        }

        if (expectedRevision != current.Revision)
        {
            return new NoticeOutcome(NoticeOutcomes.Conflict, AcceptedNotice.From(current));
        }

        if (submission.ErrataReason is null && SameSnapshot(current, submission))
        {
            return new NoticeOutcome(NoticeOutcomes.Unchanged, AcceptedNotice.From(current));
        }

        var now = timeProvider.GetUtcNow();
        var content = Marked(submission);
        var allLifted = NoticeCategory.HasAreaStates(submission.Category) && content.Areas.Count > 0 && content.Areas.All(a => a.State == AreaStates.Lifted);
        var kind = allLifted ? NoticeKind.Lifted : submission.ErrataReason is not null ? NoticeKind.Corrected : NoticeKind.Updated;
        var envelope = current with
        {
            Sequence = _latestSequence + 1,
            Revision = current.Revision + 1,
            Kind = kind,
            Content = content,
            AffectedMunicipalities = submission.AffectedMunicipalities,
            Changes = ChangeClassifier.Classify(submission.Category, current.Content, content),
            Errata = submission.ErrataReason is { } reason ? new Errata(reason, now) : null,
            ValidUntil = ValidUntil(submission, now),
            SubmittedBy = submission.SubmittedBy,
            SubmittedFrom = submission.SubmittedFrom,
            AcceptedAt = now,
            PublishedAt = null,
            EstimatedPopulation = submission.EstimatedPopulation,
            Source = submission.Source ?? current.Source,
        };
        return Accepted(await AppendAsync(envelope));
    }

    public async Task<NoticeOutcome> Cancel(string id, string reason, string submittedBy, string submittedFrom, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_inForce.TryGetValue(id, out var current))
        {
            return await EndedOrMissingAsync(id, cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        return Accepted(await AppendAsync(Ending(current, NoticeKind.Cancelled, new Errata(reason, now), submittedBy, submittedFrom, now)));
    }

    public async Task<int> ExpireDue(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var due = _inForce.Values.Where(e => e.ValidUntil <= now).OrderBy(e => e.Sequence).ToList();
        foreach (var envelope in due)
        {
            await AppendAsync(Ending(envelope, NoticeKind.Expired, null, System, System, now));
        }

        return due.Count;
    }

    public async Task<IReadOnlyList<NoticeEnvelope>> GetRevisions(string id, CancellationToken cancellationToken = default) =>
        await journal.ReadRevisionsAsync(id, cancellationToken);

    public async Task<FeedPage> ReadAfter(long after, int limit, CancellationToken cancellationToken = default)
    {
        var page = await journal.ReadAfterAsync(Prefecture, Math.Max(0, after), Math.Clamp(limit, 1, 1000), cancellationToken);
        var latest = page.Count > 0 ? Math.Max(_latestSequence, page[^1].Sequence) : _latestSequence;
        return new FeedPage(Prefecture, page, latest);
    }

    public Task<IReadOnlyList<NoticeEnvelope>> GetActiveNotices(string status, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<NoticeEnvelope>>([.. _inForce.Values.Where(e => e.Status == status).OrderBy(e => e.Sequence)]);

    public async Task<NoticeEnvelope?> FindBySource(string format, string sourceId, CancellationToken cancellationToken = default) =>
        _inForce.Values.Where(e => e.Source is { } s && s.Format == format && s.Id == sourceId).MaxBy(e => e.Sequence)
        ?? await journal.ReadLatestBySourceAsync(Prefecture, format, sourceId, cancellationToken);

    public async Task<NoticeEnvelope?> GetNotice(string id, CancellationToken cancellationToken = default) =>
        _inForce.TryGetValue(id, out var envelope) ? envelope : await journal.ReadNoticeAsync(id, cancellationToken);

    public Task<long> RegisterHost(string hostId, IBroadcastHostObserver host, CancellationToken cancellationToken = default)
    {
        _hosts[hostId] = (host, timeProvider.GetUtcNow() + HostLease);
        return Task.FromResult(_latestSequence);
    }

    public Task UnregisterHost(string hostId, CancellationToken cancellationToken = default)
    {
        _hosts.Remove(hostId);
        return Task.CompletedTask;
    }

    public Task<long> WatchWebhook(string webhookId, CancellationToken cancellationToken = default)
    {
        _webhooks.Add(webhookId);
        return Task.FromResult(_latestSequence);
    }

    public Task UnwatchWebhook(string webhookId, CancellationToken cancellationToken = default)
    {
        _webhooks.Remove(webhookId);
        return Task.CompletedTask;
    }

    private static string DocumentKey(string issuer, string category, string status, string? disaster) =>
        $"{issuer}|{category}|{status}|{disaster}";

    private static NoticeContent Marked(NoticeSubmission submission) =>
        submission.Content with { Headline = TrainingMark.Apply(submission.Status, submission.Content.Headline) };

    private static NoticeEnvelope Ending(NoticeEnvelope current, string kind, Errata? errata, string by, string from, DateTimeOffset now) => current with
    {
        Revision = current.Revision + 1,
        Kind = kind,
        Changes = [],
        Errata = errata,
        SubmittedBy = by,
        SubmittedFrom = from,
        AcceptedAt = now,
        PublishedAt = null,
    };

    /// <summary>Equal content, areas and validity: re-sending it changes nothing.</summary>
    private static bool SameSnapshot(NoticeEnvelope current, NoticeSubmission submission) =>
        JsonSerializer.Serialize(current.Content, JournalJsonContext.Default.NoticeContent) ==
            JsonSerializer.Serialize(Marked(submission), JournalJsonContext.Default.NoticeContent)
        && current.AffectedMunicipalities.SequenceEqual(submission.AffectedMunicipalities)
        && (submission.ValidUntil is null || submission.ValidUntil == current.ValidUntil);

    private DateTimeOffset ValidUntil(NoticeSubmission submission, DateTimeOffset now) =>
        submission.ValidUntil ?? now + NoticeValidity.Default(submission.Category);

    private void CheckPrefecture(NoticeSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!string.Equals(submission.Prefecture, Prefecture, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Notice for prefecture {submission.Prefecture} sent to sequencer {Prefecture}.", nameof(submission));
        }
    }

    private async Task<NoticeOutcome> EndedOrMissingAsync(string id, CancellationToken cancellationToken)
    {
        var last = await journal.ReadNoticeAsync(id, cancellationToken);
        return last is null || last.Prefecture != Prefecture
            ? new NoticeOutcome(NoticeOutcomes.NotFound, null)
            : new NoticeOutcome(NoticeOutcomes.Ended, AcceptedNotice.From(last));
    }

    private static NoticeOutcome Accepted(NoticeEnvelope envelope) => new(NoticeOutcomes.Accepted, AcceptedNotice.From(envelope));

    /// <summary>Journals (fsync) with the next sequence, then updates the board and publishes.</summary>
    private async Task<NoticeEnvelope> AppendAsync(NoticeEnvelope envelope)
    {
        envelope = envelope with { Sequence = _latestSequence + 1 };
        try
        {
            // Not cancellable: once queued, the write either lands or fails, and the sequence must follow it.
            await journal.AppendAsync(envelope);
        }
        catch (Exception failure)
        {
            // Whether the write landed is unknown; rebuild from the journal on the next call.
            LogAppendFailed(failure, Prefecture, envelope.Sequence);
            DeactivateOnIdle();
            throw;
        }

        _latestSequence = envelope.Sequence;
        var published = envelope with { PublishedAt = timeProvider.GetUtcNow() };
        Contracts.Telemetry.AlertHubMetrics.Publish.Record(Contracts.Telemetry.AlertHubMetrics.Milliseconds(published.AcceptedAt, published.PublishedAt!.Value));
        Track(published);
        Publish(published);
        return published;
    }

    private void Track(NoticeEnvelope envelope)
    {
        var key = DocumentKey(envelope.Issuer, envelope.Category, envelope.Status, envelope.Content.Disaster);
        if (envelope.Ends)
        {
            _inForce.Remove(envelope.Id);
            if (_documents.TryGetValue(key, out var id) && id == envelope.Id)
            {
                _documents.Remove(key);
            }

            return;
        }

        _inForce[envelope.Id] = envelope;
        if (NoticeValidity.IsStateCategory(envelope.Category))
        {
            _documents[key] = envelope.Id;
        }
    }

    /// <summary>One one-way message per registered host; the hosts fan out to their own connections.</summary>
    private void Publish(NoticeEnvelope envelope)
    {
        var now = timeProvider.GetUtcNow();
        List<string>? lapsed = null;
        foreach (var (hostId, (host, expires)) in _hosts)
        {
            if (expires < now)
            {
                (lapsed ??= []).Add(hostId);
                continue;
            }

            try
            {
                _ = host.OnNotice(envelope);
            }
            catch (Exception failure)
            {
                LogHostUnreachable(failure, hostId, Prefecture);
            }
        }

        foreach (var hostId in lapsed ?? [])
        {
            _hosts.Remove(hostId);
        }

        // Each webhook endpoint is its own grain with its own queue: a one-way message each, never waited for.
        foreach (var webhookId in _webhooks)
        {
            _ = GrainFactory.GetGrain<IWebhookGrain>(webhookId).Notify(envelope);
        }

        _ = journal.MarkPublishedAsync(Prefecture, envelope.Sequence, envelope.PublishedAt!.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequencer {Prefecture} activated at sequence {Sequence} with {Notices} notices in force, {Unpublished} recovered")]
    private partial void LogActivated(string prefecture, long sequence, int notices, int unpublished);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal append failed for {Prefecture} sequence {Sequence}")]
    private partial void LogAppendFailed(Exception exception, string prefecture, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast host {HostId} unreachable from sequencer {Prefecture}")]
    private partial void LogHostUnreachable(Exception exception, string hostId, string prefecture);
}
