using Alert.Broadcast.Fanout;
using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alert.Broadcast.Tests.Subscriptions;

/// <summary>Filters combine with AND, follow a delivered notice to its end, and locations get exactly what reaches them.</summary>
public sealed class SubscriptionFilterTests(BroadcastClusterFixture fixture) : IClassFixture<BroadcastClusterFixture>
{
    // A 2 km square in 金沢市 (17201); its east edge runs along longitude 136.66.
    private const string Square = """{"type":"Polygon","coordinates":[[[136.64,36.55],[136.66,36.55],[136.66,36.57],[136.64,36.57],[136.64,36.55]]]}""";

    private static readonly HashSet<string> Actual = [NoticeStatus.Actual];

    [Fact]
    public async Task Category_level_and_municipality_filters_combine_and_follow_a_delivered_notice_to_its_end()
    {
        var (registry, registration) = await StartHostAsync();
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("18");
        var ordersOnly = await SubscribeAsync(registry, "orders", "18", new SubscriptionFilter(Actual, Categories: new HashSet<string> { NoticeCategory.Evacuation }, MinLevel: 4));
        var tsuruga = await SubscribeAsync(registry, "tsuruga", "18", new SubscriptionFilter(Actual, Municipalities: new HashSet<string> { "18202" }));
        var everything = await SubscribeAsync(registry, "everything", "18", SubscriptionFilter.ActualOnly);

        var level3 = await grain.AcceptAsync(TestNotices.Evacuation("18", "18201", 3, "甲"));
        var level4 = await grain.AcceptAsync(TestNotices.Evacuation("18", "18201", 4, "乙"));
        var shelter = await grain.AcceptAsync(TestNotices.Shelter("18", "18202", "丙"));
        var lowered = await grain.Revise(level4.Id, 1, TestNotices.Evacuation("18", "18201", 3, "乙"));
        Assert.Equal(NoticeOutcomes.Accepted, lowered.Result);
        var last = lowered.Notice!.Sequence;

        Assert.Equal([level3.Sequence, level4.Sequence, shelter.Sequence, last], await ThroughAsync(everything, last));
        // The lowered order no longer matches minLevel 4, but whoever aired level 4 must hear it was lowered.
        Assert.Equal([level4.Sequence, last], await ThroughAsync(ordersOnly, last));
        Assert.Equal([shelter.Sequence], await ThroughAsync(tsuruga, last));
        await registration.DisposeAsync();
    }

    [Fact]
    public async Task A_location_gets_the_notices_whose_areas_contain_or_touch_it_live_and_on_replay()
    {
        var geography = TestGeography.Instance;
        Assert.Equal("17201", geography.Locate(36.56, 136.65).Municipality?.Code);
        Assert.Equal("17201", geography.Locate(36.56, 136.6615).Municipality?.Code);
        var (registry, registration) = await StartHostAsync();
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("17");
        var inside = await SubscribeAsync(registry, "inside", "17", Located(36.56, 136.65, 0));
        var outside = await SubscribeAsync(registry, "outside", "17", Located(36.56, 136.6615, 0)); // about 130 m east
        var touching = await SubscribeAsync(registry, "touching", "17", Located(36.56, 136.6615, 0.2));
        var elsewhere = await grain.AcceptAsync(TestNotices.Evacuation("17", "17202", 4, "七尾")); // 七尾市, far away
        var square = await grain.AcceptAsync(TestNotices.Evacuation("17", "17201", 4, "四角", Square));
        var wholeCity = await grain.AcceptAsync(TestNotices.Evacuation("17", "17201", 3, "全域"));
        var last = wholeCity.Sequence;

        Assert.Equal([square.Sequence, last], await ThroughAsync(inside, last));
        Assert.Equal([last], await ThroughAsync(outside, last));
        Assert.Equal([square.Sequence, last], await ThroughAsync(touching, last));

        // Replayed from the journal, the same rule decides.
        var replayed = await SubscribeAsync(registry, "replayed", "17", Located(36.56, 136.65, 0), after: elsewhere.Sequence - 1);
        Assert.Equal([square.Sequence, last], await ThroughAsync(replayed, last));
        await registration.DisposeAsync();
    }

    [Fact]
    public async Task Heartbeats_report_how_far_the_stream_has_reached_including_filtered_envelopes()
    {
        var (registry, registration) = await StartHostAsync();
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("19");
        var shelters = await SubscribeAsync(registry, "shelters", "19", new SubscriptionFilter(Actual, Categories: new HashSet<string> { NoticeCategory.Shelter }));
        var order = await grain.AcceptAsync(TestNotices.Evacuation("19", "19201", 4, "丁"));

        var sequences = await ThroughAsync(shelters, order.Sequence);
        Assert.Empty(sequences);
        Assert.Equal(order.Sequence, shelters.Sender.Heartbeats[^1].Sequences["19"]);
        await registration.DisposeAsync();
    }

    private static SubscriptionFilter Located(double lat, double lon, double radiusKm) =>
        new(Actual, Location: new LocationFence(lat, lon, radiusKm, TestGeography.Instance.Factory));

    private async Task<(SubscriberRegistry Registry, BroadcastHostRegistration Registration)> StartHostAsync()
    {
        var registry = new SubscriberRegistry(TestGeography.Instance);
        var journal = new JournalReader(fixture.Grains);
        var host = new BroadcastHost(journal, registry, NullLogger<BroadcastHost>.Instance, new RunningApplication());
        var registration = new BroadcastHostRegistration(fixture.Grains, host, TimeProvider.System, NullLogger<BroadcastHostRegistration>.Instance);
        await registration.StartAsync(CancellationToken.None);
        return (registry, registration);
    }

    private async Task<Subscriber> SubscribeAsync(SubscriberRegistry registry, string id, string prefecture, SubscriptionFilter filter, long? after = null)
    {
        var sender = new RecordingSender();
        var session = TestSessions.Create(fixture.Grains, id, prefecture, after, filter, sender);
        await registry.AddAsync(session);
        await session.Started;
        return new Subscriber(session, sender, prefecture);
    }

    /// <summary>What the subscriber received once its stream (by heartbeat) has reached <paramref name="sequence"/>.</summary>
    private static async Task<IReadOnlyList<long>> ThroughAsync(Subscriber subscriber, long sequence)
    {
        for (var i = 0; i < 400; i++)
        {
            subscriber.Session.OfferHeartbeat();
            await Task.Delay(25);
            if (subscriber.Sender.Heartbeats.Any(h => h.Sequences[subscriber.Prefecture] >= sequence))
            {
                return [.. subscriber.Sender.Sent.Select(m => m.Sequence)];
            }
        }

        throw new TimeoutException($"{subscriber.Session.ConnectionId} never reached sequence {sequence}.");
    }

    private sealed record Subscriber(SubscriberSession Session, RecordingSender Sender, string Prefecture);
}
