using Microsoft.Extensions.Hosting;

namespace Alert.Broadcast.Tests;

/// <summary>An application lifetime that never stops, for building a broadcast host outside a generic host.</summary>
internal sealed class RunningApplication : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication()
    {
    }
}
