using Alert.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Auditing;

/// <summary>
/// The audit log in the journal's SQLite database. Append-only by construction: triggers abort any UPDATE or DELETE,
/// and the hub has no code that tries. Entries are numbered in order of writing, so a reader pages with <c>after</c>.
/// </summary>
public sealed class SqliteAuditLog
{
    private readonly string _connectionString;

    public SqliteAuditLog(IOptions<SqliteJournalOptions> options, SqliteNoticeJournal journal)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = journal; // created first: it makes the database file in WAL mode
        _connectionString = SqliteDatabase.ConnectionString(options.Value);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS audit_log (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                at            INTEGER NOT NULL,
                organisation  TEXT    NULL,
                key_id        TEXT    NULL,
                method        TEXT    NOT NULL,
                path          TEXT    NOT NULL,
                status        INTEGER NOT NULL,
                outcome       TEXT    NOT NULL,
                source        TEXT    NOT NULL,
                detail        TEXT    NULL
            );
            CREATE INDEX IF NOT EXISTS audit_log_organisation ON audit_log (organisation, id);
            CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """;
        command.ExecuteNonQuery();
    }

    public void Append(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO audit_log (at, organisation, key_id, method, path, status, outcome, source, detail)
            VALUES ($at, $organisation, $key, $method, $path, $status, $outcome, $source, $detail)
            """;
        var parameters = new[] { "$at", "$organisation", "$key", "$method", "$path", "$status", "$outcome", "$source", "$detail" }
            .Select(name => command.Parameters.Add(name, SqliteType.Text)).ToArray();
        foreach (var entry in entries)
        {
            parameters[0].Value = entry.At.ToUnixTimeMilliseconds();
            parameters[1].Value = (object?)entry.Organisation ?? DBNull.Value;
            parameters[2].Value = (object?)entry.KeyId ?? DBNull.Value;
            parameters[3].Value = entry.Method;
            parameters[4].Value = entry.Path;
            parameters[5].Value = entry.Status;
            parameters[6].Value = entry.Outcome;
            parameters[7].Value = entry.Source;
            parameters[8].Value = (object?)entry.Detail ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Entries after <paramref name="after"/>, oldest first, optionally of one organisation or outcome.</summary>
    public IReadOnlyList<AuditEntry> Read(long after, int limit, string? organisation, string? outcome)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, at, organisation, key_id, method, path, status, outcome, source, detail FROM audit_log
            WHERE id > $after AND ($organisation IS NULL OR organisation = $organisation) AND ($outcome IS NULL OR outcome = $outcome)
            ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$organisation", (object?)organisation ?? DBNull.Value);
        command.Parameters.AddWithValue("$outcome", (object?)outcome ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return entries;
    }

    private SqliteConnection Open() => SqliteDatabase.OpenBesideJournal(_connectionString);
}
