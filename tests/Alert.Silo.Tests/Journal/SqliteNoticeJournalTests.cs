using Alert.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Tests.Journal;

public sealed class SqliteNoticeJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerthub-journal-").FullName;

    private string DatabasePath => Path.Combine(_directory, "journal.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteNoticeJournal Open() =>
        new(Options.Create(new SqliteJournalOptions { DatabasePath = DatabasePath }), NullLogger<SqliteNoticeJournal>.Instance);

    [Fact]
    public async Task Appended_envelopes_read_back_in_sequence_order_after_reopening()
    {
        var written = Enumerable.Range(1, 5).Select(i => TestEnvelopes.Envelope("13", i)).ToList();
        using (var journal = Open())
        {
            foreach (var envelope in written)
            {
                await journal.AppendAsync(envelope);
            }
        }

        using var reopened = Open();
        var read = await reopened.ReadAfterAsync("13", 0, 100, CancellationToken.None);

        Assert.Equal(written.Select(e => e.Id), read.Select(e => e.Id));
        Assert.Equal(written[0].Content.Areas[0].Geometry, read[0].Content.Areas[0].Geometry);
        Assert.Equal(written[0].AcceptedAt, read[0].AcceptedAt);
        Assert.Equal(5, await reopened.GetLatestSequenceAsync("13", CancellationToken.None));
        Assert.Equal(0, await reopened.GetLatestSequenceAsync("27", CancellationToken.None));
    }

    [Fact]
    public async Task Uses_write_ahead_logging_with_full_synchronous_commits()
    {
        using var journal = Open();
        await journal.AppendAsync(TestEnvelopes.Envelope("13", 1));

        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        Assert.Equal(2, journal.WriterSynchronousMode); // 2 = FULL: the WAL is fsynced at every commit
    }

    [Fact]
    public async Task A_duplicate_sequence_fails_alone_while_its_batch_neighbours_land()
    {
        using var journal = Open();
        await journal.AppendAsync(TestEnvelopes.Envelope("13", 1));

        var appends = new[]
        {
            journal.AppendAsync(TestEnvelopes.Envelope("13", 2)),
            journal.AppendAsync(TestEnvelopes.Envelope("13", 1)), // same (prefecture, sequence) as above
            journal.AppendAsync(TestEnvelopes.Envelope("27", 1)),
        };
        await Assert.ThrowsAnyAsync<SqliteException>(() => appends[1]);
        await appends[0];
        await appends[2];

        Assert.Equal(2, await journal.GetLatestSequenceAsync("13", CancellationToken.None));
        Assert.Equal(1, await journal.GetLatestSequenceAsync("27", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_appends_from_many_prefectures_all_land()
    {
        using var journal = Open();
        var prefectures = new[] { "01", "13", "27", "47" };

        await Task.WhenAll(prefectures.SelectMany(p => Enumerable.Range(1, 50).Select(i => journal.AppendAsync(TestEnvelopes.Envelope(p, i)))));

        foreach (var prefecture in prefectures)
        {
            var read = await journal.ReadAfterAsync(prefecture, 0, 1000, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), read.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task Latest_revisions_and_lookup_by_id_return_the_highest_revision()
    {
        using var journal = Open();
        var id = Alert.Contracts.Notices.NoticeId.Create("13", Guid.CreateVersion7());
        await journal.AppendAsync(TestEnvelopes.Envelope("13", 1, id, revision: 1));
        await journal.AppendAsync(TestEnvelopes.Envelope("13", 2));
        await journal.AppendAsync(TestEnvelopes.Envelope("13", 3, id, revision: 2));

        var latest = await journal.ReadLatestRevisionsAsync("13", CancellationToken.None);
        var byId = await journal.ReadNoticeAsync(id, CancellationToken.None);

        Assert.Equal(2, latest.Count);
        Assert.Equal(2, latest.Single(e => e.Id == id).Revision);
        Assert.Equal(3, byId!.Sequence);
        Assert.Null(await journal.ReadNoticeAsync("13-00000000000000000000000000000000", CancellationToken.None));
    }

    [Fact]
    public async Task Envelopes_stay_unpublished_until_marked()
    {
        using var journal = Open();
        await journal.AppendAsync(TestEnvelopes.Envelope("13", 1));
        await journal.AppendAsync(TestEnvelopes.Envelope("13", 2));
        var publishedAt = new DateTimeOffset(2026, 11, 25, 9, 0, 1, TimeSpan.Zero);

        await journal.MarkPublishedAsync("13", 1, publishedAt);

        var unpublished = await journal.ReadUnpublishedAsync("13", CancellationToken.None);
        Assert.Equal([2L], unpublished.Select(e => e.Sequence));
        var first = (await journal.ReadAfterAsync("13", 0, 1, CancellationToken.None))[0];
        Assert.Equal(publishedAt, first.PublishedAt);
    }
}
