using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;
using Alert.Silo.Journal;

namespace Alert.Silo.Sequencing;

/// <summary>
/// The sequencer of one prefecture. Orleans runs one activation per prefecture in the cluster and one request at a
/// time, so sequence assignment needs no lock. State is rebuilt from the journal on activation; nothing here is the
/// truth on its own.
/// </summary>
internal sealed partial class PrefectureGrain(
    INoticeJournal journal,
    [FromKeyedServices(SequencerClock.Key)] TimeProvider timeProvider,
    ILogger<PrefectureGrain> logger) : Grain, IPrefectureGrain
{
    /// <summary>How long a host registration lasts without renewal (hosts renew every 30 s).</summary>
    internal static readonly TimeSpan HostLease = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, (IBroadcastHostObserver Host, DateTimeOffset Expires)> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NoticeEnvelope> _latestRevisions = new(StringComparer.Ordinal);
    private long _latestSequence;

    private string Prefecture => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!PrefectureCodes.IsValid(Prefecture))
        {
            throw new InvalidOperationException($"'{Prefecture}' is not a prefecture code.");
        }

        _latestSequence = await journal.GetLatestSequenceAsync(Prefecture, cancellationToken);
        foreach (var envelope in await journal.ReadLatestRevisionsAsync(Prefecture, cancellationToken))
        {
            _latestRevisions[envelope.Id] = envelope;
        }

        // Journalled but never handed over: the process died between fsync and fan-out. Hosts fill the gap from the
        // journal when they register (they learn the latest sequence then); record the hand-over time now.
        var unpublished = await journal.ReadUnpublishedAsync(Prefecture, cancellationToken);
        foreach (var envelope in unpublished)
        {
            var now = timeProvider.GetUtcNow();
            _ = journal.MarkPublishedAsync(Prefecture, envelope.Sequence, now);
            if (_latestRevisions.TryGetValue(envelope.Id, out var latest) && latest.Sequence == envelope.Sequence)
            {
                _latestRevisions[envelope.Id] = latest with { PublishedAt = now };
            }
        }

        LogActivated(Prefecture, _latestSequence, _latestRevisions.Count, unpublished.Count);
    }

    public async Task<AcceptedNotice> Accept(NoticeSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!string.Equals(submission.Prefecture, Prefecture, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Notice for prefecture {submission.Prefecture} sent to sequencer {Prefecture}.", nameof(submission));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var acceptedAt = timeProvider.GetUtcNow();
        var envelope = new NoticeEnvelope(
            Prefecture,
            _latestSequence + 1,
            NoticeId.Create(Prefecture, Guid.CreateVersion7(acceptedAt)),
            Revision: 1,
            submission.Category,
            submission.Status,
            submission.Issuer,
            submission.Headline,
            submission.Level,
            submission.Areas,
            submission.Households,
            submission.Persons,
            submission.AffectedMunicipalities,
            submission.SubmittedBy,
            acceptedAt,
            PublishedAt: null);

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
        _latestRevisions[envelope.Id] = published;
        Publish(published);

        return new AcceptedNotice(envelope.Id, envelope.Revision, Prefecture, envelope.Sequence, envelope.AffectedMunicipalities, acceptedAt);
    }

    public async Task<FeedPage> ReadAfter(long after, int limit, CancellationToken cancellationToken = default)
    {
        var page = await journal.ReadAfterAsync(Prefecture, Math.Max(0, after), Math.Clamp(limit, 1, 1000), cancellationToken);
        var latest = page.Count > 0 ? Math.Max(_latestSequence, page[^1].Sequence) : _latestSequence;
        return new FeedPage(Prefecture, page, latest);
    }

    public Task<IReadOnlyList<NoticeEnvelope>> GetActiveNotices(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<NoticeEnvelope>>([.. _latestRevisions.Values.OrderBy(e => e.Sequence)]);

    public async Task<NoticeEnvelope?> GetNotice(string id, CancellationToken cancellationToken = default) =>
        _latestRevisions.TryGetValue(id, out var envelope) ? envelope : await journal.ReadNoticeAsync(id, cancellationToken);

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

        _ = journal.MarkPublishedAsync(Prefecture, envelope.Sequence, envelope.PublishedAt!.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequencer {Prefecture} activated at sequence {Sequence} with {Notices} notices, {Unpublished} recovered")]
    private partial void LogActivated(string prefecture, long sequence, int notices, int unpublished);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal append failed for {Prefecture} sequence {Sequence}")]
    private partial void LogAppendFailed(Exception exception, string prefecture, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast host {HostId} unreachable from sequencer {Prefecture}")]
    private partial void LogHostUnreachable(Exception exception, string hostId, string prefecture);
}
