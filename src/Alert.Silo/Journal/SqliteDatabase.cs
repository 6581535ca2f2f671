using Microsoft.Data.Sqlite;

namespace Alert.Silo.Journal;

/// <summary>
/// The journal's database file as the stores beside the journal use it (deliveries, webhooks): one connection string,
/// and connections that wait for the journal's writer rather than fail, committing with <c>synchronous=NORMAL</c>
/// (survives a process crash; only the journal itself pays for an fsync on every commit).
/// </summary>
internal static class SqliteDatabase
{
    public static string ConnectionString(SqliteJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(options.DatabasePath), Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public static SqliteConnection OpenBesideJournal(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
