using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alert.Broadcast.Webhooks;

/// <summary>
/// The signature every webhook POST carries: <c>X-AlertHub-Signature: sha256=HEX</c> where HEX is the lower-case
/// HMAC-SHA256, keyed with the endpoint's secret (UTF-8), of the <c>X-AlertHub-Timestamp</c> value (Unix seconds),
/// a full stop, and the raw body bytes. Receivers recompute it, compare in constant time, and refuse timestamps more
/// than five minutes away from their clock, which stops replays (docs/WEBHOOKS.md has the recipe).
/// </summary>
public static class WebhookSigner
{
    public const string SignatureHeader = "X-AlertHub-Signature";
    public const string TimestampHeader = "X-AlertHub-Timestamp";
    public const string DeliveryHeader = "X-AlertHub-Delivery";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>What a receiver does: recompute, compare in constant time, and check the timestamp's age.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || signatureHeader is null)
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
