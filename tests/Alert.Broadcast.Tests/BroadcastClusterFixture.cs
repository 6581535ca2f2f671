using Alert.Silo.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Alert.Broadcast.Tests;

/// <summary>The real sequencer grain and SQLite journal in an in-process cluster, for delivery tests.</summary>
public sealed class BroadcastClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerthub-broadcast-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton(Alert.Silo.Sequencing.SequencerClock.Key, TimeProvider.System);
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
