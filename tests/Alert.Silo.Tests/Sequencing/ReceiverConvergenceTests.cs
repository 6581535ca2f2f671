using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;
using CsCheck;

namespace Alert.Silo.Tests.Sequencing;

/// <summary>
/// The documented receiver rule (upsert by id, accept only a higher revision, drop what ended) applied to the hub's
/// envelopes duplicated and reordered at random ends with exactly the hub's board.
/// </summary>
public sealed class ReceiverConvergenceTests(SequencerClusterFixture fixture) : IClassFixture<SequencerClusterFixture>
{
    private const string Prefecture = "30";

    private static readonly string[] Municipalities = ["30201", "30202", "30203"];
    private static readonly string[] Disasters = ["台風", "豪雨"];

    /// <summary>One step an issuer might take: issue, revise (maybe lifting), correct, cancel, or let time pass.</summary>
    private sealed record Step(int Kind, int Municipality, int Disaster, int Level, bool Lift, string Status, int Pick);

    private static readonly Gen<Step> Steps = Gen.Select(
        Gen.Int[0, 5], Gen.Int[0, Municipalities.Length - 1], Gen.Int[0, Disasters.Length - 1], Gen.Int[3, 5], Gen.Bool,
        Gen.Int[0, 9].Select(i => i < 7 ? NoticeStatus.Actual : i < 9 ? NoticeStatus.Exercise : NoticeStatus.Test), Gen.Int[0, 1000],
        (kind, municipality, disaster, level, lift, status, pick) => new Step(kind, municipality, disaster, level, lift, status, pick));

    [Fact]
    public async Task Receivers_applying_the_rule_to_shuffled_duplicated_envelopes_end_with_the_hub_board()
    {
        var grain = fixture.Grains.GetGrain<IPrefectureGrain>(Prefecture);
        await Gen.Select(Steps.Array[1, 12], Gen.Int[0, int.MaxValue]).SampleAsync(async (steps, seed) =>
        {
            foreach (var step in steps)
            {
                await ApplyAsync(grain, step);
            }

            var envelopes = new List<NoticeEnvelope>();
            for (var page = await grain.ReadAfter(0, 1000); page.Envelopes.Count > 0; page = await grain.ReadAfter(page.Envelopes[^1].Sequence, 1000))
            {
                envelopes.AddRange(page.Envelopes);
            }

            // Every envelope arrives one to three times, in a random order.
            var random = new Random(seed);
            var delivered = envelopes.SelectMany(e => Enumerable.Repeat(e, random.Next(1, 4))).OrderBy(_ => random.Next()).ToList();
            var receiver = new ReceiverBoard();
            foreach (var envelope in delivered)
            {
                receiver.Apply(envelope);
            }

            var board = new List<NoticeEnvelope>();
            foreach (var status in NoticeStatus.All)
            {
                board.AddRange(await grain.GetActiveNotices(status));
            }

            Assert.Equal(
                board.Select(n => (n.Id, n.Revision)).Order(),
                receiver.InForce.Select(n => (n.Id, n.Revision)).Order());
        }, iter: 40, threads: 1);
    }

    private async Task ApplyAsync(IPrefectureGrain grain, Step step)
    {
        var issuer = Municipalities[step.Municipality];
        var inForce = new List<NoticeEnvelope>();
        foreach (var status in NoticeStatus.All)
        {
            inForce.AddRange(await grain.GetActiveNotices(status));
        }

        var target = inForce.Count == 0 ? null : inForce[step.Pick % inForce.Count];
        switch (step.Kind)
        {
            case 0 or 1:
                await grain.Issue(Snapshot(issuer, step) with { Status = step.Status });
                break;
            case 2 when target is { Category: NoticeCategory.Evacuation }:
                await grain.Revise(target.Id, target.Revision, Snapshot(target.Issuer, step) with { Status = target.Status, Content = Snapshot(target.Issuer, step).Content with { Disaster = target.Content.Disaster } });
                break;
            case 3 when target is not null:
                await grain.Revise(target.Id, target.Revision - (step.Pick % 2), Resubmit(target) with { ErrataReason = "訂正" });
                break;
            case 4 when target is not null:
                await grain.Cancel(target.Id, "誤発信", target.Issuer, "192.0.2.1");
                break;
            case 5:
                fixture.Clock.Advance(TimeSpan.FromHours(step.Pick % 40));
                await grain.ExpireDue();
                break;
        }
    }

    private static NoticeSubmission Snapshot(string issuer, Step step) => TestEnvelopes.Evacuation(
        Prefecture, issuer, Disasters[step.Disaster],
        (issuer, "一丁目", step.Level, step.Lift ? AreaStates.Lifted : AreaStates.Issued),
        (issuer, "二丁目", step.Level, AreaStates.Issued));

    private static NoticeSubmission Resubmit(NoticeEnvelope current) => new(
        current.Prefecture, current.Category, current.Status, current.Issuer, current.Content with { Headline = current.Content.Headline + "（訂正）" },
        current.AffectedMunicipalities, current.Issuer, "192.0.2.1", null, null);
}
