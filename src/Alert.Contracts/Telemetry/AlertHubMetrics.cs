using System.Diagnostics.Metrics;

namespace Alert.Contracts.Telemetry;

/// <summary>
/// The latency of each step a notice takes, as histograms in milliseconds on the <c>AlertHub</c> meter (exported
/// in Prometheus format at <c>/metrics</c>): accept (ingest request received → durable, validation, area matching,
/// sequencing and journal fsync included), publish (sequenced → handed to the broadcast hosts: the fsync and the
/// hand-over), send (handed over → written to one subscriber connection) and acknowledge (handed over → the
/// subscriber's <c>Ack</c> received). The subscriber's own receipt time is measured where it happens, by the load tool.
/// </summary>
public static class AlertHubMetrics
{
    public const string MeterName = "AlertHub";

    private static readonly Meter Meter = new(MeterName);

    // Milliseconds: a notice should reach subscribers well inside a second, and an outage shows up in the top buckets.
    private static readonly InstrumentAdvice<double> Buckets = new()
    {
        HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000],
    };

    public static Histogram<double> Accept { get; } = Meter.CreateHistogram("alerthub.notice.accept.duration", "ms",
        "Ingest request received to notice durable (journal fsync) and answered", advice: Buckets);

    public static Histogram<double> Publish { get; } = Meter.CreateHistogram("alerthub.notice.publish.duration", "ms",
        "Notice sequenced to handed to the broadcast hosts", advice: Buckets);

    public static Histogram<double> Send { get; } = Meter.CreateHistogram("alerthub.notice.send.duration", "ms",
        "Notice handed to the hosts to written to one subscriber connection", advice: Buckets);

    public static Histogram<double> Acknowledge { get; } = Meter.CreateHistogram("alerthub.notice.acknowledge.duration", "ms",
        "Notice handed to the hosts to the subscriber's acknowledgement received", advice: Buckets);

    /// <summary>
    /// Open hub connections on this host by how notices are written to them (<c>send</c>: <c>direct</c> straight onto
    /// the WebSocket, <c>transport</c> through SignalR's own transport): a WebSocket connection counted as
    /// <c>transport</c> means direct send is off or was not set up.
    /// </summary>
    public static UpDownCounter<long> HubConnections { get; } = Meter.CreateUpDownCounter<long>("alerthub.hub.connections", "{connection}",
        "Open hub connections on this host, by send path");

    /// <summary>Milliseconds between two instants, never negative (clocks of different hosts may disagree slightly).</summary>
    public static double Milliseconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalMilliseconds);
}
