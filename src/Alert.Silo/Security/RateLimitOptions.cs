using System.ComponentModel.DataAnnotations;

namespace Alert.Silo.Security;

/// <summary>
/// Per-organisation token buckets on each host (section <c>AlertHub:RateLimits</c>). Ingest covers every door that issues, revises,
/// cancels or relays; connect covers opening subscriptions. Callers without a key share a bucket per source address.
/// The defaults leave room for a prefecture issuing for every municipality at once and a broadcaster reconnecting its
/// fleet after an outage, while a runaway script is stopped within seconds.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "AlertHub:RateLimits";

    /// <summary>Notices an organisation may send at once before it must wait.</summary>
    [Range(1, 1_000_000)]
    public int IngestBurst { get; set; } = 600;

    /// <summary>Notices per second an organisation may send once its burst is spent.</summary>
    [Range(1, 1_000_000)]
    public int IngestPerSecond { get; set; } = 60;

    /// <summary>A relay's burst (気象庁 sends every prefecture's warnings at once in a storm).</summary>
    [Range(1, 1_000_000)]
    public int RelayIngestBurst { get; set; } = 6_000;

    /// <summary>A relay's reports per second once its burst is spent.</summary>
    [Range(1, 1_000_000)]
    public int RelayIngestPerSecond { get; set; } = 600;

    /// <summary>Connection attempts an organisation may make at once.</summary>
    [Range(1, 1_000_000)]
    public int ConnectBurst { get; set; } = 2_000;

    /// <summary>Connection attempts per second once the burst is spent.</summary>
    [Range(1, 1_000_000)]
    public int ConnectPerSecond { get; set; } = 200;
}
