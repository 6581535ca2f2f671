using Alert.Contracts.Telemetry;
using OpenTelemetry.Metrics;

namespace Alert.Silo.Hosting;

public static class MetricsHostingExtensions
{
    /// <summary>OpenTelemetry metrics: AlertHub's step latencies, Kestrel and SignalR connection counts, the runtime.</summary>
    public static IHostApplicationBuilder AddAlertHubMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AlertHubMetrics.MeterName, "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus text format. Open like the health endpoints: it carries latencies and counts, no
    /// notice content; in production expose it only on the monitoring network (docs/ARCHITECTURE.md).
    /// </summary>
    public static IEndpointRouteBuilder MapAlertHubMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
