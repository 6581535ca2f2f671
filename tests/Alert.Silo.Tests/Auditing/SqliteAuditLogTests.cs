using Alert.Contracts.Security;
using Alert.Silo.Auditing;
using Microsoft.Data.Sqlite;

namespace Alert.Silo.Tests.Auditing;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TemporaryJournal _store = new();
    private readonly SqliteAuditLog _log;

    public SqliteAuditLogTests() => _log = new SqliteAuditLog(_store.Options, _store.Journal);

    public void Dispose() => _store.Dispose();

    private static AuditEntry Entry(string? organisation, int status) =>
        new(0, DateTimeOffset.UnixEpoch, organisation, organisation is null ? null : "k1", "POST", "/api/v1/notices", status, AuditOutcomes.Of(status), "127.0.0.1", null);

    [Fact]
    public void Entries_read_back_in_order_filtered_and_paged()
    {
        _log.Append([Entry("13101", 201), Entry(null, 401), Entry("13101", 403), Entry("13", 201)]);
        var all = _log.Read(0, 100, null, null);
        Assert.Equal(["accepted", "authentication-failed", "forbidden", "accepted"], all.Select(e => e.Outcome));
        Assert.Equal(2, _log.Read(0, 100, "13101", null).Count);
        Assert.Equal([all[1].Id], _log.Read(0, 100, null, "authentication-failed").Select(e => e.Id));
        Assert.Equal(all.Skip(2).Select(e => e.Id), _log.Read(all[1].Id, 100, null, null).Select(e => e.Id));
    }

    [Fact]
    public void The_log_is_append_only()
    {
        _log.Append([Entry("13101", 201)]);
        using var connection = new SqliteConnection($"Data Source={_store.DatabasePath}");
        connection.Open();
        foreach (var statement in new[] { "UPDATE audit_log SET outcome = 'accepted'", "DELETE FROM audit_log" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            var refused = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Single(_log.Read(0, 10, null, null));
    }
}
