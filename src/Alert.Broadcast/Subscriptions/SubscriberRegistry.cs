using System.Collections.Concurrent;
using Alert.Contracts.Notices;

namespace Alert.Broadcast.Subscriptions;

/// <summary>This host's subscriptions, indexed by prefecture for fan-out.</summary>
public sealed class SubscriberRegistry
{
    private readonly ConcurrentDictionary<string, SubscriberSession> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SubscriberSession>> _byPrefecture = new(StringComparer.Ordinal);

    public int Count => _byConnection.Count;

    /// <summary>Adds (or replaces) a connection's session so it receives live envelopes, then starts it.</summary>
    public async Task AddAsync(SubscriberSession session)
    {
        await RemoveAsync(session.ConnectionId);
        _byConnection[session.ConnectionId] = session;
        foreach (var prefecture in session.Prefectures)
        {
            _byPrefecture.GetOrAdd(prefecture, _ => new(StringComparer.Ordinal))[session.ConnectionId] = session;
        }

        session.Start();
    }

    public async Task RemoveAsync(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var session))
        {
            return;
        }

        foreach (var prefecture in session.Prefectures)
        {
            if (_byPrefecture.TryGetValue(prefecture, out var sessions))
            {
                sessions.TryRemove(connectionId, out _);
            }
        }

        await session.DisposeAsync();
    }

    /// <summary>Hands an envelope to every session subscribed to its prefecture, without waiting on any of them.</summary>
    public void Dispatch(NoticeEnvelope envelope)
    {
        if (_byPrefecture.TryGetValue(envelope.Prefecture, out var sessions) && !sessions.IsEmpty)
        {
            var message = Wire.NoticeMessage.From(envelope);
            foreach (var session in sessions.Values)
            {
                session.Offer(envelope, message);
            }
        }
    }
}
