using Alert.Contracts.Delivery;
using Alert.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Delivery;

/// <summary>
/// Delivery records in the journal's SQLite database, beside the envelopes they refer to, so a report names only the
/// sequence and the notice id and revision come from the journal itself. Times are Unix milliseconds; merging keeps
/// the earliest, so duplicate and out-of-order reports from several hosts are harmless. WAL with
/// <c>synchronous=NORMAL</c>: records survive a process crash; unlike notices, losing the last moments of them to a
/// power cut costs a report, not an alert.
/// </summary>
public sealed class SqliteDeliveryStore : IDeliveryStore
{
    private readonly string _connectionString;

    public SqliteDeliveryStore(IOptions<SqliteJournalOptions> options, SqliteNoticeJournal journal)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = journal; // created first: it makes the database and the notice_journal table this one refers to
        _connectionString = SqliteDatabase.ConnectionString(options.Value);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS deliveries (
                prefecture       TEXT    NOT NULL,
                sequence         INTEGER NOT NULL,
                organisation     TEXT    NOT NULL,
                notice_id        TEXT    NOT NULL,
                revision         INTEGER NOT NULL,
                sent_at          INTEGER NULL,
                acknowledged_at  INTEGER NULL,
                PRIMARY KEY (prefecture, sequence, organisation)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS deliveries_notice ON deliveries (notice_id, revision);
            """;
        command.ExecuteNonQuery();
    }

    public Task RecordAsync(string prefecture, IReadOnlyList<DeliveryReport> reports, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO deliveries (prefecture, sequence, organisation, notice_id, revision, sent_at, acknowledged_at)
            SELECT prefecture, sequence, $organisation, notice_id, revision, $sent, $acknowledged
            FROM notice_journal WHERE prefecture = $prefecture AND sequence = $sequence
            ON CONFLICT (prefecture, sequence, organisation) DO UPDATE SET
                sent_at = CASE WHEN sent_at IS NULL THEN excluded.sent_at WHEN excluded.sent_at IS NULL THEN sent_at ELSE min(sent_at, excluded.sent_at) END,
                acknowledged_at = CASE WHEN acknowledged_at IS NULL THEN excluded.acknowledged_at WHEN excluded.acknowledged_at IS NULL THEN acknowledged_at ELSE min(acknowledged_at, excluded.acknowledged_at) END
            """;
        var (organisation, sequence, sent, acknowledged) = (command.Parameters.Add("$organisation", SqliteType.Text), command.Parameters.Add("$sequence", SqliteType.Integer),
            command.Parameters.Add("$sent", SqliteType.Integer), command.Parameters.Add("$acknowledged", SqliteType.Integer));
        command.Parameters.AddWithValue("$prefecture", prefecture);
        foreach (var report in reports)
        {
            cancellationToken.ThrowIfCancellationRequested();
            organisation.Value = report.Organisation;
            sequence.Value = report.Sequence;
            sent.Value = report.SentAt is { } s ? s.ToUnixTimeMilliseconds() : DBNull.Value;
            acknowledged.Value = report.AcknowledgedAt is { } a ? a.ToUnixTimeMilliseconds() : DBNull.Value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }, cancellationToken);

    public Task<IReadOnlyList<DeliveryRecord>> ReadAsync(string noticeId, CancellationToken cancellationToken) => Task.Run<IReadOnlyList<DeliveryRecord>>(() =>
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT organisation, notice_id, revision, sequence, sent_at, acknowledged_at FROM deliveries
            WHERE notice_id = $id ORDER BY organisation, revision
            """;
        command.Parameters.AddWithValue("$id", noticeId);
        using var reader = command.ExecuteReader();
        var records = new List<DeliveryRecord>();
        while (reader.Read())
        {
            records.Add(new DeliveryRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return records;
    }, cancellationToken);

    private SqliteConnection Open() => SqliteDatabase.OpenBesideJournal(_connectionString);
}
