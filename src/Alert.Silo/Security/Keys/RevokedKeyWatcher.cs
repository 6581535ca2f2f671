using System.Security.Claims;
using Alert.Broadcast.Grpc;
using Alert.Broadcast.Hubs;
using Alert.Contracts.Security;

namespace Alert.Silo.Security.Keys;

/// <summary>
/// Every request checks its key against the registry, but a subscription opened before a revocation stays open: this
/// watcher reads the keys revoked since its last look, every second, and closes this host's hub connections and gRPC
/// feed streams that were opened with them. Every host runs one against the shared registry, so revocation reaches all of them.
/// </summary>
public sealed partial class RevokedKeyWatcher(SqliteKeyRegistry registry, TrackingHubLifetimeManager connections, OpenFeedStreams streams, TimeProvider time, ILogger<RevokedKeyWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var since = time.GetUtcNow().ToUnixTimeMilliseconds() - 1;
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var (keyId, revokedAt) in registry.RevokedSince(since))
                {
                    since = Math.Max(since, revokedAt);
                    var closed = connections.Abort(user => user.FindFirstValue(AlertHubClaims.KeyId) == keyId) + streams.End(keyId);
                    LogRevoked(logger, keyId, closed);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogCheckFailed(logger, failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {KeyId} revoked: closed {Count} open hub connection(s) and feed stream(s)")]
    private static partial void LogRevoked(ILogger logger, string keyId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking for revoked keys failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
