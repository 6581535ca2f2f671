using System.Threading.Channels;

namespace Alert.Silo.Auditing;

/// <summary>
/// Takes audit entries off the request path and writes them in batches, so auditing adds no disk wait to an ingest
/// (whose notice is already fsynced by the journal). Bounded: under a flood of refused requests new
/// entries are refused, never silently: the count of those that could not be queued is logged.
/// </summary>
public sealed partial class AuditWriter(SqliteAuditLog log, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int Capacity = 100_000;
    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private long _dropped;

    public void Record(AuditEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(256);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is queued before the host stops.
            await WriteAvailableAsync(batch, CancellationToken.None);
        }
    }

    private async Task WriteAvailableAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
            if (batch.Count == 256)
            {
                await FlushAsync(batch, cancellationToken);
            }
        }

        await FlushAsync(batch, cancellationToken);
        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            LogDropped(logger, dropped);
        }
    }

    private async Task FlushAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await Task.Run(() => log.Append(batch), cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogWriteFailed(logger, failure, batch.Count);
        }

        batch.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit queue full: {Count} entries could not be recorded")]
    private static partial void LogDropped(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} audit entries failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
