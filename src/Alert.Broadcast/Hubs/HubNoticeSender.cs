using Alert.Broadcast.Subscriptions;
using Alert.Broadcast.Wire;
using Microsoft.AspNetCore.SignalR;

namespace Alert.Broadcast.Hubs;

/// <summary>Sends through SignalR to one connection of this host.</summary>
internal sealed class HubNoticeSender(IHubContext<NoticeHub> hub) : INoticeSender
{
    public Task SendAsync(string connectionId, NoticeMessage message, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).SendAsync(NoticeHub.NoticeMethod, message, cancellationToken);

    public Task SendHeartbeatAsync(string connectionId, HeartbeatMessage heartbeat, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).SendAsync(NoticeHub.HeartbeatMethod, heartbeat, cancellationToken);
}
