using System.Collections.Concurrent;
using Alert.Broadcast.Subscriptions;
using Alert.Broadcast.Wire;

namespace Alert.Broadcast.Tests.Subscriptions;

/// <summary>Stands in for the SignalR connection: records what the session wrote, in order.</summary>
internal sealed class RecordingSender(TaskCompletionSource? blockFirstSend = null) : INoticeSender
{
    private readonly ConcurrentQueue<NoticeMessage> _sent = new();
    private readonly ConcurrentQueue<HeartbeatMessage> _heartbeats = new();

    public IReadOnlyList<NoticeMessage> Sent => [.. _sent];

    public IReadOnlyList<HeartbeatMessage> Heartbeats => [.. _heartbeats];

    public Task SendHeartbeatAsync(string connectionId, HeartbeatMessage heartbeat, CancellationToken cancellationToken)
    {
        _heartbeats.Enqueue(heartbeat);
        return Task.CompletedTask;
    }

    public async Task SendAsync(string connectionId, NoticeMessage message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        if (blockFirstSend is not null)
        {
            await blockFirstSend.Task.WaitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<long>> WaitForAsync(Func<IReadOnlyList<NoticeMessage>, bool> done)
    {
        for (var i = 0; i < 400 && !done(Sent); i++)
        {
            await Task.Delay(25);
        }

        return [.. Sent.Select(m => m.Sequence)];
    }
}
