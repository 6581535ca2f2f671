using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// Every <see cref="BroadcastOptions.HeartbeatInterval"/>, a heartbeat to every connection of this host, sent in
/// <see cref="Slices"/> slices spread over the interval: one wave of 10,000 writes at once delayed any notice that met it.
/// </summary>
internal sealed class SubscriberHeartbeat(SubscriberRegistry registry, IOptions<BroadcastOptions> options, TimeProvider clock) : BackgroundService
{
    public const int Slices = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval / Slices, clock);
        var slice = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                registry.Heartbeat(clock.GetUtcNow(), slice, Slices);
                slice = (slice + 1) % Slices;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
