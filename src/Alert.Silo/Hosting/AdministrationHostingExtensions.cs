using Alert.Silo.Administration;
using Alert.Silo.Auditing;

namespace Alert.Silo.Hosting;

public static class AdministrationHostingExtensions
{
    /// <summary>The audit log (append-only, beside the journal) and its background writer.</summary>
    public static IHostApplicationBuilder AddAlertHubAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SqliteAuditLog>();
        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        return builder;
    }

    /// <summary>Records every write, refusal and authentication failure; goes before authentication so it sees them all.</summary>
    public static IApplicationBuilder UseAlertHubAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();

    /// <summary>Organisations, keys and the audit log, for administrators.</summary>
    public static IEndpointRouteBuilder MapAlertHubAdministration(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrganisationsAndKeys();
        endpoints.MapAlertHubAudit();
        return endpoints;
    }
}
