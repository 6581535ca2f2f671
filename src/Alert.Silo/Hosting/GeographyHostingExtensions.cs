using Alert.Geo;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Alert.Silo.Hosting;

public static class GeographyHostingExtensions
{
    /// <summary>Japan's boundaries, loaded once at start-up (before Kestrel listens) into prepared-geometry indexes.</summary>
    public static IHostApplicationBuilder AddAlertHubGeography(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => JapanGeography.LoadEmbedded());
        builder.Services.AddHostedService<GeographyLoader>();
        builder.Services.AddHealthChecks().AddCheck("geography", () => HealthCheckResult.Healthy(), tags: ["ready"]);
        return builder;
    }

    private sealed class GeographyLoader(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            Task.Run(() => services.GetRequiredService<JapanGeography>(), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
