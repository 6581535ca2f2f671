using System.Text.Json;
using Alert.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Security.Keys;

/// <summary>
/// Organisations and their keys in the journal's SQLite database, so every host of a cluster on this machine sees a
/// new or revoked key at its next request (each request reads the key's row: revocation is immediate, not cached).
/// Only the key id, a salt and the salted hash are stored; the key is shown once, when it is made.
/// </summary>
public sealed class SqliteKeyRegistry
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public SqliteKeyRegistry(IOptions<SqliteJournalOptions> options, SqliteNoticeJournal journal, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = journal; // created first: it makes the database file in WAL mode
        _time = time;
        _connectionString = SqliteDatabase.ConnectionString(options.Value);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS organisations (
                id          TEXT    NOT NULL PRIMARY KEY,
                kind        TEXT    NOT NULL,
                name        TEXT    NOT NULL,
                created_at  INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS api_keys (
                key_id      TEXT    NOT NULL PRIMARY KEY,
                organisation TEXT   NOT NULL REFERENCES organisations (id),
                scopes      TEXT    NOT NULL,
                salt        BLOB    NOT NULL,
                hash        BLOB    NOT NULL,
                created_at  INTEGER NOT NULL,
                created_by  TEXT    NOT NULL,
                revoked_at  INTEGER NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS api_keys_organisation ON api_keys (organisation);
            """;
        command.ExecuteNonQuery();
    }

    public Organisation? FindOrganisation(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind, name, created_at FROM organisations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadOrganisation(reader) : null;
    }

    public IReadOnlyList<Organisation> Organisations()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind, name, created_at FROM organisations ORDER BY id";
        using var reader = command.ExecuteReader();
        var all = new List<Organisation>();
        while (reader.Read())
        {
            all.Add(ReadOrganisation(reader));
        }

        return all;
    }

    /// <summary>Registers an organisation; false when the id is taken (the existing one is unchanged).</summary>
    public bool AddOrganisation(string id, OrganisationKind kind, string name)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO organisations (id, kind, name, created_at) VALUES ($id, $kind, $name, $at) ON CONFLICT (id) DO NOTHING";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$kind", kind.ToString());
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Makes a key; the returned key is the only time it exists outside the caller's hands.</summary>
    public (RegisteredKey Record, string Key) CreateKey(string organisation, IReadOnlyList<string> scopes, string createdBy)
    {
        var (keyId, key) = KeySecret.Create();
        KeySecret.TryParse(key, out _, out var secret);
        var salt = KeySecret.NewSalt();
        var now = _time.GetUtcNow();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (key_id, organisation, scopes, salt, hash, created_at, created_by)
            VALUES ($id, $organisation, $scopes, $salt, $hash, $at, $by)
            """;
        command.Parameters.AddWithValue("$id", keyId);
        command.Parameters.AddWithValue("$organisation", organisation);
        command.Parameters.AddWithValue("$scopes", JsonSerializer.Serialize(scopes));
        command.Parameters.AddWithValue("$salt", salt);
        command.Parameters.AddWithValue("$hash", KeySecret.Hash(salt, secret));
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$by", createdBy);
        command.ExecuteNonQuery();
        return (new RegisteredKey(keyId, organisation, scopes, now, createdBy, null), key);
    }

    /// <summary>Revokes a key from this instant; false when there is no such key or it was already revoked.</summary>
    public bool Revoke(string keyId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $at WHERE key_id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", keyId);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Keys revoked after <paramref name="since"/> (Unix milliseconds), with when: what open connections must drop.</summary>
    public IReadOnlyList<(string KeyId, long RevokedAt)> RevokedSince(long since)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_id, revoked_at FROM api_keys WHERE revoked_at > $since ORDER BY revoked_at";
        command.Parameters.AddWithValue("$since", since);
        using var reader = command.ExecuteReader();
        var revoked = new List<(string, long)>();
        while (reader.Read())
        {
            revoked.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return revoked;
    }

    public RegisteredKey? FindKey(string keyId) => Keys("key_id = $value", keyId).FirstOrDefault();

    public IReadOnlyList<RegisteredKey> KeysOf(string organisation) => Keys("organisation = $value", organisation);

    /// <summary>The organisation and scopes of a presented key, when it is an active registered key whose secret matches.</summary>
    public (Organisation Organisation, RegisteredKey Key)? Verify(string presented)
    {
        if (!KeySecret.TryParse(presented, out var keyId, out var secret))
        {
            return null;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT k.salt, k.hash, k.scopes, k.created_at, k.created_by, o.id, o.kind, o.name, o.created_at
            FROM api_keys k JOIN organisations o ON o.id = k.organisation
            WHERE k.key_id = $id AND k.revoked_at IS NULL
            """;
        command.Parameters.AddWithValue("$id", keyId);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || !KeySecret.Matches((byte[])reader[0], (byte[])reader[1], secret))
        {
            return null;
        }

        var organisation = new Organisation(reader.GetString(5), Enum.Parse<OrganisationKind>(reader.GetString(6)), reader.GetString(7),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)));
        var key = new RegisteredKey(keyId, organisation.Id, Scopes(reader.GetString(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), null);
        return (organisation, key);
    }

    private List<RegisteredKey> Keys(string where, string value)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key_id, organisation, scopes, created_at, created_by, revoked_at FROM api_keys WHERE {where} ORDER BY created_at, key_id";
        command.Parameters.AddWithValue("$value", value);
        using var reader = command.ExecuteReader();
        var keys = new List<RegisteredKey>();
        while (reader.Read())
        {
            keys.Add(new RegisteredKey(reader.GetString(0), reader.GetString(1), Scopes(reader.GetString(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return keys;
    }

    private static Organisation ReadOrganisation(SqliteDataReader reader) => new(
        reader.GetString(0), Enum.Parse<OrganisationKind>(reader.GetString(1)), reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));

    private static string[] Scopes(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    private SqliteConnection Open() => SqliteDatabase.OpenBesideJournal(_connectionString);
}
