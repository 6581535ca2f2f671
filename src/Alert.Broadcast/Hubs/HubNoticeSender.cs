using System.Runtime.CompilerServices;
using Alert.Broadcast.Subscriptions;
using Alert.Broadcast.Wire;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alert.Broadcast.Hubs;

/// <summary>
/// Writes to one connection of this host. A live notice's message object is shared by all of the host's connections
/// (built once per envelope), and so is its serialized form: SignalR's <see cref="SerializedHubMessage"/> serializes
/// once per protocol (JSON, MessagePack) however many connections it is written to.
/// </summary>
internal sealed class HubNoticeSender(TrackingHubLifetimeManager connections) : INoticeSender
{
    private readonly ConditionalWeakTable<NoticeMessage, SerializedHubMessage> _serialized = [];

    public Task SendAsync(string connectionId, NoticeMessage message, CancellationToken cancellationToken)
    {
        var serialized = _serialized.GetValue(message, static m => new SerializedHubMessage(new InvocationMessage(NoticeHub.NoticeMethod, [m])));
        return WriteAsync(connectionId, serialized, cancellationToken);
    }

    public Task SendHeartbeatAsync(string connectionId, HeartbeatMessage heartbeat, CancellationToken cancellationToken) =>
        WriteAsync(connectionId, new SerializedHubMessage(new InvocationMessage(NoticeHub.HeartbeatMethod, [heartbeat])), cancellationToken);

    private Task WriteAsync(string connectionId, SerializedHubMessage message, CancellationToken cancellationToken) =>
        connections.Find(connectionId) is { } connection ? connection.WriteAsync(message, cancellationToken).AsTask() : Task.CompletedTask;
}
