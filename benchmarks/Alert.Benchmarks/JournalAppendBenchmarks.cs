using Alert.Contracts.Notices;
using Alert.Silo.Journal;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alert.Benchmarks;

/// <summary>
/// 64 notices accepted at once across prefectures, each durable (fsynced) before its answer. Baseline: the same
/// journal committing one write per transaction (one fsync per notice); production: group commit of whatever is queued.
/// </summary>
[MemoryDiagnoser]
public class JournalAppendBenchmarks
{
    private const int Concurrent = 64;
    private readonly string _directory = Directory.CreateTempSubdirectory("alerthub-bench-").FullName;
    private SqliteNoticeJournal _oneByOne = null!;
    private SqliteNoticeJournal _grouped = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _oneByOne = Open("one-by-one.db", maxBatch: 1);
        _grouped = Open("grouped.db", maxBatch: 256);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _oneByOne.Dispose();
        _grouped.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task OneFsyncPerNotice() => AppendConcurrently(_oneByOne);

    [Benchmark]
    public Task GroupCommit() => AppendConcurrently(_grouped);

    private Task AppendConcurrently(SqliteNoticeJournal journal)
    {
        var first = Interlocked.Add(ref _sequence, Concurrent) - Concurrent;
        return Task.WhenAll(Enumerable.Range(1, Concurrent).Select(i => journal.AppendAsync(Envelope(first + i))));
    }

    private SqliteNoticeJournal Open(string file, int maxBatch) => new(
        Options.Create(new SqliteJournalOptions { DatabasePath = Path.Combine(_directory, file), MaxBatch = maxBatch }),
        NullLogger<SqliteNoticeJournal>.Instance);

    private static NoticeEnvelope Envelope(long sequence) => new(
        "13", sequence, NoticeId.Create("13", Guid.CreateVersion7()), 1, NoticeKind.Issued, NoticeCategory.Evacuation, NoticeStatus.Actual, "13101",
        new NoticeContent("避難指示", "台風第10号", "flood", 4, [new NoticeArea("13101", "丸の内一丁目", null, 4, AreaStates.Issued, 120, 300)], 120, 300, [], null, null, null),
        ["13101"], [new ItemChange("13101/丸の内一丁目", ItemChangeKind.Added, [])], null, DateTimeOffset.UtcNow.AddDays(3), "13101", "127.0.0.1",
        DateTimeOffset.UtcNow, null);
}
