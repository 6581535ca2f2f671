using System.Collections.Concurrent;
using Alert.Contracts.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alert.Broadcast.Delivery;

/// <summary>
/// This host's delivery reports, batched: the first send of each envelope to each transmitter organisation and every
/// acknowledgement are collected in memory and flushed to each prefecture's ledger grain every
/// <see cref="DeliveryOptions.FlushInterval"/>, one Orleans message per prefecture per flush however many connections
/// an organisation has. A report that fails to flush is kept for the next round.
/// </summary>
public sealed partial class DeliveryTracker(IGrainFactory grains, TimeProvider clock, IOptions<DeliveryOptions> options, ILogger<DeliveryTracker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(string Prefecture, long Sequence, string Organisation), DateTimeOffset> _sent = new();
    private readonly ConcurrentDictionary<(string Prefecture, long Sequence, string Organisation), DateTimeOffset> _acknowledged = new();

    // Reported recently: keeps 10,000 connections of one organisation from re-reporting the same first send.
    private readonly ConcurrentDictionary<(string Prefecture, long Sequence, string Organisation), DateTimeOffset> _reported = new();

    public void Sent(string organisation, string prefecture, long sequence)
    {
        // Called once per connection per notice, mostly for a key already noted: look before adding, since adding
        // takes a lock even when the key is there.
        var key = (prefecture, sequence, organisation);
        if (!_sent.ContainsKey(key) && !_reported.ContainsKey(key))
        {
            _sent.TryAdd(key, clock.GetUtcNow());
        }
    }

    public void Acknowledged(string organisation, string prefecture, long sequence, DateTimeOffset at) =>
        _acknowledged.AddOrUpdate((prefecture, sequence, organisation), at, (_, earlier) => earlier <= at ? earlier : at);

    /// <summary>Sends everything collected so far; also called on shutdown.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var reports = new Dictionary<string, List<DeliveryReport>>(StringComparer.Ordinal);
        foreach (var (key, at) in _sent)
        {
            if (_sent.TryRemove(key, out _))
            {
                Add(reports, key.Prefecture, new DeliveryReport(key.Organisation, key.Sequence, at, null));
                _reported[key] = at;
            }
        }

        foreach (var (key, at) in _acknowledged)
        {
            if (_acknowledged.TryRemove(key, out _))
            {
                Add(reports, key.Prefecture, new DeliveryReport(key.Organisation, key.Sequence, null, at));
            }
        }

        foreach (var (prefecture, batch) in reports)
        {
            try
            {
                await grains.GetGrain<IDeliveryLedgerGrain>(prefecture).Record(batch, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFlushFailed(failure, prefecture, batch.Count);
                foreach (var report in batch)
                {
                    var key = (prefecture, report.Sequence, report.Organisation);
                    if (report.SentAt is { } sent)
                    {
                        _reported.TryRemove(key, out _);
                        _sent.TryAdd(key, sent);
                    }

                    if (report.AcknowledgedAt is { } acknowledged)
                    {
                        Acknowledged(report.Organisation, prefecture, report.Sequence, acknowledged);
                    }
                }
            }
        }

        var forgetBefore = clock.GetUtcNow() - options.Value.RememberReported;
        foreach (var (key, at) in _reported)
        {
            if (at < forgetBefore)
            {
                _reported.TryRemove(key, out _);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the last round below
        }

        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await FlushAsync(last.Token);
    }

    private static void Add(Dictionary<string, List<DeliveryReport>> reports, string prefecture, DeliveryReport report)
    {
        if (!reports.TryGetValue(prefecture, out var list))
        {
            reports[prefecture] = list = [];
        }

        list.Add(report);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} delivery reports for prefecture {Prefecture}; retrying at the next flush")]
    private partial void LogFlushFailed(Exception exception, string prefecture, int count);
}
