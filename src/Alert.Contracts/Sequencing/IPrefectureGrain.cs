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
    /// <summary>Journals (fsync) and sequences a notice; completes only once it is durable.</summary>
    [Alias("Accept")]
    Task<AcceptedNotice> Accept(NoticeSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Reads journalled envelopes with a sequence greater than <paramref name="after"/>, in order.</summary>
    [Alias("ReadAfter")]
    [AlwaysInterleave]
    Task<FeedPage> ReadAfter(long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The latest revision of every notice still in force in the prefecture.</summary>
    [Alias("GetActiveNotices")]
    Task<IReadOnlyList<NoticeEnvelope>> GetActiveNotices(CancellationToken cancellationToken = default);

    /// <summary>The latest revision of a notice, whether or not still in force.</summary>
    [Alias("GetNotice")]
    [AlwaysInterleave]
    Task<NoticeEnvelope?> GetNotice(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers (or renews the lease of) a broadcast host. Returns the latest sequence so the host can fill any gap
    /// from the journal. Leases lapse when not renewed.
    /// </summary>
    [Alias("RegisterHost")]
    Task<long> RegisterHost(string hostId, IBroadcastHostObserver host, CancellationToken cancellationToken = default);

    [Alias("UnregisterHost")]
    Task UnregisterHost(string hostId, CancellationToken cancellationToken = default);
}
