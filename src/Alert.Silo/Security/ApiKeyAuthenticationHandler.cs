using System.Text.Encodings.Web;
using Alert.Contracts.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Security;

/// <summary>
/// Bearer API keys: <c>Authorization: Bearer KEY</c>, or <c>access_token=KEY</c> in the query for WebSocket and
/// server-sent-event clients of the hub (browsers cannot set headers there). Challenges and refusals are answered
/// with bilingual problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(keys.Authenticate(presented) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail("Unknown API key."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"alerthub\"";
        return Response.WriteAsJsonAsync(Problems.Unauthenticated(), (System.Text.Json.JsonSerializerOptions?)null, Problem.ContentType, Context.RequestAborted);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = Problems.Forbidden("この API キーにはこの操作の権限がありません。", "This API key is not allowed to do this.");
        return Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, Problem.ContentType, Context.RequestAborted);
    }

    private string? ReadKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // Only the hub accepts keys in the query string; elsewhere they would end up in access logs for no reason.
        if (Request.Path.StartsWithSegments("/hubs") && Request.Query.TryGetValue("access_token", out var token))
        {
            return token.ToString();
        }

        return null;
    }
}
