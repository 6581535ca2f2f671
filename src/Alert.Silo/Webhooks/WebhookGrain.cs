using Alert.Broadcast.Webhooks;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Webhooks;

/// <summary>
/// The one deliverer of one webhook endpoint in the cluster. Sequencers hand it each new envelope; a single pump sends
/// them in sequence order per prefecture through the endpoint's own pipeline, reading any gap (after a restart, after
/// an outage, or past its in-memory queue) back from the journal. Its cursor is stored after each envelope, so after
/// a restart it resumes where it stopped (at-least-once; receivers drop repeats by the delivery id). While the circuit
/// is open nothing is sent and nothing is given up: when a probe succeeds the backlog goes out in order.
/// </summary>
internal sealed partial class WebhookGrain(
    IWebhookStore store,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain
{
    // Envelopes kept in memory per prefecture while the endpoint is behind; beyond this they are read back.
    private const int QueueLimit = 1024;
    private const int ReadPage = 256;

    private readonly Dictionary<string, long> _delivered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<NoticeEnvelope>> _queues = new(StringComparer.Ordinal);
    private WebhookRegistration? _registration;
    private WebhookPipeline? _pipeline;
    private bool _pumping;
    private int _deadLetters;
    private DateTimeOffset? _lastSuccessAt;
    private DateTimeOffset? _lastFailureAt;
    private string? _lastError;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _registration = await store.LoadAsync(Id, cancellationToken);
        if (_registration is null)
        {
            return;
        }

        foreach (var (prefecture, sequence) in await store.LoadCursorsAsync(Id, cancellationToken))
        {
            _delivered[prefecture] = sequence;
        }

        _deadLetters = (await store.LoadDeadLettersAsync(Id, cancellationToken)).Count;
        await StartAsync(cancellationToken);
    }

    public async Task<WebhookRegistration> Register(WebhookRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (_registration is not null)
        {
            return _registration;
        }

        await store.SaveAsync(registration, cancellationToken);
        _registration = registration;

        // Starting learns each prefecture's latest sequence; with no cursor yet, delivery starts after it.
        await StartAsync(cancellationToken);
        foreach (var (prefecture, sequence) in _delivered)
        {
            await store.SaveCursorAsync(Id, prefecture, sequence, cancellationToken);
        }

        LogRegistered(Id, registration.Organisation, registration.Url);
        return registration;
    }

    public async Task Delete(CancellationToken cancellationToken)
    {
        if (_registration is not { } registration)
        {
            return;
        }

        _registration = null;
        foreach (var prefecture in registration.Prefectures)
        {
            await GrainFactory.GetGrain<IPrefectureGrain>(prefecture).UnwatchWebhook(Id, cancellationToken);
        }

        await store.DeleteAsync(Id, cancellationToken);
        DeactivateOnIdle();
    }

    public Task<WebhookRegistration?> GetRegistration(CancellationToken cancellationToken) => Task.FromResult(_registration);

    public Task<WebhookStatus?> GetStatus(CancellationToken cancellationToken) => Task.FromResult(_registration is null ? null : new WebhookStatus(
        Id, _pipeline?.CircuitState ?? "closed",
        new Dictionary<string, long>(_delivered, StringComparer.Ordinal),
        new Dictionary<string, long>(_latest, StringComparer.Ordinal),
        _deadLetters, _lastSuccessAt, _lastFailureAt, _lastError));

    public Task<IReadOnlyList<WebhookDeadLetter>> GetDeadLetters(CancellationToken cancellationToken) => store.LoadDeadLettersAsync(Id, cancellationToken);

    public Task Notify(NoticeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_registration is null || !_delivered.ContainsKey(envelope.Prefecture))
        {
            return Task.CompletedTask;
        }

        _latest[envelope.Prefecture] = Math.Max(_latest.GetValueOrDefault(envelope.Prefecture), envelope.Sequence);
        var queue = Queue(envelope.Prefecture);
        if (queue.Count < QueueLimit)
        {
            queue.Enqueue(envelope);
        }

        Kick();
        return Task.CompletedTask;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _pipeline ??= new WebhookPipeline(options, clock);
        foreach (var prefecture in _registration!.Prefectures)
        {
            // Learn the latest sequence (and make sure the sequencer hands us the next ones), then catch up.
            _latest[prefecture] = await GrainFactory.GetGrain<IPrefectureGrain>(prefecture).WatchWebhook(Id, cancellationToken);
            _delivered.TryAdd(prefecture, _latest[prefecture]);
        }

        // Keeps the activation (and so delivery) alive while idle, and retries a pump that stopped on a failure.
        this.RegisterGrainTimer(_ => { Kick(); return Task.CompletedTask; }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { KeepAlive = true });
        Kick();
    }

    private Queue<NoticeEnvelope> Queue(string prefecture)
    {
        if (!_queues.TryGetValue(prefecture, out var queue))
        {
            _queues[prefecture] = queue = new Queue<NoticeEnvelope>();
        }

        return queue;
    }

    private void Kick()
    {
        if (!_pumping && _registration is not null && _delivered.Any(d => d.Value < _latest.GetValueOrDefault(d.Key)))
        {
            _pumping = true;
            _ = PumpAsync();
        }
    }

    // Runs on this activation's scheduler, one step at a time between other calls: never two pumps, never a lock.
    private async Task PumpAsync()
    {
        try
        {
            while (_registration is { } registration && await NextAsync() is { } envelope)
            {
                if (!registration.Statuses.Contains(envelope.Status))
                {
                    await AdvanceAsync(envelope);
                    continue;
                }

                var attempt = await sender.SendAsync(registration, envelope, _pipeline!, CancellationToken.None);
                var now = clock.GetUtcNow();
                switch (attempt.Result)
                {
                    case WebhookAttemptResult.Delivered:
                        _lastSuccessAt = now;
                        await AdvanceAsync(envelope);
                        break;
                    case WebhookAttemptResult.CircuitOpen:
                        (_lastFailureAt, _lastError) = (now, attempt.Error);
                        await Task.Delay(_pipeline!.BreakDuration, clock);
                        break;
                    default:
                        (_lastFailureAt, _lastError) = (now, attempt.Error);
                        await store.AddDeadLetterAsync(Id, new WebhookDeadLetter(envelope.Prefecture, envelope.Sequence, envelope.Id, now, attempt.Error ?? attempt.Result.ToString()), CancellationToken.None);
                        _deadLetters++;
                        LogDeadLettered(Id, envelope.Prefecture, envelope.Sequence, attempt.Error);
                        await AdvanceAsync(envelope);
                        break;
                }
            }
        }
        catch (Exception failure)
        {
            // The timer starts a new pump; the cursor is where the last envelope left it.
            (_lastFailureAt, _lastError) = (clock.GetUtcNow(), failure.Message);
            LogPumpFailed(failure, Id);
        }
        finally
        {
            _pumping = false;
        }
    }

    /// <summary>The next envelope of a prefecture that is behind (least delivered first), from the queue or the journal.</summary>
    private async Task<NoticeEnvelope?> NextAsync()
    {
        var behind = _delivered.Where(d => d.Value < _latest.GetValueOrDefault(d.Key)).OrderBy(d => d.Value).Select(d => d.Key).FirstOrDefault();
        if (behind is null)
        {
            return null;
        }

        var next = _delivered[behind] + 1;
        var queue = Queue(behind);
        while (queue.TryPeek(out var head) && head.Sequence < next)
        {
            queue.Dequeue();
        }

        if (queue.TryPeek(out var queued) && queued.Sequence == next)
        {
            return queued;
        }

        var page = await GrainFactory.GetGrain<IPrefectureGrain>(behind).ReadAfter(next - 1, ReadPage);
        _latest[behind] = Math.Max(_latest[behind], page.LatestSequence);
        var read = page.Envelopes.Where(e => e.Sequence >= next).OrderBy(e => e.Sequence).ToList();
        var merged = read.Concat(queue.Where(e => e.Sequence > (read.Count > 0 ? read[^1].Sequence : next - 1))).Take(QueueLimit).ToList();
        queue.Clear();
        foreach (var envelope in merged)
        {
            queue.Enqueue(envelope);
        }

        return queue.TryPeek(out var first) && first.Sequence == next ? first : null;
    }

    private async Task AdvanceAsync(NoticeEnvelope envelope)
    {
        _delivered[envelope.Prefecture] = envelope.Sequence;
        Queue(envelope.Prefecture).TryDequeue(out _);
        await store.SaveCursorAsync(Id, envelope.Prefecture, envelope.Sequence, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Id} registered for {Organisation}: {Url}")]
    private partial void LogRegistered(string id, string organisation, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Id} gave up on {Prefecture}/{Sequence}: {Error}")]
    private partial void LogDeadLettered(string id, string prefecture, long sequence, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Id} delivery stopped; it resumes on the next tick")]
    private partial void LogPumpFailed(Exception exception, string id);
}
