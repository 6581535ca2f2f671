using System.Text.Json;
using Alert.Broadcast.Webhooks;
using Alert.Contracts.Broadcasting;
using Alert.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Webhooks;

/// <summary>
/// Webhook registrations, cursors and dead letters in the journal's SQLite database (WAL, <c>synchronous=NORMAL</c>:
/// a cursor lost to a power cut means an envelope delivered twice, which receivers drop by its delivery id). The
/// secret is kept as given because every POST is signed with it; the database file is as sensitive as the keys.
/// </summary>
public sealed class SqliteWebhookStore : IWebhookStore
{
    private readonly string _connectionString;

    public SqliteWebhookStore(IOptions<SqliteJournalOptions> options, SqliteNoticeJournal journal)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = journal; // created first: it makes the database
        _connectionString = SqliteDatabase.ConnectionString(options.Value);
        Run(connection => Execute(connection, """
            CREATE TABLE IF NOT EXISTS webhooks (
                id            TEXT PRIMARY KEY,
                organisation  TEXT NOT NULL,
                url           TEXT NOT NULL,
                secret        TEXT NOT NULL,
                prefectures   TEXT NOT NULL,
                statuses      TEXT NOT NULL,
                created_at    INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS webhook_prefectures (
                prefecture  TEXT NOT NULL,
                webhook_id  TEXT NOT NULL,
                PRIMARY KEY (prefecture, webhook_id)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS webhook_cursors (
                webhook_id  TEXT NOT NULL,
                prefecture  TEXT NOT NULL,
                sequence    INTEGER NOT NULL,
                PRIMARY KEY (webhook_id, prefecture)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS webhook_dead_letters (
                webhook_id  TEXT NOT NULL,
                prefecture  TEXT NOT NULL,
                sequence    INTEGER NOT NULL,
                notice_id   TEXT NOT NULL,
                failed_at   INTEGER NOT NULL,
                error       TEXT NOT NULL,
                PRIMARY KEY (webhook_id, prefecture, sequence)
            ) WITHOUT ROWID;
            """));
    }

    public Task SaveAsync(WebhookRegistration registration, CancellationToken cancellationToken) => RunAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, """
            INSERT OR REPLACE INTO webhooks (id, organisation, url, secret, prefectures, statuses, created_at)
            VALUES ($id, $organisation, $url, $secret, $prefectures, $statuses, $created)
            """, transaction,
            ("$id", registration.Id), ("$organisation", registration.Organisation), ("$url", registration.Url.ToString()), ("$secret", registration.Secret),
            ("$prefectures", JsonSerializer.Serialize(registration.Prefectures)), ("$statuses", JsonSerializer.Serialize(registration.Statuses)),
            ("$created", registration.CreatedAt.ToUnixTimeMilliseconds()));
        foreach (var prefecture in registration.Prefectures)
        {
            Execute(connection, "INSERT OR IGNORE INTO webhook_prefectures (prefecture, webhook_id) VALUES ($p, $id)", transaction, ("$p", prefecture), ("$id", registration.Id));
        }

        transaction.Commit();
    }, cancellationToken);

    public Task DeleteAsync(string id, CancellationToken cancellationToken) => RunAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        foreach (var table in new[] { "webhooks WHERE id", "webhook_prefectures WHERE webhook_id", "webhook_cursors WHERE webhook_id", "webhook_dead_letters WHERE webhook_id" })
        {
            Execute(connection, $"DELETE FROM {table} = $id", transaction, ("$id", id));
        }

        transaction.Commit();
    }, cancellationToken);

    public Task<WebhookRegistration?> LoadAsync(string id, CancellationToken cancellationToken) => RunAsync(connection =>
        Query(connection, "SELECT id, organisation, url, secret, prefectures, statuses, created_at FROM webhooks WHERE id = $id", ReadRegistration, ("$id", id)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<string>> IdsForPrefectureAsync(string prefecture, CancellationToken cancellationToken) => RunAsync<IReadOnlyList<string>>(connection =>
        Query(connection, "SELECT webhook_id FROM webhook_prefectures WHERE prefecture = $p", r => r.GetString(0), ("$p", prefecture)), cancellationToken);

    public Task<IReadOnlyList<WebhookRegistration>> ForOrganisationAsync(string? organisation, CancellationToken cancellationToken) => RunAsync<IReadOnlyList<WebhookRegistration>>(connection =>
        organisation is null
            ? Query(connection, "SELECT id, organisation, url, secret, prefectures, statuses, created_at FROM webhooks ORDER BY created_at", ReadRegistration)
            : Query(connection, "SELECT id, organisation, url, secret, prefectures, statuses, created_at FROM webhooks WHERE organisation = $o ORDER BY created_at", ReadRegistration, ("$o", organisation)),
        cancellationToken);

    public Task SaveCursorAsync(string id, string prefecture, long sequence, CancellationToken cancellationToken) => RunAsync(connection =>
        Execute(connection, """
            INSERT INTO webhook_cursors (webhook_id, prefecture, sequence) VALUES ($id, $p, $s)
            ON CONFLICT (webhook_id, prefecture) DO UPDATE SET sequence = max(sequence, excluded.sequence)
            """, null, ("$id", id), ("$p", prefecture), ("$s", sequence)), cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> LoadCursorsAsync(string id, CancellationToken cancellationToken) => RunAsync<IReadOnlyDictionary<string, long>>(connection =>
        Query(connection, "SELECT prefecture, sequence FROM webhook_cursors WHERE webhook_id = $id", r => (r.GetString(0), r.GetInt64(1)), ("$id", id))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal), cancellationToken);

    public Task AddDeadLetterAsync(string id, WebhookDeadLetter letter, CancellationToken cancellationToken) => RunAsync(connection =>
        Execute(connection, """
            INSERT OR REPLACE INTO webhook_dead_letters (webhook_id, prefecture, sequence, notice_id, failed_at, error)
            VALUES ($id, $p, $s, $n, $at, $e)
            """, null, ("$id", id), ("$p", letter.Prefecture), ("$s", letter.Sequence), ("$n", letter.NoticeId), ("$at", letter.FailedAt.ToUnixTimeMilliseconds()), ("$e", letter.Error)),
        cancellationToken);

    public Task<IReadOnlyList<WebhookDeadLetter>> LoadDeadLettersAsync(string id, CancellationToken cancellationToken) => RunAsync<IReadOnlyList<WebhookDeadLetter>>(connection =>
        Query(connection, "SELECT prefecture, sequence, notice_id, failed_at, error FROM webhook_dead_letters WHERE webhook_id = $id ORDER BY failed_at, prefecture, sequence",
            r => new WebhookDeadLetter(r.GetString(0), r.GetInt64(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetString(4)), ("$id", id)),
        cancellationToken);

    private static WebhookRegistration ReadRegistration(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), new Uri(r.GetString(2)), r.GetString(3),
        JsonSerializer.Deserialize<string[]>(r.GetString(4)) ?? [], JsonSerializer.Deserialize<string[]>(r.GetString(5)) ?? [],
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)));

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private Task RunAsync(Action<SqliteConnection> work, CancellationToken cancellationToken) => Task.Run(() => Run(work), cancellationToken);

    private Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var connection = Open();
        return work(connection);
    }, cancellationToken);

    private void Run(Action<SqliteConnection> work)
    {
        using var connection = Open();
        work(connection);
    }

    private SqliteConnection Open() => SqliteDatabase.OpenBesideJournal(_connectionString);
}
