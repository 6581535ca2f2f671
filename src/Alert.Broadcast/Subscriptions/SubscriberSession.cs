using System.Threading.Channels;
using Alert.Broadcast.Fanout;
using Alert.Broadcast.Wire;
using Alert.Contracts.Notices;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// One connection's subscription. A single pump per connection first replays the journal after the requested
/// sequence, then streams live envelopes that queued up meanwhile. A per-prefecture cursor drops what was already
/// sent and reads any gap back from the journal, so each prefecture's stream has no gap and no duplicate however
/// replay and live publication interleave. A connection that falls too far behind is cut off, never waited for.
/// </summary>
public sealed partial class SubscriberSession : IAsyncDisposable
{
    /// <summary>Live envelopes buffered per connection before it is disconnected as too slow.</summary>
    public const int LiveBufferCapacity = 4096;

    private readonly Channel<(NoticeEnvelope Envelope, NoticeMessage? Message)> _live = Channel.CreateBounded<(NoticeEnvelope, NoticeMessage?)>(
        new BoundedChannelOptions(LiveBufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Dictionary<string, long> _cursors = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, long> _after;
    private readonly IReadOnlySet<string> _statuses;
    private readonly JournalReader _journal;
    private readonly INoticeSender _sender;
    private readonly Action<string> _disconnect;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, long>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _pump = Task.CompletedTask;

    public SubscriberSession(
        string connectionId,
        IReadOnlyList<string> prefectures,
        IReadOnlyDictionary<string, long> after,
        IReadOnlySet<string> statuses,
        JournalReader journal,
        INoticeSender sender,
        Action<string> disconnect,
        ILogger logger)
    {
        ConnectionId = connectionId;
        Prefectures = prefectures;
        _after = after;
        _statuses = statuses;
        _journal = journal;
        _sender = sender;
        _disconnect = disconnect;
        _logger = logger;
    }

    public string ConnectionId { get; }

    public IReadOnlyList<string> Prefectures { get; }

    /// <summary>
    /// Completes once the session knows where each prefecture's stream starts (the requested <c>after</c>, or the latest
    /// sequence for a live-only prefecture): everything after it will be delivered.
    /// </summary>
    public Task<IReadOnlyDictionary<string, long>> Started => _started.Task;

    /// <summary>Starts replay then live delivery. Call after the session receives live envelopes.</summary>
    public void Start() => _pump = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Queues a live envelope without waiting; a full buffer disconnects the subscriber.</summary>
    public void Offer(NoticeEnvelope envelope) => Offer(envelope, null);

    /// <summary>
    /// Queues a live envelope with its wire message, built once by the host for all its connections rather than once
    /// per connection.
    /// </summary>
    public void Offer(NoticeEnvelope envelope, NoticeMessage? message)
    {
        if (!_live.Writer.TryWrite((envelope, message)) && !_stop.IsCancellationRequested)
        {
            LogTooSlow(ConnectionId, LiveBufferCapacity);
            _stop.Cancel();
            _disconnect(ConnectionId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Cancel first: an Offer racing with disposal then sees a stopped session, not a "too slow" one.
        await _stop.CancelAsync();
        _live.Writer.TryComplete();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var prefecture in Prefectures)
            {
                _cursors[prefecture] = _after.TryGetValue(prefecture, out var after)
                    ? after
                    : await _journal.LatestSequenceAsync(prefecture, cancellationToken);
            }

            _started.TrySetResult(new Dictionary<string, long>(_cursors, StringComparer.Ordinal));

            foreach (var prefecture in Prefectures)
            {
                await foreach (var envelope in _journal.ReadAsync(prefecture, _cursors[prefecture], null, cancellationToken))
                {
                    await DeliverAsync(envelope, cancellationToken);
                }
            }

            await foreach (var (envelope, message) in _live.Reader.ReadAllAsync(cancellationToken))
            {
                var cursor = _cursors[envelope.Prefecture];
                if (envelope.Sequence <= cursor)
                {
                    continue;
                }

                if (envelope.Sequence > cursor + 1)
                {
                    await foreach (var missed in _journal.ReadAsync(envelope.Prefecture, cursor, envelope.Sequence - 1, cancellationToken))
                    {
                        await DeliverAsync(missed, cancellationToken);
                    }
                }

                await DeliverAsync(envelope, cancellationToken, message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // disconnected or cut off
            _started.TrySetCanceled(cancellationToken);
        }
        catch (Exception failure)
        {
            _started.TrySetException(failure);
            // Without a complete stream the subscriber must not believe it is up to date: cut it off so it resumes.
            LogPumpFailed(failure, ConnectionId);
            _disconnect(ConnectionId);
        }
    }

    private async Task DeliverAsync(NoticeEnvelope envelope, CancellationToken cancellationToken, NoticeMessage? message = null)
    {
        if (envelope.Sequence <= _cursors[envelope.Prefecture])
        {
            return;
        }

        if (_statuses.Contains(envelope.Status))
        {
            await _sender.SendAsync(ConnectionId, message ?? NoticeMessage.From(envelope), cancellationToken);
        }

        _cursors[envelope.Prefecture] = envelope.Sequence;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber {ConnectionId} fell {Capacity} envelopes behind and is disconnected; it resumes from its sequence")]
    private partial void LogTooSlow(string connectionId, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery to subscriber {ConnectionId} failed; disconnecting it so it resumes")]
    private partial void LogPumpFailed(Exception exception, string connectionId);
}
