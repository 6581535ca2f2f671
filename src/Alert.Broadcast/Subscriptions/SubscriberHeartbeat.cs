using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alert.Broadcast.Subscriptions;

/// <summary>Every <see cref="BroadcastOptions.HeartbeatInterval"/>, a heartbeat to every connection of this host.</summary>
internal sealed class SubscriberHeartbeat(SubscriberRegistry registry, IOptions<BroadcastOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                registry.Heartbeat(clock.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
