using Alert.Silo.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Alert.Silo.Tests.Sequencing;

/// <summary>An in-process Orleans cluster running the real sequencer grain on a real SQLite journal in a temp directory.</summary>
public sealed class SequencerClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerthub-grains-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The sequencer's clock: host leases are tested by moving it, never by waiting.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public IGrainFactory Grains => Cluster.Client;

    public INoticeJournal Journal => Cluster.GetSiloServiceProvider().GetRequiredService<INoticeJournal>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton<TimeProvider>(Alert.Silo.Sequencing.SequencerClock.Key, Clock);
            host.Services.Configure<SqliteJournalOptions>(o => o.DatabasePath = Path.Combine(_directory, "journal.db"));
            host.Services.AddSqliteNoticeJournal();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
