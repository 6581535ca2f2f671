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
    private readonly ConcurrentDictionary<string, PrefectureSubscribers> _byPrefecture = new(StringComparer.Ordinal);
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
            _byPrefecture.GetOrAdd(prefecture, _ => new()).Add(session);
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
                sessions.Remove(connectionId);
            }
        }

        if (session.Filter.Location is not null)
        {
            _locations.Remove(session.FenceId);
        }

        await session.DisposeAsync();
    }

    /// <summary>Connections per partition below which one thread hands an envelope to all of them.</summary>
    public const int PartitionSize = 2048;

    /// <summary>
    /// Hands an envelope to every session subscribed to its prefecture, without waiting on any of them. Many sessions
    /// are split into one partition per core, offered in parallel: the hand-off (the write into each connection's
    /// pipe) is most of the fan-out's cost, and one thread doing it for 10,000 connections was the critical path.
    /// Completes when every session has been offered the envelope, so the next one never overtakes it.
    /// </summary>
    public Task DispatchAsync(NoticeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.PublishedAt is { } publishedAt)
        {
            publications?.Add(envelope.Prefecture, envelope.Sequence, publishedAt);
        }

        if (!_byPrefecture.TryGetValue(envelope.Prefecture, out var sessions) || sessions.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var offer = new Offering(envelope, Wire.NoticeMessage.From(envelope), sessions.Current(), _locations, geography);
        var partitions = Math.Min(Environment.ProcessorCount, (offer.Sessions.Length + PartitionSize - 1) / PartitionSize);
        if (partitions <= 1)
        {
            offer.Run(0, offer.Sessions.Length);
            return Task.CompletedTask;
        }

        var size = (offer.Sessions.Length + partitions - 1) / partitions;
        var others = new Task[partitions - 1];
        for (var p = 1; p < partitions; p++)
        {
            var from = p * size;
            others[p - 1] = Task.Run(() => offer.Run(from, Math.Min(from + size, offer.Sessions.Length)));
        }

        offer.Run(0, size);
        return Task.WhenAll(others);
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

    /// <summary>One envelope being offered to a snapshot of sessions, from any number of threads.</summary>
    private sealed class Offering(NoticeEnvelope envelope, Wire.NoticeMessage message, SubscriberSession[] sessions, GeofenceIndex locations, JapanGeography geography)
    {
        private HashSet<long>? _reached;

        public SubscriberSession[] Sessions => sessions;

        public void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var session = sessions[i];
                bool? reachesLocation = session.Filter.Location is null ? null : Reached().Contains(session.FenceId);
                session.Offer(envelope, message, reachesLocation);
            }
        }

        // The locations the envelope reaches, found once for all sessions whichever partition asks first.
        private HashSet<long> Reached()
        {
            if (Volatile.Read(ref _reached) is { } reached)
            {
                return reached;
            }

            HashSet<long> found = [.. locations.Inside(NoticeFootprint.Of(envelope, geography))];
            return Interlocked.CompareExchange(ref _reached, found, null) ?? found;
        }
    }
}
