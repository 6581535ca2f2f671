using Alert.Broadcast.Summary;
using Alert.Contracts.Notices;
using Alert.Geo;

namespace Alert.Broadcast.Tests.Summary;

public sealed class PrefectureSummaryBuilderTests
{
    private static readonly JapanGeography Geography = JapanGeography.LoadEmbedded();
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static NoticeEnvelope Notice(string category, string issuer, NoticeContent content, string status = NoticeStatus.Actual, params string[] affected) => new(
        "14", 1, NoticeId.Create("14", Guid.CreateVersion7()), 1, NoticeKind.Issued, category, status, issuer, content, affected, [], null, Now.AddDays(1), issuer, "", Now, Now);

    private static NoticeContent Content(IReadOnlyList<NoticeArea>? areas = null, IReadOnlyList<Shelter>? shelters = null, HeadquartersStatus? hq = null) =>
        new("h", null, null, null, areas ?? [], null, null, shelters ?? [], hq, null, null);

    [Fact]
    public void Sums_levels_shelters_and_headquarters_per_municipality_and_for_the_prefecture()
    {
        var notices = new[]
        {
            Notice(NoticeCategory.Evacuation, "14100", Content(areas:
            [
                new NoticeArea("14101", "鶴見区一丁目", null, 4, AreaStates.Issued, 100, 250),
                new NoticeArea("14102", "神奈川区一丁目", null, 5, AreaStates.Issued, 10, 20),
                new NoticeArea("14103", "西区一丁目", null, 3, AreaStates.Lifted, 999, 999),
            ])),
            Notice(NoticeCategory.Evacuation, "14130", Content(areas: [new NoticeArea("14130", "川崎区", null, 3, AreaStates.Issued, 7, 9)])),
            Notice(NoticeCategory.Shelter, "14100", Content(shelters:
            [
                new Shelter("14101", "鶴見小", null, null, null, null, "opened", 300, "available", 40, 15, null),
                new Shelter("14101", "鶴見中", null, null, null, null, "not-opened", 500, null, null, null, null),
            ])),
            Notice(NoticeCategory.Headquarters, "14100", Content(hq: new HeadquartersStatus("countermeasures", "established", Now))),
            Notice(NoticeCategory.Headquarters, "14", Content(hq: new HeadquartersStatus("alert", "established", Now))),
            Notice(NoticeCategory.Evacuation, "14100", Content(areas: [new NoticeArea("14101", "訓練", null, 5, AreaStates.Issued, 1, 1)]), NoticeStatus.Exercise),
        };

        var summary = new PrefectureSummaryBuilder(Geography).Build("14", NoticeStatus.Actual, notices, Now);

        var yokohama = summary.Municipalities.Single(m => m.Code == "14100");
        Assert.Equal("横浜市", yokohama.Name);
        Assert.Equal(5, yokohama.Figures.HighestLevel);
        Assert.Equal((1, 100L, 250L), Level(yokohama.Figures, 4));
        Assert.Equal((1, 10L, 20L), Level(yokohama.Figures, 5));
        Assert.Equal((0, 0L, 0L), Level(yokohama.Figures, 3));
        Assert.Equal(new ShelterFigures(1, 300, 40, 15), yokohama.Figures.Shelters);
        Assert.Equal("対策本部", yokohama.Headquarters!.TypeName);
        Assert.Equal(3, summary.Municipalities.Single(m => m.Code == "14130").Figures.HighestLevel);
        Assert.Equal(5, summary.Totals.HighestLevel);
        Assert.Equal((1, 7L, 9L), Level(summary.Totals, 3));
        Assert.Equal("警戒本部", summary.Headquarters!.TypeName);
    }

    [Fact]
    public void An_area_drawn_across_municipalities_counts_its_level_in_each_and_its_people_nowhere_twice()
    {
        var notice = Notice(NoticeCategory.Evacuation, "14", Content(areas: [new NoticeArea(null, "川沿い", "{}", 4, AreaStates.Issued, 50, 100)]), NoticeStatus.Actual, "14100", "14130");

        var summary = new PrefectureSummaryBuilder(Geography).Build("14", NoticeStatus.Actual, [notice], Now);

        Assert.Equal(2, summary.Municipalities.Count);
        Assert.All(summary.Municipalities, m => Assert.Equal((1, 0L, 0L), Level(m.Figures, 4)));
        Assert.Equal((1, 50L, 100L), Level(summary.Totals, 4));
    }

    private static (int Areas, long Households, long Persons) Level(SummaryFigures figures, int level)
    {
        var f = figures.Levels.Single(l => l.Level == level);
        return (f.Areas, f.Households, f.Persons);
    }
}
