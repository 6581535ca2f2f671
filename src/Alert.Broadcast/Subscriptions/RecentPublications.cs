using System.Collections.Concurrent;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// When this host was handed each recent envelope, kept once per host (not per connection) for the acknowledgement
/// histogram; the oldest are forgotten past <see cref="Capacity"/>, and an acknowledgement of one of them is still
/// recorded, just not timed.
/// </summary>
public sealed class RecentPublications
{
    public const int Capacity = 8192;

    private readonly ConcurrentDictionary<(string Prefecture, long Sequence), DateTimeOffset> _publishedAt = new();
    private readonly ConcurrentQueue<(string Prefecture, long Sequence)> _order = new();

    public void Add(string prefecture, long sequence, DateTimeOffset publishedAt)
    {
        if (_publishedAt.TryAdd((prefecture, sequence), publishedAt))
        {
            _order.Enqueue((prefecture, sequence));
            while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _publishedAt.TryRemove(oldest, out _);
            }
        }
    }

    public DateTimeOffset? PublishedAt(string prefecture, long sequence) =>
        _publishedAt.TryGetValue((prefecture, sequence), out var at) ? at : null;
}
