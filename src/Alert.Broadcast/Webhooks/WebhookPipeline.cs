using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Alert.Broadcast.Webhooks;

/// <summary>
/// One endpoint's resilience: retry with jittered exponential back-off outside a circuit breaker outside a
/// per-attempt timeout. An open circuit is not retried: the envelope waits and the retry budget is kept for when the
/// endpoint is back, so an outage never burns through the queue into dead letters.
/// </summary>
public sealed class WebhookPipeline
{
    private readonly CircuitBreakerStateProvider _circuit = new();

    public WebhookPipeline(IOptions<WebhookOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(IsTransient);
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = _circuit,
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
        BreakDuration = settings.BreakDuration;
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public TimeSpan BreakDuration { get; }

    /// <summary>closed, open, half-open or isolated.</summary>
    public string CircuitState => _circuit.CircuitState switch
    {
        Polly.CircuitBreaker.CircuitState.Closed => "closed",
        Polly.CircuitBreaker.CircuitState.Open => "open",
        Polly.CircuitBreaker.CircuitState.HalfOpen => "half-open",
        _ => "isolated",
    };

    public static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
