using System.Collections.Concurrent;
using System.Threading.Channels;
using Alert.Broadcast.Fanout;
using Alert.Broadcast.Wire;
using Alert.Contracts.Notices;
using Alert.Contracts.Telemetry;
using Alert.Geo;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// One connection's subscription. A single pump per connection first replays the journal after the requested
/// sequence, then streams live envelopes that queued up meanwhile. A per-prefecture cursor drops what was already
/// sent and reads any gap back from the journal, so each prefecture's stream has no gap and no duplicate however
/// replay and live publication interleave. A connection that falls too far behind is cut off, never waited for.
/// Heartbeats travel the same queue, so the sequences they report never run ahead of what was sent.
/// </summary>
public sealed partial class SubscriberSession : IAsyncDisposable
{
    /// <summary>Live envelopes buffered per connection before it is disconnected as too slow.</summary>
    public const int LiveBufferCapacity = 4096;

    private readonly Channel<LiveItem> _live = Channel.CreateBounded<LiveItem>(
        new BoundedChannelOptions(LiveBufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<string, long> _cursors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deliveredNotices = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, long), DateTimeOffset> _recentlySent = [];
    private readonly Queue<(string, long)> _recentOrder = new();
    private readonly IReadOnlyDictionary<string, long> _after;
    private readonly JapanGeography _geography;
    private readonly Delivery.DeliveryTracker _deliveries;
    private readonly TimeProvider _clock;
    private readonly JournalReader _journal;
    private readonly INoticeSender _sender;
    private readonly Action<string> _disconnect;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, long>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _pump = Task.CompletedTask;

    public SubscriberSession(
        string connectionId,
        string organisation,
        IReadOnlyList<string> prefectures,
        IReadOnlyDictionary<string, long> after,
        SubscriptionFilter filter,
        SubscriberContext context,
        INoticeSender sender,
        Action<string> disconnect)
    {
        ArgumentNullException.ThrowIfNull(context);
        ConnectionId = connectionId;
        Organisation = organisation;
        Prefectures = prefectures;
        Filter = filter;
        _after = after;
        _geography = context.Geography;
        _deliveries = context.Deliveries;
        _clock = context.Clock;
        _journal = context.Journal;
        _logger = context.Logger;
        _sender = sender;
        _disconnect = disconnect;
    }

    public string ConnectionId { get; }

    /// <summary>The subscriber's organisation (a transmitter's slug, a municipality or prefecture code).</summary>
    public string Organisation { get; }

    /// <summary>When a recently sent envelope was handed to the hosts, for the acknowledgement histogram.</summary>
    public DateTimeOffset? PublishedAt(string prefecture, long sequence)
    {
        lock (_recentlySent)
        {
            return _recentlySent.TryGetValue((prefecture, sequence), out var at) ? at : null;
        }
    }

    /// <summary>Whether this connection's stream of the prefecture has reached the sequence (sent or filtered out).</summary>
    public bool HasReached(string prefecture, long sequence) => _cursors.TryGetValue(prefecture, out var cursor) && cursor >= sequence;

    public IReadOnlyList<string> Prefectures { get; }

    public SubscriptionFilter Filter { get; }

    /// <summary>This session's number in the host's location index (set by the registry when it has a location).</summary>
    internal long FenceId { get; set; }

    /// <summary>
    /// Completes once the session knows where each prefecture's stream starts (the requested <c>after</c>, or the latest
    /// sequence for a live-only prefecture): everything after it will be delivered.
    /// </summary>
    public Task<IReadOnlyDictionary<string, long>> Started => _started.Task;

    /// <summary>Starts replay then live delivery. Call after the session receives live envelopes.</summary>
    public void Start() => _pump = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Queues a live envelope without waiting; a full buffer disconnects the subscriber.</summary>
    public void Offer(NoticeEnvelope envelope) => Offer(envelope, null, null);

    /// <summary>
    /// Queues a live envelope with its wire message and, for a location subscription, whether the envelope reaches the
    /// location: both decided once by the host for all its connections rather than once per connection.
    /// </summary>
    public void Offer(NoticeEnvelope envelope, NoticeMessage? message, bool? reachesLocation)
    {
        if (!_live.Writer.TryWrite(new LiveItem(envelope, message, reachesLocation)) && !_stop.IsCancellationRequested)
        {
            LogTooSlow(ConnectionId, LiveBufferCapacity);
            _stop.Cancel();
            _disconnect(ConnectionId);
        }
    }

    /// <summary>Queues a heartbeat; when the buffer is full the next envelope or heartbeat says as much, so none is forced in.</summary>
    public void OfferHeartbeat() => _live.Writer.TryWrite(LiveItem.Heartbeat);

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

            await foreach (var (item, message, reachesLocation) in _live.Reader.ReadAllAsync(cancellationToken))
            {
                if (item is not { } envelope)
                {
                    await _sender.SendHeartbeatAsync(ConnectionId, new HeartbeatMessage(new Dictionary<string, long>(_cursors, StringComparer.Ordinal), _clock.GetUtcNow()), cancellationToken);
                    continue;
                }

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

                await DeliverAsync(envelope, cancellationToken, message, reachesLocation);
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

    private async Task DeliverAsync(NoticeEnvelope envelope, CancellationToken cancellationToken, NoticeMessage? message = null, bool? reachesLocation = null)
    {
        if (envelope.Sequence <= _cursors[envelope.Prefecture])
        {
            return;
        }

        if (Wanted(envelope, reachesLocation))
        {
            await _sender.SendAsync(ConnectionId, message ?? NoticeMessage.From(envelope), cancellationToken);
            var sentAt = _clock.GetUtcNow();
            _deliveries.Sent(Organisation, envelope.Prefecture, envelope.Sequence);
            if (envelope.PublishedAt is { } publishedAt)
            {
                AlertHubMetrics.Send.Record(AlertHubMetrics.Milliseconds(publishedAt, sentAt));
                RememberPublished(envelope.Prefecture, envelope.Sequence, publishedAt);
            }

            if (envelope.Ends)
            {
                _deliveredNotices.Remove(envelope.Id);
            }
            else
            {
                _deliveredNotices.Add(envelope.Id);
            }
        }

        _cursors[envelope.Prefecture] = envelope.Sequence;
    }

    private void RememberPublished(string prefecture, long sequence, DateTimeOffset publishedAt)
    {
        // Enough to acknowledge a burst; an acknowledgement of something older is still recorded, just not timed.
        const int Remembered = 256;
        lock (_recentlySent)
        {
            _recentlySent[(prefecture, sequence)] = publishedAt;
            _recentOrder.Enqueue((prefecture, sequence));
            if (_recentOrder.Count > Remembered)
            {
                _recentlySent.Remove(_recentOrder.Dequeue());
            }
        }
    }

    private bool Wanted(NoticeEnvelope envelope, bool? reachesLocation)
    {
        // A notice this subscriber has been told about stays followed to its end, matching or not (SubscriptionFilter).
        if (_deliveredNotices.Contains(envelope.Id))
        {
            return true;
        }

        if (!Filter.MatchesWithoutLocation(envelope))
        {
            return false;
        }

        return Filter.Location is not { } fence || (reachesLocation ?? fence.Reaches(NoticeFootprint.Of(envelope, _geography)));
    }

    private readonly record struct LiveItem(NoticeEnvelope? Envelope, NoticeMessage? Message, bool? ReachesLocation)
    {
        public static LiveItem Heartbeat => default;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber {ConnectionId} fell {Capacity} envelopes behind and is disconnected; it resumes from its sequence")]
    private partial void LogTooSlow(string connectionId, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery to subscriber {ConnectionId} failed; disconnecting it so it resumes")]
    private partial void LogPumpFailed(Exception exception, string connectionId);
}
