using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Alert.Contracts.Notices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Journal;

/// <summary>
/// The embedded journal: SQLite in WAL mode with <c>synchronous=FULL</c>, so a committed transaction is fsynced.
/// All writes go through one dedicated writer thread that commits whatever is queued as one transaction (group
/// commit): callers never block a grain thread, and concurrent appends from many prefectures share an fsync.
/// Reads use their own pooled connections, which WAL lets run beside the writer.
/// </summary>
public sealed partial class SqliteNoticeJournal : INoticeJournal, IDisposable
{
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly int _maxBatch;
    private readonly SqliteConnection _writer;
    private readonly Thread _writerThread;
    private readonly ILogger<SqliteNoticeJournal> _logger;

    public SqliteNoticeJournal(IOptions<SqliteJournalOptions> options, ILogger<SqliteNoticeJournal> logger)
    {
        _logger = logger;
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = SqliteDatabase.ConnectionString(options.Value);
        _maxBatch = options.Value.MaxBatch;

        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 10000;
            CREATE TABLE IF NOT EXISTS notice_journal (
                prefecture    TEXT    NOT NULL,
                sequence      INTEGER NOT NULL,
                notice_id     TEXT    NOT NULL,
                revision      INTEGER NOT NULL,
                accepted_at   TEXT    NOT NULL,
                published_at  TEXT    NULL,
                envelope      TEXT    NOT NULL,
                PRIMARY KEY (prefecture, sequence)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX IF NOT EXISTS notice_journal_revision ON notice_journal (notice_id, revision);
            CREATE INDEX IF NOT EXISTS notice_journal_source ON notice_journal (json_extract(envelope, '$.source.id'))
                WHERE json_extract(envelope, '$.source.id') IS NOT NULL;
            """);

        using (var check = _writer.CreateCommand())
        {
            check.CommandText = "PRAGMA synchronous";
            WriterSynchronousMode = Convert.ToInt32(check.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "alerthub-journal-writer" };
        _writerThread.Start();
    }

    /// <summary>The writer connection's <c>PRAGMA synchronous</c> (2 = FULL), read back after setting it.</summary>
    internal int WriterSynchronousMode { get; }

    public Task AppendAsync(NoticeEnvelope envelope)
    {
        var write = new PendingWrite(envelope, null, default);
        return _writes.Writer.TryWrite(write) ? write.Completion.Task : Task.FromException(new ObjectDisposedException(nameof(SqliteNoticeJournal)));
    }

    public Task MarkPublishedAsync(string prefecture, long sequence, DateTimeOffset publishedAt)
    {
        var write = new PendingWrite(null, (prefecture, sequence), publishedAt);
        return _writes.Writer.TryWrite(write) ? write.Completion.Task : Task.CompletedTask;
    }

    public Task<long> GetLatestSequenceAsync(string prefecture, CancellationToken cancellationToken) =>
        ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM notice_journal WHERE prefecture = $p";
            command.Parameters.AddWithValue("$p", prefecture);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task<IReadOnlyList<NoticeEnvelope>> ReadAfterAsync(string prefecture, long after, int limit, CancellationToken cancellationToken) =>
        QueryEnvelopesAsync(
            "SELECT envelope, published_at FROM notice_journal WHERE prefecture = $p AND sequence > $after ORDER BY sequence LIMIT $limit",
            command =>
            {
                command.Parameters.AddWithValue("$p", prefecture);
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$limit", limit);
            }, cancellationToken);

    public Task<IReadOnlyList<NoticeEnvelope>> ReadLatestRevisionsAsync(string prefecture, CancellationToken cancellationToken) =>
        QueryEnvelopesAsync(
            """
            SELECT j.envelope, j.published_at FROM notice_journal j
            WHERE j.prefecture = $p
              AND j.revision = (SELECT MAX(r.revision) FROM notice_journal r WHERE r.notice_id = j.notice_id)
            ORDER BY j.sequence
            """,
            command => command.Parameters.AddWithValue("$p", prefecture), cancellationToken);

    public async Task<NoticeEnvelope?> ReadNoticeAsync(string id, CancellationToken cancellationToken)
    {
        var found = await QueryEnvelopesAsync(
            "SELECT envelope, published_at FROM notice_journal WHERE notice_id = $id ORDER BY revision DESC LIMIT 1",
            command => command.Parameters.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<NoticeEnvelope?> ReadLatestBySourceAsync(string prefecture, string format, string sourceId, CancellationToken cancellationToken)
    {
        var found = await QueryEnvelopesAsync(
            """
            SELECT envelope, published_at FROM notice_journal
            WHERE json_extract(envelope, '$.source.id') = $id AND json_extract(envelope, '$.source.format') = $format AND prefecture = $p
            ORDER BY sequence DESC LIMIT 1
            """,
            command =>
            {
                command.Parameters.AddWithValue("$id", sourceId);
                command.Parameters.AddWithValue("$format", format);
                command.Parameters.AddWithValue("$p", prefecture);
            },
            cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public Task<IReadOnlyList<NoticeEnvelope>> ReadRevisionsAsync(string id, CancellationToken cancellationToken) =>
        QueryEnvelopesAsync(
            "SELECT envelope, published_at FROM notice_journal WHERE notice_id = $id ORDER BY revision",
            command => command.Parameters.AddWithValue("$id", id), cancellationToken);

    public Task<IReadOnlyList<NoticeEnvelope>> ReadUnpublishedAsync(string prefecture, CancellationToken cancellationToken) =>
        QueryEnvelopesAsync(
            "SELECT envelope, published_at FROM notice_journal WHERE prefecture = $p AND published_at IS NULL ORDER BY sequence",
            command => command.Parameters.AddWithValue("$p", prefecture), cancellationToken);

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writerThread.Join();
        _writer.Dispose();
    }

    private Task<IReadOnlyList<NoticeEnvelope>> QueryEnvelopesAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<NoticeEnvelope>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            using var reader = command.ExecuteReader();
            var result = new List<NoticeEnvelope>();
            while (reader.Read())
            {
                var envelope = JsonSerializer.Deserialize(reader.GetString(0), JournalJsonContext.Default.NoticeEnvelope)!;
                var publishedAt = reader.IsDBNull(1) ? (DateTimeOffset?)null : DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
                result.Add(envelope with { PublishedAt = publishedAt });
            }

            return result;
        }, cancellationToken);

    // Microsoft.Data.Sqlite is synchronous underneath; run reads on the thread pool so no grain or request thread blocks.
    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return read(connection);
        }, cancellationToken);

    private void WriterLoop()
    {
        var batch = new List<PendingWrite>(_maxBatch);
        while (true)
        {
            if (!_writes.Reader.TryRead(out var first))
            {
                if (!_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return;
                }

                continue;
            }

            batch.Add(first);
            while (batch.Count < _maxBatch && _writes.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            CommitBatch(batch);
            batch.Clear();
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        try
        {
            Commit(batch);
            foreach (var write in batch)
            {
                write.Completion.TrySetResult();
            }
        }
        catch (SqliteException batchFailure) when (batch.Count > 1)
        {
            // One bad write must not fail its neighbours: retry each alone so only the offender fails.
            LogBatchRetried(batchFailure, batch.Count);
            foreach (var write in batch)
            {
                try
                {
                    Commit([write]);
                    write.Completion.TrySetResult();
                }
                catch (Exception single)
                {
                    write.Completion.TrySetException(single);
                }
            }
        }
        catch (Exception failure)
        {
            LogWriteFailed(failure);
            foreach (var write in batch)
            {
                write.Completion.TrySetException(failure);
            }
        }
    }

    private void Commit(IReadOnlyList<PendingWrite> writes)
    {
        using var transaction = _writer.BeginTransaction();
        foreach (var write in writes)
        {
            using var command = _writer.CreateCommand();
            command.Transaction = transaction;
            if (write.Envelope is { } envelope)
            {
                command.CommandText = """
                    INSERT INTO notice_journal (prefecture, sequence, notice_id, revision, accepted_at, published_at, envelope)
                    VALUES ($p, $s, $id, $rev, $at, NULL, $env)
                    """;
                command.Parameters.AddWithValue("$p", envelope.Prefecture);
                command.Parameters.AddWithValue("$s", envelope.Sequence);
                command.Parameters.AddWithValue("$id", envelope.Id);
                command.Parameters.AddWithValue("$rev", envelope.Revision);
                command.Parameters.AddWithValue("$at", envelope.AcceptedAt.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$env", JsonSerializer.Serialize(envelope with { PublishedAt = null }, JournalJsonContext.Default.NoticeEnvelope));
            }
            else
            {
                var (prefecture, sequence) = write.Published!.Value;
                command.CommandText = "UPDATE notice_journal SET published_at = $at WHERE prefecture = $p AND sequence = $s AND published_at IS NULL";
                command.Parameters.AddWithValue("$p", prefecture);
                command.Parameters.AddWithValue("$s", sequence);
                command.Parameters.AddWithValue("$at", write.PublishedAt.ToString("O", CultureInfo.InvariantCulture));
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit(); // WAL + synchronous=FULL: the WAL is fsynced before Commit returns.
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal batch of {Count} writes failed; retrying each write alone")]
    private partial void LogBatchRetried(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal write failed")]
    private partial void LogWriteFailed(Exception exception);

    private sealed class PendingWrite(NoticeEnvelope? envelope, (string Prefecture, long Sequence)? published, DateTimeOffset publishedAt)
    {
        public NoticeEnvelope? Envelope { get; } = envelope;

        public (string Prefecture, long Sequence)? Published { get; } = published;

        public DateTimeOffset PublishedAt { get; } = publishedAt;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
