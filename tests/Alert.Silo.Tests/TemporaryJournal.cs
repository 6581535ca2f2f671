using Alert.Silo.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Tests;

/// <summary>A journal database in its own temporary directory, for the stores that live beside the journal.</summary>
internal sealed class TemporaryJournal : IDisposable
{
    public TemporaryJournal()
    {
        Options = Microsoft.Extensions.Options.Options.Create(new SqliteJournalOptions { DatabasePath = DatabasePath });
        Journal = new SqliteNoticeJournal(Options, NullLogger<SqliteNoticeJournal>.Instance);
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("alerthub-store-").FullName;

    public string DatabasePath => Path.Combine(Directory, "journal.db");

    public IOptions<SqliteJournalOptions> Options { get; }

    public SqliteNoticeJournal Journal { get; }

    public void Dispose()
    {
        Journal.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
