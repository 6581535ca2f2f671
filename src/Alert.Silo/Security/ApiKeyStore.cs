using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Alert.Contracts.Security;

namespace Alert.Silo.Security;

/// <summary>
/// Looks keys up by their SHA-256 digest, so the plain key is never kept and the lookup time does not depend on how
/// much of a guessed key matches (a dictionary hit on a digest reveals nothing about the key's characters).
/// </summary>
public sealed class ApiKeyStore : IApiKeyAuthenticator
{
    private readonly Dictionary<string, ApiKeyIdentity> _byDigest = new(StringComparer.Ordinal);

    public ApiKeyStore(IEnumerable<KeyValuePair<string, ApiKeyIdentity>> keys)
    {
        foreach (var (key, identity) in keys)
        {
            _byDigest[Digest(key)] = identity;
        }
    }

    public bool TryFind(string presentedKey, out ApiKeyIdentity identity)
    {
        identity = null!;
        if (presentedKey.Length is 0 or > 512)
        {
            return false;
        }

        return _byDigest.TryGetValue(Digest(presentedKey), out identity!);
    }

    /// <summary>The caller's claims for a known key: organisation, issuing scope, subscribe, exercise-only, admin.</summary>
    public ClaimsPrincipal? Authenticate(string presentedKey)
    {
        if (!TryFind(presentedKey, out var identity))
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, identity.DisplayName),
            new(AlertHubClaims.Organisation, identity.Organisation),
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
