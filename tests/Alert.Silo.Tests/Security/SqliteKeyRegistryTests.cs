using System.Text;
using Alert.Silo.Security.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Alert.Silo.Tests.Security;

public sealed class SqliteKeyRegistryTests : IDisposable
{
    private readonly TemporaryJournal _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SqliteKeyRegistry _registry;

    public SqliteKeyRegistryTests() => _registry = new SqliteKeyRegistry(_store.Options, _store.Journal, _time);

    public void Dispose() => _store.Dispose();

    [Fact]
    public void A_key_verifies_until_it_is_revoked_and_is_stored_only_as_a_salted_hash()
    {
        Assert.True(_registry.AddOrganisation("13101", OrganisationKind.Municipality, "千代田区"));
        var (record, key) = _registry.CreateKey("13101", ["issue:13101", "subscribe"], "test");

        var verified = _registry.Verify(key);
        Assert.NotNull(verified);
        Assert.Equal(("13101", record.KeyId), (verified.Value.Organisation.Id, verified.Value.Key.KeyId));
        Assert.Null(_registry.Verify(key + "x"));
        Assert.Null(_registry.Verify(key.Replace(record.KeyId, "0123456789ab", StringComparison.Ordinal)));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(_registry.Revoke(record.KeyId));
        Assert.Null(_registry.Verify(key));
        Assert.False(_registry.Revoke(record.KeyId));
        Assert.Equal(_time.GetUtcNow(), _registry.FindKey(record.KeyId)!.RevokedAt);

        // Nothing on disk holds the secret (the database, its WAL and shared memory).
        KeySecret.TryParse(key, out _, out var secret);
        foreach (var file in Directory.EnumerateFiles(_store.Directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            Assert.DoesNotContain(secret, reader.ReadToEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_organisation_is_registered_once()
    {
        Assert.True(_registry.AddOrganisation("nhk", OrganisationKind.Transmitter, "NHK"));
        Assert.False(_registry.AddOrganisation("nhk", OrganisationKind.Administrator, "偽物"));
        Assert.Equal(OrganisationKind.Transmitter, _registry.FindOrganisation("nhk")!.Kind);
    }
}
