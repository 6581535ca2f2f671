using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Alert.Broadcast.Subscriptions;
using Alert.Broadcast.Wire;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alert.Broadcast.Hubs;

/// <summary>
/// Writes to one connection of this host. A live notice's message object is shared by all of the host's connections
/// (built once per envelope), and so is its serialized form (<see cref="SharedHubMessage"/>: once per protocol however
/// many connections it is written to). A WebSocket connection with direct send gets the bytes straight onto its
/// socket; any other goes through SignalR's connection as usual.
/// </summary>
internal sealed class HubNoticeSender(TrackingHubLifetimeManager connections) : INoticeSender
{
    private readonly ConditionalWeakTable<NoticeMessage, SharedHubMessage> _serialized = [];

    // One heartbeat tick's messages by content: connections that have reached the same sequences share one.
    private readonly ConcurrentDictionary<string, SharedHubMessage> _heartbeats = new(StringComparer.Ordinal);
    private DateTimeOffset _heartbeatTick;

    public Task SendAsync(string connectionId, NoticeMessage message, CancellationToken cancellationToken)
    {
        var serialized = _serialized.GetValue(message, static m => new SharedHubMessage(new InvocationMessage(NoticeHub.NoticeMethod, [m])));
        return WriteAsync(connectionId, serialized, cancellationToken);
    }

    public Task SendHeartbeatAsync(string connectionId, HeartbeatMessage heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        lock (_heartbeats)
        {
            if (heartbeat.At != _heartbeatTick)
            {
                _heartbeats.Clear();
                _heartbeatTick = heartbeat.At;
            }
        }

        var key = heartbeat.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + string.Join(';', heartbeat.Sequences.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
        var serialized = _heartbeats.GetOrAdd(key, static (_, h) => new SharedHubMessage(new InvocationMessage(NoticeHub.HeartbeatMethod, [h])), heartbeat);
        return WriteAsync(connectionId, serialized, cancellationToken);
    }

    private Task WriteAsync(string connectionId, SharedHubMessage message, CancellationToken cancellationToken)
    {
        // An aborted connection (a revoked key, a subscriber cut off) gets nothing more, as SignalR's own write ensures.
        if (connections.Find(connectionId) is not var (connection, direct) || connection.ConnectionAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        if (direct is null)
        {
            return connection.WriteAsync(message.Serialized, cancellationToken).AsTask();
        }

        var sending = direct.SendMessageAsync(message.For(connection.Protocol), cancellationToken);
        return sending.IsCompletedSuccessfully ? Task.CompletedTask : sending.AsTask();
    }
}
