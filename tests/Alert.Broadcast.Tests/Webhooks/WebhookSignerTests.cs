using System.Text;
using Alert.Broadcast.Webhooks;
using CsCheck;

namespace Alert.Broadcast.Tests.Webhooks;

/// <summary>The documented signature: a vector computed outside .NET, and tampering or age always refused.</summary>
public sealed class WebhookSignerTests
{
    private const string Secret = "a-long-shared-secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"sequence":42,"headline":"避難指示"}""");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1764072000);

    [Fact]
    public void Matches_a_vector_computed_with_python_hmac() =>
        // python3: hmac.new(b"a-long-shared-secret", b"1764072000." + body, hashlib.sha256).hexdigest()
        Assert.Equal("sha256=8f3414fa4a6d7f5f620c1b716a5e828b3a0711a60bb910bb860015cdb82891de", WebhookSigner.Sign(Secret, 1764072000, Body));

    [Fact]
    public void Verifies_its_own_signature_within_five_minutes_only()
    {
        var signature = WebhookSigner.Sign(Secret, 1764072000, Body);
        Assert.True(WebhookSigner.Verify(Secret, "1764072000", signature, Body, SignedAt.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSigner.Verify(Secret, "1764072000", signature, Body, SignedAt.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSigner.Verify(Secret, "1764072001", signature, Body, SignedAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSigner.Verify("another-secret-entirely", "1764072000", signature, Body, SignedAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSigner.Verify(Secret, "not-a-number", signature, Body, SignedAt, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Any_change_to_the_body_breaks_the_signature()
    {
        var signature = WebhookSigner.Sign(Secret, 1764072000, Body);
        Gen.Int[0, Body.Length - 1].Select(Gen.Byte.Where(b => b != 0)).Sample((index, flip) =>
        {
            var tampered = (byte[])Body.Clone();
            tampered[index] ^= flip;
            Assert.False(WebhookSigner.Verify(Secret, "1764072000", signature, tampered, SignedAt, TimeSpan.FromMinutes(5)));
        });
    }
}
