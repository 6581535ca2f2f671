using System.Security.Cryptography;
using System.Text;

namespace Alert.Silo.Security;

/// <summary>
/// Looks keys up by their SHA-256 digest, so the plain key is never kept and the lookup time does not depend on how
/// much of a guessed key matches (a dictionary hit on a digest reveals nothing about the key's characters).
/// </summary>
public sealed class ApiKeyStore
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

    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
