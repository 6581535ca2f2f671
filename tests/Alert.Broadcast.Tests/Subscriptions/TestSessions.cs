using Alert.Broadcast.Delivery;
using Alert.Broadcast.Fanout;
using Alert.Broadcast.Subscriptions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alert.Broadcast.Tests.Subscriptions;

/// <summary>Sessions as the hub makes them, over a test cluster (delivery reports are collected, never flushed).</summary>
internal static class TestSessions
{
    public const string Organisation = "test-transmitter";

    public static SubscriberContext Context(IGrainFactory grains) => new(
        new JournalReader(grains), TestGeography.Instance,
        new DeliveryTracker(grains, TimeProvider.System, Options.Create(new DeliveryOptions()), NullLogger<DeliveryTracker>.Instance),
        TimeProvider.System, NullLogger<SubscriberSession>.Instance);

    public static SubscriberSession Create(
        IGrainFactory grains, string id, string prefecture, long? after, SubscriptionFilter filter, INoticeSender sender, Action<string>? disconnect = null) =>
        new(id, Organisation, [prefecture], after is { } a ? new Dictionary<string, long> { [prefecture] = a } : [], filter, Context(grains), sender, disconnect ?? (_ => { }));
}
