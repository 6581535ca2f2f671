using Alert.Broadcast.Delivery;
using Alert.Broadcast.Fanout;
using Alert.Geo;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// What every session of this host shares: the journal to replay from, the boundaries, the delivery reports, the
/// clock and a logger.
/// </summary>
public sealed class SubscriberContext(JournalReader journal, JapanGeography geography, DeliveryTracker deliveries, TimeProvider clock, ILogger<SubscriberSession> logger)
{
    public DeliveryTracker Deliveries { get; } = deliveries;

    public RecentPublications Publications { get; } = new();

    public JournalReader Journal { get; } = journal;

    public JapanGeography Geography { get; } = geography;

    public TimeProvider Clock { get; } = clock;

    public ILogger Logger { get; } = logger;
}
