using System.Text;
using Alert.Contracts.Notices;
using Alert.Ingress.Jma;
using Alert.Ingress.Tests.Notices;
using Alert.Ingress.Validation;
using CsCheck;

namespace Alert.Ingress.Tests.Jma;

public sealed class JmaReaderTests(GeographyFixture fixture) : IClassFixture<GeographyFixture>
{
    private (JmaReport? Report, IReadOnlyList<XmlFinding> Errors, IReadOnlyList<XmlFinding> Warnings) Read(string xml)
    {
        var (document, refusal) = SafeXml.Parse(Encoding.UTF8.GetBytes(xml));
        Assert.Null(refusal);
        return JmaReader.Read(document!.Root!, fixture.Geography);
    }

    private static string Sample(string name) => Encoding.UTF8.GetString(JmaFixtures.Read(name));

    [Fact]
    public void Every_official_sample_reads_without_errors()
    {
        foreach (var name in JmaFixtures.Names)
        {
            var (report, errors, _) = Read(Sample(name));
            Assert.True(report is not null, $"{name}: {string.Join("; ", errors.Select(e => $"{e.Rule} {e.Path}"))}");
        }
    }

    [Theory]
    [InlineData("15_08_01_130412_VPWW53.xml", NoticeCategory.Weather)]
    [InlineData("17_02_01_190529_VXWW50.xml", NoticeCategory.Weather)]
    [InlineData("32-35_01_01_100806_VXSE51.xml", NoticeCategory.Earthquake)]
    [InlineData("32-39_11_02_250206_VTSE41.xml", NoticeCategory.Tsunami)]
    [InlineData("45_01_01_200522_VFVO50.xml", NoticeCategory.Volcano)]
    public void The_category_follows_the_body(string name, string category) =>
        Assert.Equal(category, Read(Sample(name)).Report!.Category);

    [Fact]
    public void Warnings_name_municipalities_with_every_kind_and_its_status()
    {
        var report = Read(Sample("15_08_01_130412_VPWW53.xml")).Report!;
        Assert.Equal(("奈良県気象警報・注意報", string.Empty, JmaInfoTypes.Issued, NoticeStatus.Actual), (report.Title, report.EventId, report.InfoType, report.Status));
        Assert.All(report.Places, p => Assert.Equal("29", p.Prefecture));
        Assert.All(report.Places, p => Assert.NotNull(p.Municipality)); // the coarser tiers add nothing once municipalities are named
        var nara = report.Places.Single(p => p.Municipality == "29201");
        Assert.Contains(nara.Kinds, k => k is { Name: "大雨特別警報", Status: "発表", InForce: true });
        Assert.Contains(nara.Kinds, k => k is { Name: "雷注意報", Status: "継続", InForce: true });
    }

    [Fact]
    public void Nothing_issued_and_lifted_are_told_apart()
    {
        var report = Read(Sample("15_08_05_130412_VPWW53.xml")).Report!;
        var nara = report.Places.Single(p => p.Municipality == "29201");
        Assert.All(nara.Kinds, k => Assert.True(k is { InForce: false, Lifted: true }));
        var koriyama = report.Places.Single(p => p.Municipality == "29203"); // 発表警報・注意報はなし
        Assert.All(koriyama.Kinds, k => Assert.True(k is { InForce: false, Lifted: false }));
    }

    [Fact]
    public void A_part_of_a_municipality_maps_to_it_and_keeps_its_own_name()
    {
        var report = Read(Sample("91_01_01_241031_VXSUii.xml")).Report!;
        var parts = report.Places.Where(p => p.Municipality == "04421").ToList();
        Assert.Equal(["大和町東部", "大和町西部"], parts.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(parts, p => Assert.True(p.Partial));
        Assert.All(report.Places, p => Assert.Contains(p.Kinds, k => k.Name == "レベル２氾濫注意報")); // from the Headline
    }

    [Fact]
    public void Tsunami_forecast_regions_map_to_their_prefectures()
    {
        var report = Read(Sample("32-39_11_02_250206_VTSE41.xml")).Report!;
        Assert.All(report.Places, p => Assert.Null(p.Municipality));
        Assert.Equal(["12", "13", "14"], report.Places.Where(p => p.Name == "東京湾内湾").Select(p => p.Prefecture).Order(StringComparer.Ordinal));
        Assert.Contains(report.Places, p => p is { Name: "岩手県", Prefecture: "03" } && p.Kinds.Any(k => k.Name.StartsWith("大津波警報", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("東京都２３区", "13")]
    [InlineData("京都府南部", "26")]
    [InlineData("北海道太平洋沿岸東部", "01")]
    [InlineData("有明・八代海", "40,41,42,43")]
    [InlineData("南太平洋", "")]
    public void Regions_are_found_by_their_full_prefecture_name(string name, string expected) =>
        Assert.Equal(expected, string.Join(',', JmaRegions.PrefecturesOf(name, fixture.Geography)));

    [Fact]
    public void Earthquakes_name_the_seismic_prefectures_with_their_highest_intensity()
    {
        var report = Read(Sample("32-35_01_01_100806_VXSE51.xml")).Report!;
        Assert.Contains(report.Places, p => p is { Prefecture: "22", Municipality: null } && p.Kinds.Single().Name == "最大震度６弱");
        Assert.DoesNotContain(report.Places, p => p.Code.Length == 3); // 細分区域 codes are not places of their own
    }

    [Theory]
    [InlineData("<Status>通常</Status>", "<Status>本番</Status>", "/Report/Control/Status", "allowed-value")]
    [InlineData("<InfoType>発表</InfoType>", "<InfoType>遅延</InfoType>", "/Report/Head/InfoType", "allowed-value")]
    [InlineData("<Serial>1</Serial>", "<Serial>一</Serial>", "/Report/Head/Serial", "serial")]
    [InlineData("<ReportDateTime>2013-08-23T15:15:00+09:00</ReportDateTime>", "<ReportDateTime>2013-08-23 15:15</ReportDateTime>", "/Report/Head/ReportDateTime", "date-time")]
    [InlineData("<Title>渡島・檜山地方土砂災害警戒情報</Title>", "<Title> </Title>", "/Report/Head/Title", "required")]
    public void Broken_head_fields_are_named_with_their_rule(string from, string to, string path, string rule)
    {
        var xml = Sample("17_02_01_190529_VXWW50.xml").Replace(from, to, StringComparison.Ordinal);
        var (report, errors, _) = Read(xml);
        Assert.Null(report);
        var error = Assert.Single(errors);
        Assert.Equal((path, rule), (error.Path, error.Rule));
        Assert.False(string.IsNullOrEmpty(error.Message) || string.IsNullOrEmpty(error.MessageEn));
    }

    [Fact]
    public void Another_format_is_not_a_JMA_report()
    {
        var (report, errors, _) = Read("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>");
        Assert.Null(report);
        Assert.Equal("jma-report", Assert.Single(errors).Rule);
    }

    [Theory]
    [InlineData("大雨特別警報", 5)]
    [InlineData("レベル４大雨危険警報", 4)]
    [InlineData("レベル３大雨警報", 3)]
    [InlineData("洪水注意報", 2)]
    [InlineData("警戒", 4)]
    [InlineData("氾濫危険情報", 4)]
    [InlineData("氾濫発生情報", 5)]
    [InlineData("暴風特別警報", null)]
    [InlineData("雷注意報", null)]
    public void Weather_kinds_carry_the_evacuation_level_they_correspond_to(string kind, int? level) =>
        Assert.Equal(level, JmaRelay.KindLevel(kind));

    [Fact]
    public void Later_reports_and_corrections_are_higher_revisions()
    {
        var report = Read(Sample("17_02_01_190529_VXWW50.xml")).Report!;
        var serial2 = report with { Serial = 2 };
        var corrected = report with { InfoType = JmaInfoTypes.Corrected };
        var later = report with { ReportDateTime = report.ReportDateTime.AddMinutes(1), Serial = 1 };
        Assert.True(JmaRelay.Revision(serial2) > JmaRelay.Revision(report));
        Assert.True(JmaRelay.Revision(corrected) > JmaRelay.Revision(report));
        Assert.True(JmaRelay.Revision(later) > JmaRelay.Revision(serial2 with { Serial = 500 }));
        Assert.Equal(JmaRelay.Series(report), JmaRelay.Series(serial2));
    }

    [Fact]
    public void Mutated_reports_never_throw_and_every_error_is_bilingual()
    {
        var samples = JmaFixtures.Names.Select(JmaFixtures.Read).ToArray();
        Gen.Select(Gen.Int[0, samples.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[1, 6], Gen.Byte).Sample((which, at, count, value) =>
        {
            var bytes = (byte[])samples[which].Clone();
            for (var i = 0; i < count; i++)
            {
                bytes[(int)((at + (i * 104_729L)) % bytes.Length)] = value; // long: at + i × 104729 overflows int near int.MaxValue
            }

            var (document, refusal) = SafeXml.Parse(bytes);
            if (document is null)
            {
                Assert.NotNull(refusal);
                return;
            }

            var (report, errors, warnings) = JmaReader.Read(document.Root!, fixture.Geography);
            Assert.True(report is not null || errors.Count > 0);
            Assert.All(errors.Concat(warnings), e => Assert.False(string.IsNullOrEmpty(e.Message) || string.IsNullOrEmpty(e.MessageEn)));
            Assert.All(report?.Places ?? [], p => Assert.NotNull(fixture.Geography.FindPrefecture(p.Prefecture)));
        }, iter: 300);
    }
}
