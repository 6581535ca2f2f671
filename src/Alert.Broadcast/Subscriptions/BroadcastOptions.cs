using System.ComponentModel.DataAnnotations;

namespace Alert.Broadcast.Subscriptions;

/// <summary>Fan-out settings, bound from the <c>AlertHub:Broadcast</c> configuration section.</summary>
public sealed class BroadcastOptions
{
    public const string Section = "AlertHub:Broadcast";

    /// <summary>How often each connection gets a heartbeat with its stream's sequences (5 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connections one key may hold open on one host. A broadcaster needs a few; an app's backend that fans out to
    /// phones needs more; a leaked key must not be able to take every socket the host has (20,000 by default).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerKey { get; set; } = 20_000;

    /// <summary>
    /// Whether hub connections over WebSockets send straight to their socket from the writing thread (true by default)
    /// rather than through SignalR's per-connection pipe and send loop. Off restores SignalR's stock transport; the
    /// load tool measures both.
    /// </summary>
    public bool DirectWebSocketSend { get; set; } = true;
}
