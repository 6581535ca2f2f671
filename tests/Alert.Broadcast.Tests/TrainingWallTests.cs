using Alert.Broadcast.Fanout;
using Alert.Broadcast.Subscriptions;
using Alert.Broadcast.Summary;
using Alert.Broadcast.Tests.Subscriptions;
using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;
using Alert.Geo;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alert.Broadcast.Tests;

/// <summary>
/// Training can never look live: for any mix of actual, exercise and test notices, the actual board, summary and
/// subscriptions see only actual ones, drill subscribers see only drills, and every drill headline is marked.
/// </summary>
public sealed class TrainingWallTests(BroadcastClusterFixture fixture) : IClassFixture<BroadcastClusterFixture>
{
    private const string Prefecture = "16";
    private static readonly string[] Municipalities = ["16201", "16202", "16204"];
    private static JapanGeography Geography => TestGeography.Instance;

    private static readonly Gen<(string Status, int Municipality, int Level, bool Shelter)> Notices = Gen.Select(
        Gen.Int[0, 2].Select(i => new[] { NoticeStatus.Actual, NoticeStatus.Exercise, NoticeStatus.Test }[i]),
        Gen.Int[0, Municipalities.Length - 1], Gen.Int[3, 5], Gen.Bool);

    [Fact]
    public async Task Drills_never_reach_the_actual_board_summary_or_subscribers()
    {
        var registry = new SubscriberRegistry(Geography);
        var journal = new JournalReader(fixture.Grains);
        var host = new BroadcastHost(journal, registry, NullLogger<BroadcastHost>.Instance, new RunningApplication());
        var registration = new BroadcastHostRegistration(fixture.Grains, host, TimeProvider.System, NullLogger<BroadcastHostRegistration>.Instance);
        await registration.StartAsync(CancellationToken.None);
        var live = new RecordingSender();
        var drills = new RecordingSender();
        await registry.AddAsync(Session("live", live, NoticeStatus.Actual));
        await registry.AddAsync(Session("drills", drills, NoticeStatus.Exercise));
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>(Prefecture);
        var counter = 0;

        await Notices.Array[1, 8].SampleAsync(async mix =>
        {
            foreach (var (status, municipality, level, shelter) in mix)
            {
                counter++;
                await grain.Issue(shelter ? Shelter(status, Municipalities[municipality], counter) : Evacuation(status, Municipalities[municipality], level, counter));
            }

            var all = new List<NoticeEnvelope>();
            for (var page = await grain.ReadAfter(0, 1000); page.Envelopes.Count > 0; page = await grain.ReadAfter(page.Envelopes[^1].Sequence, 1000))
            {
                all.AddRange(page.Envelopes);
            }

            var actual = all.Where(e => e.Status == NoticeStatus.Actual).Select(e => e.Sequence).ToList();
            var exercise = all.Where(e => e.Status == NoticeStatus.Exercise).Select(e => e.Sequence).ToList();
            Assert.Equal(actual, await live.WaitForAsync(sent => sent.Count >= actual.Count));
            Assert.Equal(exercise, await drills.WaitForAsync(sent => sent.Count >= exercise.Count));
            Assert.All(drills.Sent, m => Assert.StartsWith("【訓練】", m.Headline, StringComparison.Ordinal));
            Assert.All(all.Where(e => e.Status == NoticeStatus.Test), e => Assert.StartsWith("【試験】", e.Content.Headline, StringComparison.Ordinal));

            var board = await grain.GetActiveNotices(NoticeStatus.Actual);
            Assert.All(board, n => Assert.Equal(NoticeStatus.Actual, n.Status));
            var summary = new PrefectureSummaryBuilder(Geography).Build(Prefecture, NoticeStatus.Actual, board, DateTimeOffset.UtcNow);
            var expectedAreas = board.Where(n => n.Category == NoticeCategory.Evacuation).Sum(n => n.Content.Areas.Count);
            var expectedShelters = board.Where(n => n.Category == NoticeCategory.Shelter).Sum(n => n.Content.Shelters.Count);
            Assert.Equal(expectedAreas, summary.Totals.Levels.Sum(l => l.Areas));
            Assert.Equal(expectedShelters, summary.Totals.Shelters.Open);
        }, iter: 15, threads: 1);

        await registry.RemoveAsync("live");
        await registry.RemoveAsync("drills");
        await registration.DisposeAsync();
    }

    private SubscriberSession Session(string id, RecordingSender sender, string status) =>
        TestSessions.Create(fixture.Grains, id, Prefecture, 0, new SubscriptionFilter(new HashSet<string> { status }), sender);

    // Each notice its own disaster, so state documents never collide and every issue is a new notice.
    private static NoticeSubmission Evacuation(string status, string municipality, int level, int n) => new(
        Prefecture, NoticeCategory.Evacuation, status, municipality,
        new NoticeContent("避難指示", $"災害{n}", "flood", level, [new NoticeArea(municipality, $"{n}丁目", null, level, AreaStates.Issued, 10, 25)], 10, 25, [], null, null, null),
        [municipality], municipality, "127.0.0.1", null, null);

    private static NoticeSubmission Shelter(string status, string municipality, int n) => new(
        Prefecture, NoticeCategory.Shelter, status, municipality,
        new NoticeContent("避難所開設", $"災害{n}", null, null, [], null, null,
            [new Shelter(municipality, $"第{n}避難所", null, null, null, "designated", "opened", 100, "available", 3, 1, null)], null, null, null),
        [municipality], municipality, "127.0.0.1", null, null);
}
