using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;

namespace Alert.Broadcast.Fanout;

/// <summary>Reads a prefecture's journalled envelopes through its sequencer, page by page.</summary>
public sealed class JournalReader(IGrainFactory grains)
{
    public const int PageSize = 500;

    /// <summary>Envelopes with after &lt; sequence ≤ upTo (or to the end when upTo is null), in order.</summary>
    public async IAsyncEnumerable<NoticeEnvelope> ReadAsync(
        string prefecture, long after, long? upTo, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IPrefectureGrain>(prefecture);
        var cursor = after;
        while (upTo is null || cursor < upTo)
        {
            var page = await grain.ReadAfter(cursor, PageSize, cancellationToken);
            foreach (var envelope in page.Envelopes)
            {
                if (upTo is not null && envelope.Sequence > upTo)
                {
                    yield break;
                }

                yield return envelope;
                cursor = envelope.Sequence;
            }

            if (page.Envelopes.Count < PageSize)
            {
                yield break;
            }
        }
    }

    public async Task<long> LatestSequenceAsync(string prefecture, CancellationToken cancellationToken) =>
        (await grains.GetGrain<IPrefectureGrain>(prefecture).ReadAfter(long.MaxValue - 1, 1, cancellationToken)).LatestSequence;
}
