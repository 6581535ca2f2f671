using Alert.Silo.Security.Keys;
using CsCheck;

namespace Alert.Silo.Tests.Security;

public sealed class KeySecretTests
{
    [Fact]
    public void A_created_key_parses_into_its_id_and_a_secret_that_matches_only_its_own_hash()
    {
        var (keyId, key) = KeySecret.Create();
        Assert.True(KeySecret.TryParse(key, out var parsedId, out var secret));
        Assert.Equal(keyId, parsedId);
        var salt = KeySecret.NewSalt();
        var hash = KeySecret.Hash(salt, secret);
        Assert.True(KeySecret.Matches(salt, hash, secret));
        Assert.False(KeySecret.Matches(salt, hash, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
        Assert.False(KeySecret.Matches(KeySecret.NewSalt(), hash, secret)); // another salt, another hash
    }

    [Fact]
    public void Keys_are_different_every_time() =>
        Assert.Equal(1000, Enumerable.Range(0, 1000).Select(_ => KeySecret.Create().Key).Distinct(StringComparer.Ordinal).Count());

    [Theory]
    [InlineData("dev-municipality-13101")]
    [InlineData("ah_0123456789ab")]
    [InlineData("ah_0123456789AB_secret")]
    [InlineData("ah_0123456789a_secretsecret")]
    [InlineData("")]
    public void Anything_not_in_the_issued_form_is_not_parsed(string presented) =>
        Assert.False(KeySecret.TryParse(presented, out _, out _));

    [Fact]
    public void Arbitrary_strings_never_throw() =>
        Gen.String.Sample(s => { KeySecret.TryParse(s, out _, out _); KeySecret.TryParse("ah_0123456789ab_" + s, out _, out _); });
}
