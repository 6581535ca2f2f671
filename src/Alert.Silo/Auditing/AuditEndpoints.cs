using Alert.Contracts.Security;

namespace Alert.Silo.Auditing;

/// <summary><c>GET /api/v1/admin/audit?after=&amp;limit=&amp;organisation=&amp;outcome=</c>: the audit log, for administrators; page with <c>after=next</c>.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAlertHubAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/admin/audit", (SqliteAuditLog log, long? after, int? limit, string? organisation, string? outcome) =>
        {
            var entries = log.Read(Math.Max(0, after ?? 0), Math.Clamp(limit ?? 100, 1, 1000), organisation, outcome);
            return Results.Ok(new
            {
                entries = entries.Select(e => new
                {
                    id = e.Id, at = e.At, organisation = e.Organisation, keyId = e.KeyId, method = e.Method, path = e.Path,
                    status = e.Status, outcome = e.Outcome, source = e.Source, detail = e.Detail,
                }),
                next = entries.Count > 0 ? entries[^1].Id : Math.Max(0, after ?? 0),
            });
        }).RequireAuthorization(AlertHubPolicies.Admin);
        return endpoints;
    }
}
