using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Alert.Silo.Journal;

/// <summary>Ready when the journal answers a read.</summary>
internal sealed class JournalHealthCheck(INoticeJournal journal) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = await journal.GetLatestSequenceAsync("13", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception failure)
        {
            return HealthCheckResult.Unhealthy("journal unreadable", failure);
        }
    }
}
