using System.Security.Claims;
using Alert.Contracts.Security;

namespace Alert.Silo.Auditing;

/// <summary>
/// Records every write, every refused request and every authentication failure, after the response is decided: who
/// (from the key's claims, set by authentication further down the pipeline), what, when, from where and the outcome.
/// Successful reads, hub connections and gRPC streams are not writes and are not recorded. The key itself never is:
/// an authentication failure records only that a key was presented.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditWriter writer, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            if (ShouldRecord(context, status))
            {
                writer.Record(Entry(context, status, time.GetUtcNow()));
            }
        }
    }

    private static bool ShouldRecord(HttpContext context, int status)
    {
        if (status >= 400 || context.Items.ContainsKey(AuditOutcomes.ItemKey))
        {
            return true;
        }

        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        // Opening a subscription (SignalR negotiate, a gRPC stream) reads; it writes nothing.
        return !request.Path.StartsWithSegments("/hubs") && request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true;
    }

    private static AuditEntry Entry(HttpContext context, int status, DateTimeOffset at)
    {
        var user = context.User;
        var path = context.Request.Path.Value ?? "/";
        var detail = status switch
        {
            _ when context.Items[AuditOutcomes.ItemKey] is AuditOutcomes.AuthenticationFailed => "SOAP: no valid key",
            401 when context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("access_token") => "unknown or revoked key presented",
            401 => "no key presented",
            _ when context.Response.Headers.Location.ToString() is { Length: > 0 } location => location,
            _ => null,
        };
        return new AuditEntry(0, at, user.FindFirstValue(AlertHubClaims.Organisation), user.FindFirstValue(AlertHubClaims.KeyId),
            context.Request.Method, path.Length > 500 ? path[..500] : path, status, context.Items[AuditOutcomes.ItemKey] as string ?? AuditOutcomes.Of(status),
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown", detail);
    }
}
