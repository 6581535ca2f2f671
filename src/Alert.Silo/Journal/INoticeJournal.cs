using Alert.Contracts.Notices;

namespace Alert.Silo.Journal;

/// <summary>
/// The durable, append-only record of every sequenced envelope: the source of truth from which sequencers rebuild.
/// </summary>
public interface INoticeJournal
{
    /// <summary>Appends an envelope; the task completes only after the write is fsynced.</summary>
    Task AppendAsync(NoticeEnvelope envelope);

    /// <summary>Records when an envelope was handed to the broadcast hosts (best effort, not awaited for durability).</summary>
    Task MarkPublishedAsync(string prefecture, long sequence, DateTimeOffset publishedAt);

    Task<long> GetLatestSequenceAsync(string prefecture, CancellationToken cancellationToken);

    Task<IReadOnlyList<NoticeEnvelope>> ReadAfterAsync(string prefecture, long after, int limit, CancellationToken cancellationToken);

    /// <summary>The latest revision of every notice of the prefecture.</summary>
    Task<IReadOnlyList<NoticeEnvelope>> ReadLatestRevisionsAsync(string prefecture, CancellationToken cancellationToken);

    Task<NoticeEnvelope?> ReadNoticeAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every revision of a notice, oldest first.</summary>
    Task<IReadOnlyList<NoticeEnvelope>> ReadRevisionsAsync(string id, CancellationToken cancellationToken);

    /// <summary>The newest revision made from the issuer's document (format and id), ended or not; null if none.</summary>
    Task<NoticeEnvelope?> ReadLatestBySourceAsync(string prefecture, string format, string sourceId, CancellationToken cancellationToken);

    /// <summary>Envelopes journalled but never handed to the hosts (the process died in between).</summary>
    Task<IReadOnlyList<NoticeEnvelope>> ReadUnpublishedAsync(string prefecture, CancellationToken cancellationToken);
}
