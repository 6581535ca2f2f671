using Alert.Broadcast.Wire;

namespace Alert.Broadcast.Subscriptions;

/// <summary>Writes one message to one connection of this host.</summary>
public interface INoticeSender
{
    Task SendAsync(string connectionId, NoticeMessage message, CancellationToken cancellationToken);

    Task SendHeartbeatAsync(string connectionId, HeartbeatMessage heartbeat, CancellationToken cancellationToken);
}
