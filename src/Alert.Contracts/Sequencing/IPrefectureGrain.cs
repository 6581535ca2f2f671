using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Orleans.Concurrency;

namespace Alert.Contracts.Sequencing;

/// <summary>
/// The sequencer of one prefecture (key: 2-digit code). It journals every notice before acknowledging, assigns the
/// prefecture's gap-free sequence, and hands each envelope once to every registered broadcast host.
/// </summary>
[Alias("alerthub.IPrefectureGrain")]
public interface IPrefectureGrain : IGrainWithStringKey
{
    /// <summary>
    /// Issues a notice (revision 1). For a state category whose issuer × disaster × category × status already has a
    /// notice in force, answers unchanged for an identical snapshot (an idempotent re-send) and conflict otherwise.
    /// Completes only once the revision is durable.
    /// </summary>
    [Alias("Issue")]
    Task<NoticeOutcome> Issue(NoticeSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Makes the next revision of a notice in force if <paramref name="expectedRevision"/> is its current one.</summary>
    [Alias("Revise")]
    Task<NoticeOutcome> Revise(string id, int expectedRevision, NoticeSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Withdraws an erroneous notice (取消) with a reason; it ends.</summary>
    [Alias("Cancel")]
    Task<NoticeOutcome> Cancel(string id, string reason, string submittedBy, string submittedFrom, CancellationToken cancellationToken = default);

    /// <summary>Ends every notice whose validity has run out (also run by a timer); returns how many ended.</summary>
    [Alias("ExpireDue")]
    Task<int> ExpireDue(CancellationToken cancellationToken = default);

    /// <summary>Every revision of a notice, oldest first, with who submitted each, when and from where.</summary>
    [Alias("GetRevisions")]
    [AlwaysInterleave]
    Task<IReadOnlyList<NoticeEnvelope>> GetRevisions(string id, CancellationToken cancellationToken = default);

    /// <summary>Reads journalled envelopes with a sequence greater than <paramref name="after"/>, in order.</summary>
    [Alias("ReadAfter")]
    [AlwaysInterleave]
    Task<FeedPage> ReadAfter(long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest revision of every notice in force with the given status: the actual board never sees a drill.
    /// </summary>
    [Alias("GetActiveNotices")]
    Task<IReadOnlyList<NoticeEnvelope>> GetActiveNotices(string status, CancellationToken cancellationToken = default);

    /// <summary>The latest revision of a notice, whether or not still in force.</summary>
    [Alias("GetNotice")]
    [AlwaysInterleave]
    Task<NoticeEnvelope?> GetNotice(string id, CancellationToken cancellationToken = default);

    /// <summary>The newest revision made from an issuer's own document (L-Alert documentID), in force or ended.</summary>
    [Alias("FindBySource")]
    Task<NoticeEnvelope?> FindBySource(string format, string sourceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers (or renews the lease of) a broadcast host. Returns the latest sequence so the host can fill any gap
    /// from the journal. Leases lapse when not renewed.
    /// </summary>
    [Alias("RegisterHost")]
    Task<long> RegisterHost(string hostId, IBroadcastHostObserver host, CancellationToken cancellationToken = default);

    [Alias("UnregisterHost")]
    Task UnregisterHost(string hostId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a webhook endpoint to those handed each new envelope (also restored from the store on activation). Returns
    /// the latest sequence: the endpoint's delivery starts after it.
    /// </summary>
    [Alias("WatchWebhook")]
    Task<long> WatchWebhook(string webhookId, CancellationToken cancellationToken = default);

    [Alias("UnwatchWebhook")]
    Task UnwatchWebhook(string webhookId, CancellationToken cancellationToken = default);
}
