using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Hubs;

/// <summary>
/// SignalR's default lifetime manager that also keeps each connection of this host by id, so a message can be written
/// to one connection already serialized: the stock per-connection send serializes the same notice again for every
/// connection, which at 10,000 subscribers was most of the fan-out's cost.
/// </summary>
public sealed class TrackingHubLifetimeManager(ILogger<DefaultHubLifetimeManager<NoticeHub>> logger) : DefaultHubLifetimeManager<NoticeHub>(logger)
{
    private readonly ConcurrentDictionary<string, TrackedConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perKey = new(StringComparer.Ordinal);

    /// <summary>One of this host's connections, with its direct WebSocket writer when it has one.</summary>
    internal TrackedConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    /// <summary>Closes this host's connections whose caller matches (a revoked key's); they reconnect and are refused.</summary>
    public int Abort(Func<System.Security.Claims.ClaimsPrincipal, bool> caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var aborted = 0;
        foreach (var (connection, _) in _connections.Values)
        {
            if (connection.User is { } user && caller(user))
            {
                connection.Abort();
                aborted++;
            }
        }

        return aborted;
    }

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tracked = new TrackedConnection(connection, connection.Features.Get<DirectSend.DirectWebSocketWriter>());
        _connections[connection.ConnectionId] = tracked;
        Contracts.Telemetry.AlertHubMetrics.HubConnections.Add(1, tracked.SendPath);
        _perKey.AddOrUpdate(KeyOf(connection), 1, static (_, count) => count + 1);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_connections.TryRemove(connection.ConnectionId, out var tracked))
        {
            Contracts.Telemetry.AlertHubMetrics.HubConnections.Add(-1, tracked.SendPath);
            _perKey.AddOrUpdate(KeyOf(connection), 0, static (_, count) => Math.Max(0, count - 1));
        }

        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>Connections open on this host with the caller's key, the caller's included.</summary>
    public int OpenWithKeyOf(System.Security.Claims.ClaimsPrincipal? user) => _perKey.GetValueOrDefault(KeyOf(user));

    private static string KeyOf(HubConnectionContext connection) => KeyOf(connection.User);

    private static string KeyOf(System.Security.Claims.ClaimsPrincipal? user) =>
        user?.FindFirst(Contracts.Security.AlertHubClaims.KeyId)?.Value ?? string.Empty;
}
