using Alert.Silo.Journal;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Alert.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// The embedded default: one silo with localhost clustering and the SQLite journal under the data directory.
    /// </summary>
    public static IHostApplicationBuilder AddAlertHubSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AlertHubOptions.Section).Get<AlertHubOptions>() ?? new AlertHubOptions();
        builder.Services.AddOptions<AlertHubOptions>().Bind(builder.Configuration.GetSection(AlertHubOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.TryAddSingletonTimeProvider();
        builder.Services.AddKeyedSingleton(Sequencing.SequencerClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        builder.Services.AddSqliteNoticeJournal();
        builder.Services.AddOptions<SqliteJournalOptions>()
            .Configure<IOptions<AlertHubOptions>>((journal, hub) =>
                journal.DatabasePath = Path.Combine(Path.GetFullPath(hub.Value.DataDirectory), "journal.db"));
        builder.Services.AddHealthChecks().AddCheck<JournalHealthCheck>("journal", tags: ["ready"]);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort,
                options.PrimarySiloPort is { } primary ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, primary) : null);
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
        });

        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
