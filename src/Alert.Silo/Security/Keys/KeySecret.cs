using System.Security.Cryptography;
using System.Text;

namespace Alert.Silo.Security.Keys;

/// <summary>
/// The form of an issued key, <c>ah_&lt;keyId&gt;_&lt;secret&gt;</c>: the key id (12 hex digits) finds the record without
/// revealing anything, and the secret (32 random bytes, base64url) is kept only as SHA-256 over a per-key salt and the
/// secret. A fast hash is right here: the secret has 256 bits of entropy, so there is nothing to guess slowly; the salt
/// keeps two stores' hashes apart. Comparison is in constant time.
/// </summary>
public static class KeySecret
{
    private const string Prefix = "ah_";

    public static (string KeyId, string Key) Create()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>Splits a presented key; false for anything not in the issued form (a development key, a typo).</summary>
    public static bool TryParse(string presented, out string keyId, out string secret)
    {
        keyId = secret = string.Empty;
        if (presented.Length is < 20 or > 200 || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var separator = presented.IndexOf('_', Prefix.Length);
        if (separator != Prefix.Length + 12)
        {
            return false;
        }

        keyId = presented[Prefix.Length..separator];
        secret = presented[(separator + 1)..];
        return keyId.All(char.IsAsciiHexDigitLower) && secret.Length > 0;
    }

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(16);

    public static byte[] Hash(byte[] salt, string secret)
    {
        ArgumentNullException.ThrowIfNull(salt);
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    public static bool Matches(byte[] salt, byte[] hash, string secret) => CryptographicOperations.FixedTimeEquals(Hash(salt, secret), hash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
