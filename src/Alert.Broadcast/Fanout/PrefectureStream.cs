using System.Threading.Channels;
using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Notices;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Fanout;

/// <summary>
/// This host's ordered copy of one prefecture's stream. Envelopes from the sequencer arrive one-way and may be lost
/// or duplicated; this keeps the host's last sequence, drops duplicates, reads any gap from the journal and only
/// then dispatches to local subscribers.
/// </summary>
public sealed partial class PrefectureStream
{
    private readonly Channel<(NoticeEnvelope? Envelope, long Latest)> _incoming =
        Channel.CreateUnbounded<(NoticeEnvelope?, long)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly string _prefecture;
    private readonly JournalReader _journal;
    private readonly SubscriberRegistry _subscribers;
    private readonly ILogger _logger;
    private long _last = -1;

    public PrefectureStream(string prefecture, JournalReader journal, SubscriberRegistry subscribers, ILogger logger, CancellationToken stopping)
    {
        _prefecture = prefecture;
        _journal = journal;
        _subscribers = subscribers;
        _logger = logger;
        _ = Task.Run(() => PumpAsync(stopping), stopping);
    }

    public void OnEnvelope(NoticeEnvelope envelope) => _incoming.Writer.TryWrite((envelope, envelope.Sequence));

    /// <summary>The sequencer's latest sequence, learnt at registration: anything beyond what this host has is read back.</summary>
    public void OnLatest(long latest) => _incoming.Writer.TryWrite((null, latest));

    private async Task PumpAsync(CancellationToken stopping)
    {
        await foreach (var (envelope, latest) in _incoming.Reader.ReadAllAsync(stopping))
        {
            try
            {
                await HandleAsync(envelope, latest, stopping);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // One bad envelope must not stop this prefecture's stream for the whole host.
                LogDispatchFailed(failure, _prefecture, envelope?.Sequence ?? latest);
            }
        }
    }

    private async Task HandleAsync(NoticeEnvelope? envelope, long latest, CancellationToken stopping)
    {
        // An envelope tells us everything before it exists; a latest-sequence marker tells us everything up to it.
        var knownUpTo = envelope is null ? latest : latest - 1;
        if (_last < 0)
        {
            _last = knownUpTo;
        }

        if (knownUpTo > _last)
        {
            await FillAsync(knownUpTo, stopping);
        }

        if (envelope is not null && envelope.Sequence > _last)
        {
            await _subscribers.DispatchAsync(envelope);
            _last = envelope.Sequence;
        }
    }

    private async Task FillAsync(long upTo, CancellationToken stopping)
    {
        try
        {
            await foreach (var missed in _journal.ReadAsync(_prefecture, _last, upTo, stopping))
            {
                await _subscribers.DispatchAsync(missed);
                _last = missed.Sequence;
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Subscribers fill their own gaps from the journal, and the next registration round retries this one.
            LogFillFailed(failure, _prefecture, _last, upTo);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching {Prefecture} sequence {Sequence} to this host's subscribers failed")]
    private partial void LogDispatchFailed(Exception exception, string prefecture, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Prefecture} after {After} up to {UpTo} from the journal")]
    private partial void LogFillFailed(Exception exception, string prefecture, long after, long upTo);
}
