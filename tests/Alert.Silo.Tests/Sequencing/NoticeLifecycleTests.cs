using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;

namespace Alert.Silo.Tests.Sequencing;

/// <summary>Identity, revisions, corrections, lifting, cancellation, expiry and change lists, on the real grain and journal.</summary>
public sealed class NoticeLifecycleTests(SequencerClusterFixture fixture) : IClassFixture<SequencerClusterFixture>
{
    private IPrefectureGrain Grain(string prefecture) => fixture.Grains.GetGrain<IPrefectureGrain>(prefecture);

    [Fact]
    public async Task Revision_needs_the_current_revision_and_lists_what_changed()
    {
        var grain = Grain("20");
        var issued = await grain.Accept(TestEnvelopes.Evacuation("20", "20201", "豪雨", ("20201", "一丁目", 3, AreaStates.Issued), ("20201", "二丁目", 3, AreaStates.Issued)));

        var stale = await grain.Revise(issued.Id, 7, TestEnvelopes.Evacuation("20", "20201", "豪雨", ("20201", "一丁目", 4, AreaStates.Issued)));
        var revised = await grain.Revise(issued.Id, 1, TestEnvelopes.Evacuation("20", "20201", "豪雨",
            ("20201", "一丁目", 4, AreaStates.Issued), ("20201", "二丁目", 3, AreaStates.Issued), ("20201", "三丁目", 3, AreaStates.Issued)));

        Assert.Equal(NoticeOutcomes.Conflict, stale.Result);
        Assert.Equal(1, stale.Notice!.Revision);
        Assert.Equal(NoticeOutcomes.Accepted, revised.Result);
        Assert.Equal(2, revised.Notice!.Revision);
        Assert.Equal(NoticeKind.Updated, revised.Notice.Kind);
        var changes = revised.Notice.Changes!.ToDictionary(c => c.Key);
        Assert.Equal(ItemChangeKind.Changed, changes["20201/一丁目"].Change);
        Assert.Equal(["level"], changes["20201/一丁目"].Fields);
        Assert.Equal(ItemChangeKind.Unchanged, changes["20201/二丁目"].Change);
        Assert.Equal(ItemChangeKind.Added, changes["20201/三丁目"].Change);
    }

    [Fact]
    public async Task Identical_snapshot_is_idempotent_and_a_different_one_for_the_same_document_conflicts()
    {
        var grain = Grain("21");
        var snapshot = TestEnvelopes.Evacuation("21", "21201", "地震", ("21201", "本町", 4, AreaStates.Issued));
        var issued = await grain.Accept(snapshot);
        var latest = (await grain.ReadAfter(0, 1)).LatestSequence;

        var resent = await grain.Issue(snapshot);
        var resentAsRevision = await grain.Revise(issued.Id, 1, snapshot);
        var other = await grain.Issue(TestEnvelopes.Evacuation("21", "21201", "地震", ("21201", "本町", 5, AreaStates.Issued)));

        Assert.Equal(NoticeOutcomes.Unchanged, resent.Result);
        Assert.Equal(NoticeOutcomes.Unchanged, resentAsRevision.Result);
        Assert.Equal((issued.Id, 1), (resent.Notice!.Id, resent.Notice.Revision));
        Assert.Equal(NoticeOutcomes.Conflict, other.Result);
        Assert.Equal(issued.Id, other.Notice!.Id);
        Assert.Equal(latest, (await grain.ReadAfter(0, 1)).LatestSequence);
    }

    [Fact]
    public async Task Correction_carries_its_reason_and_kind()
    {
        var grain = Grain("22");
        var issued = await grain.Accept(TestEnvelopes.Evacuation("22", "22203", null, ("22203", "港町", 4, AreaStates.Issued)));
        var correction = TestEnvelopes.Evacuation("22", "22203", null, ("22203", "港町", 3, AreaStates.Issued)) with { ErrataReason = "警戒レベルの誤り" };

        var corrected = await grain.Revise(issued.Id, 1, correction);
        var stored = await grain.GetNotice(issued.Id);

        Assert.Equal(NoticeKind.Corrected, corrected.Notice!.Kind);
        Assert.Equal("警戒レベルの誤り", stored!.Errata!.Reason);
        Assert.Equal(3, stored.Content.Level);
    }

    [Fact]
    public async Task Lifting_one_area_is_a_lifted_change_and_lifting_all_ends_the_notice()
    {
        var grain = Grain("23");
        var issued = await grain.Accept(TestEnvelopes.Evacuation("23", "23100", "台風", ("23101", "東区一丁目", 4, AreaStates.Issued), ("23102", "北区一丁目", 4, AreaStates.Issued)));

        var one = await grain.Revise(issued.Id, 1, TestEnvelopes.Evacuation("23", "23100", "台風", ("23101", "東区一丁目", 4, AreaStates.Lifted), ("23102", "北区一丁目", 4, AreaStates.Issued)));
        var all = await grain.Revise(issued.Id, 2, TestEnvelopes.Evacuation("23", "23100", "台風", ("23101", "東区一丁目", 4, AreaStates.Lifted), ("23102", "北区一丁目", 4, AreaStates.Lifted)));
        var after = await grain.Revise(issued.Id, 3, TestEnvelopes.Evacuation("23", "23100", "台風", ("23101", "東区一丁目", 4, AreaStates.Issued)));

        Assert.Equal(NoticeKind.Updated, one.Notice!.Kind);
        Assert.Equal(ItemChangeKind.Lifted, one.Notice.Changes!.Single(c => c.Key == "23101/東区一丁目").Change);
        Assert.Equal(NoticeKind.Lifted, all.Notice!.Kind);
        Assert.DoesNotContain(await grain.GetActiveNotices(NoticeStatus.Actual), n => n.Id == issued.Id);
        Assert.Equal(NoticeOutcomes.Ended, after.Result);
    }

    [Fact]
    public async Task Cancelled_notice_leaves_the_board_and_the_document_starts_again_at_revision_one()
    {
        var grain = Grain("24");
        var snapshot = TestEnvelopes.Evacuation("24", "24201", "高潮", ("24201", "海岸町", 4, AreaStates.Issued));
        var issued = await grain.Accept(snapshot);

        var cancelled = await grain.Cancel(issued.Id, "誤発信", "24201", "192.0.2.10");
        var reissued = await grain.Accept(snapshot);

        Assert.Equal(NoticeKind.Cancelled, cancelled.Notice!.Kind);
        Assert.Equal(2, cancelled.Notice.Revision);
        Assert.NotEqual(issued.Id, reissued.Id);
        Assert.Equal(1, reissued.Revision);
        Assert.Equal([reissued.Id], (await grain.GetActiveNotices(NoticeStatus.Actual)).Select(n => n.Id));
        Assert.Equal(NoticeOutcomes.Ended, (await grain.Cancel(issued.Id, "again", "24201", "x")).Result);
        Assert.Equal(NoticeOutcomes.NotFound, (await grain.Cancel("24-" + new string('0', 32), "x", "24201", "x")).Result);
    }

    [Fact]
    public async Task Correcting_a_shelter_address_is_not_an_opening()
    {
        var grain = Grain("25");
        Shelter School(string status, string address) => new("25201", "第一小学校", address, 35.0, 135.9, "designated", status, 300, "available", 0, 0, TestEnvelopes.Epoch);
        NoticeSubmission Shelters(params Shelter[] shelters) => new("25", NoticeCategory.Shelter, NoticeStatus.Actual, "25201",
            new NoticeContent("避難所情報", "大雨", null, null, [], null, null, shelters, null, null, null), ["25201"], "25201", "192.0.2.1", null, null);

        var issued = await grain.Accept(Shelters(School("not-opened", "大津市一丁目")));
        var opened = await grain.Revise(issued.Id, 1, Shelters(School("opened", "大津市一丁目")));
        var moved = await grain.Revise(issued.Id, 2, Shelters(School("opened", "大津市一丁目1-1")) with { ErrataReason = "住所の誤り" });

        Assert.Equal(["status"], opened.Notice!.Changes!.Single().Fields);
        Assert.Equal(["address"], moved.Notice!.Changes!.Single().Fields);
        Assert.Equal(NoticeKind.Corrected, moved.Notice.Kind);
    }

    [Fact]
    public async Task Notices_expire_at_their_validity()
    {
        var grain = Grain("26");
        var issued = await grain.Accept(TestEnvelopes.Submission("26", "交通規制"));
        var envelope = (await grain.GetNotice(issued.Id))!;

        Assert.Equal(issued.AcceptedAt + NoticeValidity.Default(NoticeCategory.Notice), envelope.ValidUntil);
        Assert.Equal(0, await grain.ExpireDue());
        fixture.Clock.Advance(NoticeValidity.Default(NoticeCategory.Notice) + TimeSpan.FromSeconds(1));
        Assert.True(await grain.ExpireDue() >= 1);

        var expired = (await grain.GetNotice(issued.Id))!;
        Assert.Equal(NoticeKind.Expired, expired.Kind);
        Assert.Equal(2, expired.Revision);
        Assert.DoesNotContain(await grain.GetActiveNotices(NoticeStatus.Actual), n => n.Id == issued.Id);
    }

    [Fact]
    public async Task Drill_headlines_are_marked_and_kept_off_the_actual_board()
    {
        var grain = Grain("27");
        var drill = await grain.Accept(TestEnvelopes.Submission("27", "避難訓練のお知らせ", NoticeStatus.Exercise));
        var test = await grain.Accept(TestEnvelopes.Submission("27", "試験送信", NoticeStatus.Test));

        Assert.Equal("【訓練】避難訓練のお知らせ", (await grain.GetNotice(drill.Id))!.Content.Headline);
        Assert.Equal("【試験】試験送信", (await grain.GetNotice(test.Id))!.Content.Headline);
        Assert.DoesNotContain(await grain.GetActiveNotices(NoticeStatus.Actual), n => n.Id == drill.Id || n.Id == test.Id);
        Assert.Contains(await grain.GetActiveNotices(NoticeStatus.Exercise), n => n.Id == drill.Id);
    }

    [Fact]
    public async Task Every_revision_is_kept_with_who_and_from_where()
    {
        var grain = Grain("28");
        var issued = await grain.Accept(TestEnvelopes.Evacuation("28", "28210", "豪雨", ("28210", "加古川町", 3, AreaStates.Issued)) with { SubmittedBy = "28" });
        await grain.Revise(issued.Id, 1, TestEnvelopes.Evacuation("28", "28210", "豪雨", ("28210", "加古川町", 4, AreaStates.Issued)));
        await grain.Cancel(issued.Id, "誤り", "28", "198.51.100.7");

        var revisions = await grain.GetRevisions(issued.Id);

        Assert.Equal([1, 2, 3], revisions.Select(r => r.Revision));
        Assert.Equal([NoticeKind.Issued, NoticeKind.Updated, NoticeKind.Cancelled], revisions.Select(r => r.Kind));
        Assert.Equal(["28", "28210", "28"], revisions.Select(r => r.SubmittedBy));
        Assert.Equal("198.51.100.7", revisions[2].SubmittedFrom);
        Assert.All(revisions, r => Assert.Equal("28210", r.Issuer));
    }
}
