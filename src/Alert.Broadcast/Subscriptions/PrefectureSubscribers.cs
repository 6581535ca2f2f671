using System.Collections.Concurrent;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// The sessions of this host subscribed to one prefecture, with an array of them kept for fan-out. Copying 15,000
/// sessions out of the dictionary for every envelope put two arrays of 120 KB per notice on the large object heap, and
/// the full collections that followed paused the host; the array is now rebuilt only after a session came or went.
/// </summary>
internal sealed class PrefectureSubscribers
{
    private readonly ConcurrentDictionary<string, SubscriberSession> _sessions = new(StringComparer.Ordinal);
    private long _version;
    private Snapshot _snapshot = new(-1, []);

    public bool IsEmpty => _sessions.IsEmpty;

    public void Add(SubscriberSession session)
    {
        _sessions[session.ConnectionId] = session;
        Interlocked.Increment(ref _version);
    }

    public void Remove(string connectionId)
    {
        if (_sessions.TryRemove(connectionId, out _))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>
    /// Every session added before this call began. A session added meanwhile may be missing: it starts by replaying the
    /// journal only after it was added, and an envelope is journalled before it is dispatched, so it still gets it.
    /// </summary>
    public SubscriberSession[] Current()
    {
        var version = Volatile.Read(ref _version);
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Version == version)
        {
            return snapshot.Sessions;
        }

        SubscriberSession[] sessions = [.. _sessions.Values];
        Volatile.Write(ref _snapshot, new Snapshot(version, sessions));
        return sessions;
    }

    private sealed record Snapshot(long Version, SubscriberSession[] Sessions);
}
