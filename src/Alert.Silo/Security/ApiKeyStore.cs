using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Alert.Contracts.Security;
using Alert.Silo.Security.Keys;

namespace Alert.Silo.Security;

/// <summary>
/// Turns a presented key into the caller's claims. Keys issued by an administrator (<c>ah_…</c>) are verified against
/// the durable registry on every request, so a revoked key stops at once on every host. Development keys (listed in
/// the README, present only in Development) are looked up by their SHA-256 digest, so the plain key is never kept and
/// the lookup time does not depend on how much of a guessed key matches.
/// </summary>
public sealed class ApiKeyStore : IApiKeyAuthenticator
{
    private readonly Dictionary<string, ApiKeyIdentity> _developmentByDigest = new(StringComparer.Ordinal);
    private readonly SqliteKeyRegistry _registry;

    public ApiKeyStore(IEnumerable<KeyValuePair<string, ApiKeyIdentity>> developmentKeys, SqliteKeyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(developmentKeys);
        _registry = registry;
        foreach (var (key, identity) in developmentKeys)
        {
            _developmentByDigest[Digest(key)] = identity;
        }
    }

    /// <summary>The caller's claims for a known, active key: organisation, key id, issuing scope, subscribe, exercise-only, relay, admin.</summary>
    public ClaimsPrincipal? Authenticate(string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        if (presentedKey.Length is 0 or > 512)
        {
            return null;
        }

        if (_registry.Verify(presentedKey) is { } registered)
        {
            var identity = KeyScopes.ToIdentity(registered.Organisation.Id, registered.Organisation.Name, registered.Key.Scopes);
            return Principal(identity, registered.Key.KeyId);
        }

        return _developmentByDigest.TryGetValue(Digest(presentedKey), out var development) ? Principal(development, $"dev:{development.Organisation}") : null;
    }

    private static ClaimsPrincipal Principal(ApiKeyIdentity identity, string keyId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, identity.DisplayName),
            new(AlertHubClaims.Organisation, identity.Organisation),
            new(AlertHubClaims.KeyId, keyId),
        };
        claims.AddRange(identity.IssueMunicipalities.Select(c => new Claim(AlertHubClaims.IssueMunicipality, c)));
        claims.AddRange(identity.IssuePrefectures.Select(c => new Claim(AlertHubClaims.IssuePrefecture, c)));
        if (identity.Subscribe)
        {
            claims.Add(new Claim(AlertHubClaims.Subscribe, "true"));
        }

        if (identity.ExerciseOnly)
        {
            claims.Add(new Claim(AlertHubClaims.ExerciseOnly, "true"));
        }

        if (identity.Relay)
        {
            claims.Add(new Claim(AlertHubClaims.Relay, "true"));
        }

        if (identity.Admin)
        {
            claims.Add(new Claim(AlertHubClaims.Admin, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "ApiKey"));
    }

    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
