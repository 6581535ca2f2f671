using Alert.Broadcast.Fanout;
using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alert.Broadcast.Tests.Subscriptions;

public sealed class SubscriberSessionTests(BroadcastClusterFixture fixture) : IClassFixture<BroadcastClusterFixture>
{

    private static NoticeSubmission Submission(string prefecture, string headline, string status = NoticeStatus.Actual) =>
        TestNotices.Information(prefecture, headline, status);

    private async Task<(SubscriberRegistry Registry, BroadcastHostRegistration Registration)> StartHostAsync()
    {
        var registry = new SubscriberRegistry(TestGeography.Instance);
        var journal = new JournalReader(fixture.Grains);
        var host = new BroadcastHost(journal, registry, NullLogger<BroadcastHost>.Instance, new RunningApplication());
        var registration = new BroadcastHostRegistration(fixture.Grains, host, TimeProvider.System, NullLogger<BroadcastHostRegistration>.Instance);
        await registration.StartAsync(CancellationToken.None);
        return (registry, registration);
    }

    private SubscriberSession Session(string prefecture, long? after, RecordingSender sender, SubscriptionFilter? filter = null, Action<string>? disconnect = null) =>
        TestSessions.Create(fixture.Grains, "connection-" + prefecture, prefecture, after, filter ?? SubscriptionFilter.ActualOnly, sender, disconnect);

    [Fact]
    public async Task Replay_and_live_interleaved_deliver_every_sequence_once_in_order()
    {
        var (registry, registration) = await StartHostAsync();
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("10");
        for (var i = 0; i < 10; i++)
        {
            await grain.AcceptAsync(Submission("10", $"before {i}"));
        }

        var sender = new RecordingSender();
        var during = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await grain.AcceptAsync(Submission("10", $"during {i}"));
            }
        });
        await registry.AddAsync(Session("10", after: 0, sender));
        await during;

        var sequences = await sender.WaitForAsync(sent => sent.Count >= 50);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), sequences);
        await registry.RemoveAsync("connection-10");
        await registration.DisposeAsync();
    }

    [Fact]
    public async Task Drills_are_skipped_for_actual_subscribers_without_leaving_a_gap()
    {
        var (registry, registration) = await StartHostAsync();
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("11");
        var sender = new RecordingSender();
        await registry.AddAsync(Session("11", after: 0, sender));

        await grain.AcceptAsync(Submission("11", "訓練", NoticeStatus.Exercise));
        var real = await grain.AcceptAsync(Submission("11", "本番"));

        var sequences = await sender.WaitForAsync(sent => sent.Count >= 1);
        Assert.Equal([real.Sequence], sequences);
        Assert.All(sender.Sent, m => Assert.Equal(NoticeStatus.Actual, m.Status));
        await registry.RemoveAsync("connection-11");
        await registration.DisposeAsync();
    }

    [Fact]
    public async Task Without_after_the_subscriber_starts_live()
    {
        var (registry, registration) = await StartHostAsync();
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("12");
        await grain.AcceptAsync(Submission("12", "過去"));
        var sender = new RecordingSender();
        var session = Session("12", after: null, sender);
        await registry.AddAsync(session);
        var startsAfter = (await session.Started)["12"];

        var live = await grain.AcceptAsync(Submission("12", "現在"));

        Assert.Equal([live.Sequence], await sender.WaitForAsync(sent => sent.Count >= 1));
        Assert.Equal(live.Sequence - 1, startsAfter);
        await registry.RemoveAsync("connection-12");
        await registration.DisposeAsync();
    }

    [Fact]
    public async Task Envelopes_handed_out_by_several_threads_reach_every_session_once_and_in_order()
    {
        // Enough sessions for the registry to split each hand-out over partitions (one per core, at least two here).
        var (registry, registration) = await StartHostAsync();
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("15");
        var senders = new List<RecordingSender>();
        var sessions = (SubscriberRegistry.PartitionSize * 2) + 17;
        for (var i = 0; i < sessions; i++)
        {
            var sender = new RecordingSender();
            senders.Add(sender);
            var session = TestSessions.Create(fixture.Grains, $"partitioned-{i}", "15", after: null, SubscriptionFilter.ActualOnly, sender);
            await registry.AddAsync(session);
            await session.Started;
        }

        var accepted = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            accepted.Add((await grain.AcceptAsync(Submission("15", $"分割 {i}"))).Sequence);
        }

        foreach (var sender in senders)
        {
            Assert.Equal(accepted, await sender.WaitForAsync(sent => sent.Count >= accepted.Count));
        }

        for (var i = 0; i < sessions; i++)
        {
            await registry.RemoveAsync($"partitioned-{i}");
        }

        await registration.DisposeAsync();
    }

    [Fact]
    public async Task A_subscriber_that_falls_too_far_behind_is_disconnected_not_waited_for()
    {
        var stuck = new TaskCompletionSource();
        var sender = new RecordingSender(stuck);
        var disconnected = 0;
        string? reason = null;
        var session = Session("14", after: null, sender, disconnect: r =>
        {
            reason = r;
            Interlocked.Increment(ref disconnected);
        });
        session.Start();

        for (var i = 1; i <= SubscriberSession.LiveBufferCapacity + 2; i++)
        {
            session.Offer(TestNotices.Envelope("14", i));
        }

        Assert.Equal(1, disconnected);
        Assert.Contains("再購読", reason, StringComparison.Ordinal);
        Assert.Contains("resubscribe with after", reason, StringComparison.Ordinal);
        stuck.SetResult();
        await session.DisposeAsync();
    }
}
