namespace Alert.Silo.Journal;

public static class JournalServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite journal as the process-wide <see cref="INoticeJournal"/>. Configure <see cref="SqliteJournalOptions"/>
    /// (at least the database path) beside this call.
    /// </summary>
    public static IServiceCollection AddSqliteNoticeJournal(this IServiceCollection services)
    {
        services.AddOptions<SqliteJournalOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteNoticeJournal>();
        services.AddSingleton<INoticeJournal>(sp => sp.GetRequiredService<SqliteNoticeJournal>());
        services.AddSingleton<Delivery.IDeliveryStore, Delivery.SqliteDeliveryStore>();
        services.AddSingleton<Broadcast.Webhooks.IWebhookStore, Webhooks.SqliteWebhookStore>();
        return services;
    }
}
