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
/// A live envelope that arrives while the session is caught up and idle is written at once by the dispatching thread
/// (the next in sequence, nothing queued): at 10,000 connections the queue hop per connection was a large share of
/// the fan-out. A delivery token keeps that fast path and the pump from ever writing at the same time.
/// </summary>
public sealed partial class SubscriberSession : IAsyncDisposable
{
    /// <summary>Live envelopes buffered per connection before it is disconnected as too slow.</summary>
    public const int LiveBufferCapacity = 4096;

    // Unbounded, with the bound kept by _queued: a bounded channel locks to count its items, and the fast path asks
    // "is anything queued?" once per connection per notice.
    private readonly Channel<LiveItem> _live = Channel.CreateUnbounded<LiveItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly StreamCursors _cursors;
    private readonly HashSet<string> _deliveredNotices = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, long> _after;
    private readonly JapanGeography _geography;
    private readonly Delivery.DeliveryTracker _deliveries;
    private readonly TimeProvider _clock;
    private readonly JournalReader _journal;
    private readonly INoticeSender _sender;
    private readonly Action<string> _disconnect; // closes the connection, given the reason (DisconnectReasons)
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, long>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _pump = Task.CompletedTask;
    private int _delivering; // the delivery token: 1 while the pump or the fast path is writing
    private int _queued; // live items queued, counted before they are written and after they are read (never too low)
    private volatile Task? _inFlight; // a fast-path write that did not complete at once
    private volatile bool _streamingLive; // replay done: the fast path may be used

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
        _cursors = new StreamCursors(prefectures);
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

    /// <summary>Whether this connection's stream of the prefecture has reached the sequence (sent or filtered out).</summary>
    public bool HasReached(string prefecture, long sequence) => _cursors.TryGet(prefecture, out var cursor) && cursor >= sequence;

    public IReadOnlyList<string> Prefectures { get; }

    public SubscriptionFilter Filter { get; }

    /// <summary>This session's number in the host's location index (set by the registry when it has a location).</summary>
    internal long FenceId { get; set; }

    /// <summary>This session's number on the host (set by the registry): which heartbeat slice it is in.</summary>
    internal long Number { get; set; }

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
        ArgumentNullException.ThrowIfNull(envelope);
        if (TryTakeIdle())
        {
            if (_cursors.TryGet(envelope.Prefecture, out var cursor) && envelope.Sequence == cursor + 1)
            {
                Task write;
                try
                {
                    write = DeliverAsync(envelope, _stop.Token, message, reachesLocation);
                }
                catch (Exception failure)
                {
                    write = Task.FromException(failure);
                }

                Finish(write);
                return;
            }

            Volatile.Write(ref _delivering, 0);
        }

        if (Interlocked.Increment(ref _queued) > LiveBufferCapacity)
        {
            Interlocked.Decrement(ref _queued);
            if (!_stop.IsCancellationRequested)
            {
                LogTooSlow(ConnectionId, LiveBufferCapacity);
                _stop.Cancel();
                _disconnect(DisconnectReasons.TooSlow(LiveBufferCapacity));
            }

            return;
        }

        if (!_live.Writer.TryWrite(new LiveItem(envelope, message, reachesLocation)))
        {
            Interlocked.Decrement(ref _queued); // stopped
        }
    }

    // The delivery token, taken only when nothing is queued and replay is over: the caller may write at once.
    private bool TryTakeIdle()
    {
        if (!_streamingLive || Volatile.Read(ref _queued) != 0 || _stop.IsCancellationRequested || Interlocked.CompareExchange(ref _delivering, 1, 0) != 0)
        {
            return false;
        }

        if (Volatile.Read(ref _queued) == 0)
        {
            return true;
        }

        Volatile.Write(ref _delivering, 0);
        return false;
    }

    // Holding the token: a write that completed releases it at once; one that has to wait keeps it until done.
    private void Finish(Task write)
    {
        if (write.IsCompletedSuccessfully)
        {
            Volatile.Write(ref _delivering, 0);
            return;
        }

        _inFlight = write;
        _ = write.ContinueWith(
            static (done, state) =>
            {
                var session = (SubscriberSession)state!;
                session._inFlight = null;
                Volatile.Write(ref session._delivering, 0);
                if (done.IsFaulted && !session._stop.IsCancellationRequested)
                {
                    session.LogPumpFailed(done.Exception!.GetBaseException(), session.ConnectionId);
                    session._disconnect(DisconnectReasons.DeliveryFailed);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.CompareExchange(ref _delivering, 1, 0) != 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_inFlight is { } write)
            {
                await write.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>Queues a heartbeat; when the buffer is full the next envelope or heartbeat says as much, so none is forced in.</summary>
    public void OfferHeartbeat() => OfferHeartbeat(_clock.GetUtcNow());

    /// <summary>Queues a heartbeat stamped with the host's tick, so connections at the same sequences share one message.</summary>
    public void OfferHeartbeat(DateTimeOffset at)
    {
        if (TryTakeIdle())
        {
            Task write;
            try
            {
                write = SendHeartbeatAsync(at, _stop.Token);
            }
            catch (Exception failure)
            {
                write = Task.FromException(failure);
            }

            Finish(write);
            return;
        }

        // Past the bound, the heartbeat is dropped rather than the subscriber: the next envelope carries the news.
        if (Interlocked.Increment(ref _queued) > LiveBufferCapacity || !_live.Writer.TryWrite(new LiveItem(null, null, null, at)))
        {
            Interlocked.Decrement(ref _queued);
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

            _started.TrySetResult(_cursors.Snapshot());

            foreach (var prefecture in Prefectures)
            {
                await foreach (var envelope in _journal.ReadAsync(prefecture, _cursors[prefecture], null, cancellationToken))
                {
                    await DeliverAsync(envelope, cancellationToken);
                }
            }

            _streamingLive = true;
            while (await _live.Reader.WaitToReadAsync(cancellationToken))
            {
                await AcquireAsync(cancellationToken);
                try
                {
                    while (_live.Reader.TryRead(out var item))
                    {
                        Interlocked.Decrement(ref _queued);
                        await HandleLiveAsync(item, cancellationToken);
                    }
                }
                finally
                {
                    Volatile.Write(ref _delivering, 0);
                }
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
            _disconnect(DisconnectReasons.DeliveryFailed);
        }
    }

    private Task SendHeartbeatAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        _sender.SendHeartbeatAsync(ConnectionId, new HeartbeatMessage(_cursors.Snapshot(), at), cancellationToken);

    private async Task HandleLiveAsync(LiveItem item, CancellationToken cancellationToken)
    {
        if (item.Envelope is not { } envelope)
        {
            await SendHeartbeatAsync(item.At, cancellationToken);
            return;
        }

        var cursor = _cursors[envelope.Prefecture];
        if (envelope.Sequence <= cursor)
        {
            return;
        }

        if (envelope.Sequence > cursor + 1)
        {
            await foreach (var missed in _journal.ReadAsync(envelope.Prefecture, cursor, envelope.Sequence - 1, cancellationToken))
            {
                await DeliverAsync(missed, cancellationToken);
            }
        }

        await DeliverAsync(envelope, cancellationToken, item.Message, item.ReachesLocation);
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
            }

            // Only a narrowing filter can drop a later revision, so only then is the notice remembered (per session,
            // it would otherwise hold every notice in force for every connection).
            if (envelope.Ends)
            {
                _deliveredNotices.Remove(envelope.Id);
            }
            else if (Filter.Narrows)
            {
                _deliveredNotices.Add(envelope.Id);
            }
        }

        _cursors[envelope.Prefecture] = envelope.Sequence;
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

    /// <summary>A live envelope with what the host decided for it, or (no envelope) a heartbeat stamped <see cref="At"/>.</summary>
    private readonly record struct LiveItem(NoticeEnvelope? Envelope, NoticeMessage? Message, bool? ReachesLocation, DateTimeOffset At = default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber {ConnectionId} fell {Capacity} envelopes behind and is disconnected; it resumes from its sequence")]
    private partial void LogTooSlow(string connectionId, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery to subscriber {ConnectionId} failed; disconnecting it so it resumes")]
    private partial void LogPumpFailed(Exception exception, string connectionId);
}
