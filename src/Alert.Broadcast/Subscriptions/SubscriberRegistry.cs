using System.Collections.Concurrent;
using Alert.Contracts.Notices;
using Alert.Geo;
using Alert.Geo.Geofencing;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// This host's subscriptions, indexed by prefecture for fan-out and, for apps subscribed at a place, in a device
/// geofence index: each live envelope's footprint is matched against every location once, not once per connection.
/// </summary>
public sealed class SubscriberRegistry(JapanGeography geography, RecentPublications? publications = null)
{
    private readonly ConcurrentDictionary<string, SubscriberSession> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SubscriberSession>> _byPrefecture = new(StringComparer.Ordinal);
    private readonly GeofenceIndex _locations = new(geography.Factory);
    private long _nextFenceId;
    private long _nextNumber;

    public int Count => _byConnection.Count;

    public SubscriberSession? Find(string connectionId) => _byConnection.GetValueOrDefault(connectionId);

    /// <summary>Adds (or replaces) a connection's session so it receives live envelopes, then starts it.</summary>
    public async Task AddAsync(SubscriberSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        await RemoveAsync(session.ConnectionId);
        session.Number = Interlocked.Increment(ref _nextNumber);
        if (session.Filter.Location is { } fence)
        {
            session.FenceId = Interlocked.Increment(ref _nextFenceId);
            _locations.Upsert(session.FenceId, fence.Latitude, fence.Longitude, fence.RadiusKm);
        }

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

        if (session.Filter.Location is not null)
        {
            _locations.Remove(session.FenceId);
        }

        await session.DisposeAsync();
    }

    /// <summary>Hands an envelope to every session subscribed to its prefecture, without waiting on any of them.</summary>
    public void Dispatch(NoticeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.PublishedAt is { } publishedAt)
        {
            publications?.Add(envelope.Prefecture, envelope.Sequence, publishedAt);
        }

        if (_byPrefecture.TryGetValue(envelope.Prefecture, out var sessions) && !sessions.IsEmpty)
        {
            var message = Wire.NoticeMessage.From(envelope);
            HashSet<long>? reached = null;
            foreach (var session in sessions.Values)
            {
                bool? reachesLocation = null;
                if (session.Filter.Location is not null)
                {
                    reached ??= [.. _locations.Inside(NoticeFootprint.Of(envelope, geography))];
                    reachesLocation = reached.Contains(session.FenceId);
                }

                session.Offer(envelope, message, reachesLocation);
            }
        }
    }

    /// <summary>Queues a heartbeat, stamped with this tick, on every session.</summary>
    public void Heartbeat(DateTimeOffset at) => Heartbeat(at, 0, 1);

    /// <summary>
    /// Queues a heartbeat on one slice of the sessions (those numbered <paramref name="slice"/> modulo
    /// <paramref name="slices"/>): spread over the interval, heartbeats never arrive as one wave of writes to every
    /// connection that a notice would have to queue behind.
    /// </summary>
    public void Heartbeat(DateTimeOffset at, int slice, int slices)
    {
        foreach (var session in _byConnection.Values)
        {
            if (session.Number % slices == slice)
            {
                session.OfferHeartbeat(at);
            }
        }
    }
}
