using Alert.Contracts.Security;
using Alert.Silo.Security;
using Alert.Silo.Security.Keys;

namespace Alert.Silo.Hosting;

public static class SecurityHostingExtensions
{
    /// <summary>Bearer API keys and the hub's policies. Development keys exist only in the Development environment.</summary>
    public static IHostApplicationBuilder AddAlertHubSecurity(this IHostApplicationBuilder builder)
    {
        var developmentKeys = builder.Environment.IsDevelopment() ? DevelopmentKeys.All : new Dictionary<string, ApiKeyIdentity>();
        builder.Services.AddSingleton<SqliteKeyRegistry>();
        builder.Services.AddSingleton(sp => new ApiKeyStore(developmentKeys, sp.GetRequiredService<SqliteKeyRegistry>()));
        builder.Services.AddSingleton<IApiKeyAuthenticator>(sp => sp.GetRequiredService<ApiKeyStore>());
        builder.Services.AddHostedService<RevokedKeyWatcher>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AlertHubPolicies.Issue, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(x => x.Type is AlertHubClaims.IssueMunicipality or AlertHubClaims.IssuePrefecture)))
            .AddPolicy(AlertHubPolicies.Read, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(x => x.Type is AlertHubClaims.Subscribe or AlertHubClaims.Admin or AlertHubClaims.IssueMunicipality or AlertHubClaims.IssuePrefecture)))
            .AddPolicy(AlertHubPolicies.Admin, p => p.RequireAuthenticatedUser().RequireClaim(AlertHubClaims.Admin))
            .AddPolicy(AlertHubPolicies.Relay, p => p.RequireAuthenticatedUser().RequireClaim(AlertHubClaims.Relay));

        return builder;
    }
}
