namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// How far one connection's stream of each subscribed prefecture has got (sent or filtered out). The prefectures are
/// fixed when the session starts, so the map itself never changes and each position is a single word read and written
/// without a lock: the fan-out updates it once per connection per notice, and a dictionary write took a lock each time.
/// </summary>
internal sealed class StreamCursors
{
    private readonly Dictionary<string, Position> _positions;

    public StreamCursors(IEnumerable<string> prefectures) =>
        _positions = prefectures.Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => new Position(), StringComparer.Ordinal);

    public bool TryGet(string prefecture, out long sequence)
    {
        if (_positions.TryGetValue(prefecture, out var position))
        {
            sequence = Volatile.Read(ref position.Sequence);
            return true;
        }

        sequence = 0;
        return false;
    }

    /// <summary>The position of a subscribed prefecture.</summary>
    public long this[string prefecture]
    {
        get => Volatile.Read(ref _positions[prefecture].Sequence);
        set => Volatile.Write(ref _positions[prefecture].Sequence, value);
    }

    public Dictionary<string, long> Snapshot()
    {
        var snapshot = new Dictionary<string, long>(_positions.Count, StringComparer.Ordinal);
        foreach (var (prefecture, position) in _positions)
        {
            snapshot[prefecture] = Volatile.Read(ref position.Sequence);
        }

        return snapshot;
    }

    private sealed class Position
    {
        public long Sequence;
    }
}
