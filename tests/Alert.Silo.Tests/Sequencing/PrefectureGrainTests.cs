using System.Collections.Concurrent;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;

namespace Alert.Silo.Tests.Sequencing;

public sealed class PrefectureGrainTests(SequencerClusterFixture fixture) : IClassFixture<SequencerClusterFixture>
{
    [Fact]
    public async Task Concurrent_accepts_get_gap_free_strictly_increasing_sequences()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("01");
        var start = (await grain.ReadAfter(0, 1)).LatestSequence;

        var accepted = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => grain.Accept(TestEnvelopes.Submission("01", $"避難指示 {i}"))));

        Assert.Equal(Enumerable.Range((int)start + 1, 60).Select(i => (long)i), accepted.Select(a => a.Sequence).Order());
        Assert.Equal(60, accepted.Select(a => a.Id).Distinct().Count());
        Assert.All(accepted, a => Assert.StartsWith("01-", a.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_accepted_notice_is_already_in_the_journal()
    {
        var accepted = await fixture.Grains.GetGrain<IPrefectureGrain>("02").Accept(TestEnvelopes.Submission("02"));

        var journalled = await fixture.Journal.ReadNoticeAsync(accepted.Id, CancellationToken.None);

        Assert.NotNull(journalled);
        Assert.Equal(accepted.Sequence, journalled.Sequence);
        Assert.Equal(accepted.AcceptedAt, journalled.AcceptedAt);
    }

    [Fact]
    public async Task State_is_rebuilt_from_the_journal_after_deactivation()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("03");
        var first = await grain.Accept(TestEnvelopes.Submission("03", "一"));
        var second = await grain.Accept(TestEnvelopes.Submission("03", "二"));

        await fixture.Cluster.DeactivateAsync(grain);
        var third = await grain.Accept(TestEnvelopes.Submission("03", "三"));
        var board = await grain.GetActiveNotices(NoticeStatus.Actual);

        Assert.Equal(second.Sequence + 1, third.Sequence);
        Assert.Equal([first.Id, second.Id, third.Id], board.Select(n => n.Id));
        Assert.Equal("二", (await grain.GetNotice(second.Id))!.Content.Headline);
    }

    [Fact]
    public async Task Every_registered_host_receives_each_envelope_exactly_once()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("04");
        var hostA = new RecordingHost();
        var hostB = new RecordingHost();
        var referenceA = fixture.Grains.CreateObjectReference<IBroadcastHostObserver>(hostA);
        var referenceB = fixture.Grains.CreateObjectReference<IBroadcastHostObserver>(hostB);
        await grain.RegisterHost("a", referenceA);
        await grain.RegisterHost("b", referenceB);
        await grain.RegisterHost("a", referenceA); // renewal, not a second registration

        var accepted = new List<AcceptedNotice>();
        for (var i = 0; i < 5; i++)
        {
            accepted.Add(await grain.Accept(TestEnvelopes.Submission("04", $"通知 {i}")));
        }

        // Orleans does not promise message order; hosts restore it from the sequence numbers (PrefectureStream).
        var expected = accepted.Select(a => a.Sequence).ToList();
        Assert.Equal(expected, (await hostA.WaitForAsync(5)).Order());
        Assert.Equal(expected, (await hostB.WaitForAsync(5)).Order());
        await Task.Delay(200);
        Assert.Equal(5, hostA.Count);
        Assert.All(hostA.Received, e => Assert.NotNull(e.PublishedAt));
    }

    [Fact]
    public async Task A_host_whose_lease_lapsed_receives_nothing_until_it_renews()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("05");
        var host = new RecordingHost();
        var reference = fixture.Grains.CreateObjectReference<IBroadcastHostObserver>(host);
        await grain.RegisterHost("lapsing", reference);

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await grain.Accept(TestEnvelopes.Submission("05", "届かない"));
        var latest = await grain.RegisterHost("lapsing", reference);
        var delivered = await grain.Accept(TestEnvelopes.Submission("05", "届く"));

        Assert.Equal([delivered.Sequence], await host.WaitForAsync(1));
        Assert.Equal(delivered.Sequence - 1, latest); // the renewal told the host what it had missed
    }

    [Fact]
    public async Task Notice_for_another_prefecture_is_refused()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("06");

        await Assert.ThrowsAsync<ArgumentException>(() => grain.Issue(TestEnvelopes.Submission("07")));
        Assert.Equal(0, (await grain.ReadAfter(0, 10)).LatestSequence);
    }

    [Fact]
    public async Task Feed_pages_in_order_and_reports_the_latest_sequence()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("08");
        for (var i = 0; i < 7; i++)
        {
            await grain.Accept(TestEnvelopes.Submission("08", $"頁 {i}"));
        }

        var first = await grain.ReadAfter(0, 3);
        var second = await grain.ReadAfter(first.Envelopes[^1].Sequence, 3);
        var beyond = await grain.ReadAfter(7, 3);

        Assert.Equal([1L, 2L, 3L], first.Envelopes.Select(e => e.Sequence));
        Assert.Equal([4L, 5L, 6L], second.Envelopes.Select(e => e.Sequence));
        Assert.Empty(beyond.Envelopes);
        Assert.Equal(7, beyond.LatestSequence);
    }

    [Fact]
    public async Task Envelopes_journalled_but_never_published_are_recovered_on_activation()
    {
        // As if the process died between the fsync and the hand-over to the hosts.
        await fixture.Journal.AppendAsync(TestEnvelopes.Envelope("09", 1));
        await fixture.Journal.AppendAsync(TestEnvelopes.Envelope("09", 2));

        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("09");
        var latest = await grain.RegisterHost("recovering", fixture.Grains.CreateObjectReference<IBroadcastHostObserver>(new RecordingHost()));
        var next = await grain.Accept(TestEnvelopes.Submission("09"));

        Assert.Equal(2, latest);
        Assert.Equal(3, next.Sequence);
        await WaitUntilAsync(async () => (await fixture.Journal.ReadUnpublishedAsync("09", CancellationToken.None)).Count == 0);
    }

    [Fact]
    public async Task A_key_that_is_not_a_prefecture_code_never_activates()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>("99");

        await Assert.ThrowsAnyAsync<Exception>(() => grain.ReadAfter(0, 1));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }

    private sealed class RecordingHost : IBroadcastHostObserver
    {
        private readonly ConcurrentQueue<NoticeEnvelope> _received = new();

        public int Count => _received.Count;

        public IReadOnlyList<NoticeEnvelope> Received => [.. _received];

        public Task OnNotice(NoticeEnvelope envelope)
        {
            _received.Enqueue(envelope);
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<long>> WaitForAsync(int count)
        {
            for (var i = 0; i < 200 && _received.Count < count; i++)
            {
                await Task.Delay(25);
            }

            return [.. _received.Select(e => e.Sequence)];
        }
    }
}
