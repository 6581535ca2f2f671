using System.ComponentModel.DataAnnotations;

namespace Alert.Broadcast.Webhooks;

/// <summary>Webhook delivery settings, bound from <c>AlertHub:Webhooks</c>; the same for every endpoint.</summary>
public sealed class WebhookOptions
{
    public const string Section = "AlertHub:Webhooks";

    /// <summary>One attempt's limit, connection included (5 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a transient failure (5xx, 408, 429, timeout, network) before the envelope is dead-lettered.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; each later one doubles, with jitter (0.5 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit waits before one probing attempt (15 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Plain http is allowed only for loopback endpoints, unless this is set (development and tests).</summary>
    public bool AllowHttp { get; set; }
}
