using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Alert.Silo.Hosting;

public static class HealthEndpointExtensions
{
    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: every "ready" check passes.</summary>
    public static IEndpointRouteBuilder MapAlertHubHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return endpoints;
    }
}
