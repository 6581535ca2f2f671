using Alert.Contracts.Broadcasting;
using Alert.Contracts.Sequencing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Fanout;

/// <summary>
/// Registers this host with every prefecture's sequencer at start-up (before the host takes traffic) and renews the
/// leases every 30 seconds. Each renewal returns the latest sequence, so a host that missed a one-way message, or
/// whose sequencer moved to another silo, catches up from the journal within one round.
/// </summary>
public sealed partial class BroadcastHostRegistration(
    IGrainFactory grains,
    BroadcastHost host,
    TimeProvider timeProvider,
    ILogger<BroadcastHostRegistration> logger) : IHostedService, IHealthCheck, IAsyncDisposable
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private IBroadcastHostObserver? _reference;
    private Task _loop = Task.CompletedTask;
    private DateTimeOffset _lastCompleteRound = DateTimeOffset.MinValue;
    private int _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IBroadcastHostObserver>(host);
        await RegisterAllAsync(cancellationToken);
        _loop = Task.Run(() => RenewAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        await Task.WhenAll(PrefectureCodes.All.Select(async p =>
        {
            try
            {
                await grains.GetGrain<IPrefectureGrain>(p).UnregisterHost(host.HostId, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogUnregisterFailed(failure, p);
            }
        }));
    }

    /// <summary>Ready while every sequencer has this host's registration.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(timeProvider.GetUtcNow() - _lastCompleteRound < RenewEvery * 2
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("broadcast host not registered with every sequencer"));

    public async ValueTask DisposeAsync()
    {
        // Registered as a singleton and as a hosted service, so the container may dispose it twice (seen on a failed start).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _stopping.Dispose();
        if (_reference is not null)
        {
            grains.DeleteObjectReference<IBroadcastHostObserver>(_reference);
        }
    }

    private async Task RenewAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(RenewEvery, timeProvider);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await RegisterAllAsync(stopping);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogRenewFailed(failure);
            }
        }
    }

    private async Task RegisterAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(PrefectureCodes.All.Select(async p =>
        {
            var latest = await grains.GetGrain<IPrefectureGrain>(p).RegisterHost(host.HostId, _reference!, cancellationToken);
            host.OnLatest(p, latest);
        }));
        _lastCompleteRound = timeProvider.GetUtcNow();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the broadcast host's registrations failed; retrying next round")]
    private partial void LogRenewFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unregistering the broadcast host from {Prefecture} failed")]
    private partial void LogUnregisterFailed(Exception exception, string prefecture);
}
