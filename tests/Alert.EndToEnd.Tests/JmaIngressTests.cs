using System.Net;
using System.Text;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>
/// 気象庁防災情報XML relayed over HTTP: every official sample (tests/Fixtures/jma) ingests with the municipalities or
/// prefectures it names, series follow EventID and Serial, 訂正 corrects, 取消 cancels, and 訓練 never reaches the
/// actual feed.
/// </summary>
public sealed class JmaIngressTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private const string Relay = "dev-relay";

    private AlertHubProcess Host => fixture.Host;

    private static string Sample(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "jma", name));

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string xml, string? key = Relay)
    {
        using var client = Host.CreateClient(key);
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        using var response = await client.PostAsync("/api/v1/jma", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> RelayAsync(string xml, HttpStatusCode expected)
    {
        var (status, body) = await PostAsync(xml);
        Assert.True(status == expected, $"Expected {(int)expected}, got {(int)status}: {body}");
        return body;
    }

    private static JsonElement Notice(JsonElement receipt, string prefecture) =>
        receipt.GetProperty("notices").EnumerateArray().Single(n => n.GetProperty("prefecture").GetString() == prefecture);

    private static string[] Affected(JsonElement notice) =>
        [.. notice.GetProperty("affectedMunicipalities").EnumerateArray().Select(c => c.GetString()!)];

    private static string[] Prefectures(JsonElement receipt) =>
        [.. receipt.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("prefecture").GetString()!).Order(StringComparer.Ordinal)];

    private static string[] Rules(JsonElement receipt) => [.. receipt.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("rule").GetString()!)];

    private async Task<JsonElement> GetNoticeAsync(string id)
    {
        using var client = Host.CreateClient(Notices.Broadcaster);
        return JsonDocument.Parse(await client.GetStringAsync($"/api/v1/notices/{id}")).RootElement.Clone();
    }

    [Fact]
    public async Task Every_official_sample_ingests_with_the_places_it_names()
    {
        // 台風 (nationwide text), a distant earthquake and two fictional flood forecasts (○○県) name no place in Japan:
        // accepted, nothing relayed, and said so.
        foreach (var name in new[] { "06_02_01_100514_VPTI50.xml", "32-35_01_03_100514_VXSE53.xml", "16_01_01_220728_VXKOii.xml", "16_04_01_220728_VXKOii.xml" })
        {
            var receipt = await RelayAsync(Sample(name), HttpStatusCode.OK);
            Assert.Empty(receipt.GetProperty("notices").EnumerateArray());
            Assert.Contains("no-area-named", Rules(receipt));
        }

        // 大雨特別警報 for 奈良県 by municipality; then the lifting report lifts the same notice.
        var nara = Notice(await RelayAsync(Sample("15_08_01_130412_VPWW53.xml"), HttpStatusCode.Created), "29");
        Assert.Equal("issued", nara.GetProperty("action").GetString());
        Assert.Contains("29201", Affected(nara)); // 奈良市
        Assert.Contains("29202", Affected(nara)); // 大和高田市
        var naraNotice = await GetNoticeAsync(nara.GetProperty("id").GetString()!);
        Assert.Equal("weather", naraNotice.GetProperty("category").GetString());
        var naraCity = naraNotice.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("municipality").GetString() == "29201");
        Assert.Equal(5, naraCity.GetProperty("level").GetInt32()); // 大雨特別警報: 警戒レベル5相当
        Assert.Contains("大雨特別警報", naraNotice.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var lifted = Notice(await RelayAsync(Sample("15_08_05_130412_VPWW53.xml"), HttpStatusCode.OK), "29");
        Assert.Equal(nara.GetProperty("id").GetString(), lifted.GetProperty("id").GetString());
        Assert.Equal("lifted", lifted.GetProperty("kind").GetString());

        // Other warning formats: H27 (山口県), R06 大雨 (宗谷地方) and R06 土砂 (島根県).
        Assert.Contains("35201", Affected(Notice(await RelayAsync(Sample("15_11_01_150916_VPWW54.xml"), HttpStatusCode.Created), "35"))); // 下関市
        var soya = Notice(await RelayAsync(Sample("15_16_03_241226_VPWW55.xml"), HttpStatusCode.Created), "01");
        Assert.Contains("01214", Affected(soya)); // 稚内市
        var wakkanai = (await GetNoticeAsync(soya.GetProperty("id").GetString()!)).GetProperty("areas").EnumerateArray()
            .Single(a => a.GetProperty("municipality").GetString() == "01214");
        Assert.Equal(4, wakkanai.GetProperty("level").GetInt32()); // レベル４大雨危険警報
        Assert.Contains("32201", Affected(Notice(await RelayAsync(Sample("15_17_01_250630_VPWW56.xml"), HttpStatusCode.Created), "32"))); // 松江市

        // 土砂災害警戒情報: one series by EventID, Serial 1 → 2 (知内町 added) → 3 (全警戒解除); a late Serial 2 changes nothing.
        var first = Notice(await RelayAsync(Sample("17_02_01_190529_VXWW50.xml"), HttpStatusCode.Created), "01");
        Assert.Equal(["01331", "01332"], Affected(first)); // 松前町, 福島町: the なし municipalities are not under it
        var second = Notice(await RelayAsync(Sample("17_02_02_190529_VXWW50.xml"), HttpStatusCode.OK), "01");
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal("updated", second.GetProperty("kind").GetString());
        Assert.Equal(["01331", "01332", "01333"], Affected(second));
        var third = Notice(await RelayAsync(Sample("17_02_03_190529_VXWW50.xml"), HttpStatusCode.OK), "01");
        Assert.Equal("lifted", third.GetProperty("kind").GetString());
        var late = await RelayAsync(Sample("17_02_02_190529_VXWW50.xml"), HttpStatusCode.OK);
        Assert.Equal("unchanged", Notice(late, "01").GetProperty("action").GetString());
        Assert.Contains("revision-not-newer", Rules(late));
        Assert.Equal(third.GetProperty("revision").GetInt32(), (await GetNoticeAsync(first.GetProperty("id").GetString()!)).GetProperty("revision").GetInt32());

        // Rivers and record rain name the prefecture's forecast area or the municipalities of the inundation area.
        Assert.Contains("41", Prefectures(await RelayAsync(Sample("16_02_02_220728_VXKOii.xml"), HttpStatusCode.Created))); // 佐賀県
        var river = Notice(await RelayAsync(Sample("91_01_01_241031_VXSUii.xml"), HttpStatusCode.Created), "04");
        Assert.Equal(["04421", "04424"], Affected(river)); // 大和町 (東部・西部), 大衡村
        var osaka = Notice(await RelayAsync(Sample("18_01_01_100806_VPOA50.xml"), HttpStatusCode.Created), "27");
        Assert.Contains("27100", Affected(osaka)); // a forecast area reaches every municipality of 大阪府

        // Earthquakes by seismic prefecture; tsunamis by 津波予報区, mapped to their prefectures.
        var quake = await RelayAsync(Sample("32-35_01_01_100806_VXSE51.xml"), HttpStatusCode.Created);
        Assert.Contains("22", Prefectures(quake)); // 静岡県, 震度６弱
        Assert.Contains("13101", Affected(Notice(quake, "13")));
        var tsunami = await RelayAsync(Sample("32-39_11_02_250206_VTSE41.xml"), HttpStatusCode.Created);
        Assert.Contains("03", Prefectures(tsunami)); // 岩手県, 大津波警報
        Assert.Contains("12", Prefectures(tsunami)); // 東京湾内湾 reaches 千葉県 …
        Assert.Contains("14", Prefectures(tsunami)); // … and 神奈川県
        var iwate = (await GetNoticeAsync(Notice(tsunami, "03").GetProperty("id").GetString()!));
        Assert.Contains("大津波警報", iwate.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal("岩手県", iwate.GetProperty("areas")[0].GetProperty("name").GetString());
        Assert.NotEmpty((await RelayAsync(Sample("32-39_11_03_250206_VTSE51.xml"), HttpStatusCode.Created)).GetProperty("notices").EnumerateArray());
        using (var reader = Host.CreateClient(Notices.Broadcaster))
        {
            // A 津波予報区 is drawn as the prefecture it reaches.
            var coast = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/prefectures/03/notices.geojson")).RootElement.GetProperty("features").EnumerateArray()
                .First(f => f.GetProperty("properties").GetProperty("category").GetString() == "tsunami");
            Assert.Equal("issuer-territory", coast.GetProperty("properties").GetProperty("source").GetString());
            Assert.Equal(JsonValueKind.Object, coast.GetProperty("geometry").ValueKind);
        }

        // Volcanoes by municipality, across prefectures (浅間山: 群馬県 and 長野県); a 訂正 of an unseen 噴火速報 issues it.
        var asama = await RelayAsync(Sample("45_01_01_200522_VFVO50.xml"), HttpStatusCode.Created);
        Assert.Equal(["10425"], Affected(Notice(asama, "10")));
        Assert.Equal(["20208", "20321", "20323"], Affected(Notice(asama, "20")));
        var ontake = await RelayAsync(Sample("67_01_03_140927_VFVO56.xml"), HttpStatusCode.Created);
        Assert.Equal(["20", "21"], Prefectures(ontake));

        // Cancellations of series never relayed here: accepted, nothing to cancel.
        foreach (var name in new[] { "32-35_06_06_100915_VXSE53.xml", "32-35_10_01_220510_VXSE51.xml", "38-39_03_01_210805_VTSE41.xml" })
        {
            var receipt = await RelayAsync(Sample(name), HttpStatusCode.OK);
            Assert.Contains("nothing-to-cancel", Rules(receipt));
        }
    }

    [Fact]
    public async Task Relayed_notices_leave_in_every_standard_format_and_in_the_feed()
    {
        var xml = Sample("45_01_01_200522_VFVO50.xml").Replace("<EventID>306</EventID>", "<EventID>7306</EventID>", StringComparison.Ordinal);
        var relayed = Notice(await RelayAsync(xml, HttpStatusCode.Created), "20");
        var id = relayed.GetProperty("id").GetString()!;
        using var client = Host.CreateClient(Notices.Broadcaster);

        using var capRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/notices/{id}");
        capRequest.Headers.Accept.ParseAdd("application/cap+xml");
        using var cap = await client.SendAsync(capRequest);
        var capBytes = await cap.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, cap.StatusCode);
        Assert.Null(await XmlLint.ValidateAsync(capBytes, XmlLint.CapSchema));
        Assert.Contains("<category>Geo</category>", Encoding.UTF8.GetString(capBytes), StringComparison.Ordinal);

        using var edxlRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/notices/{id}");
        edxlRequest.Headers.Accept.ParseAdd("application/edxl+xml");
        using var edxl = await client.SendAsync(edxlRequest);
        Assert.Equal(HttpStatusCode.OK, edxl.StatusCode);
        Assert.Contains("GeneralInformation", await edxl.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var geoJson = JsonDocument.Parse(await client.GetStringAsync("/api/v1/prefectures/20/notices.geojson")).RootElement;
        Assert.Contains(geoJson.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("notice").GetString() == id);

        var feed = JsonDocument.Parse(await client.GetStringAsync("/api/v1/prefectures/20/feed?after=0&limit=1000")).RootElement;
        var envelope = feed.GetProperty("envelopes").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        Assert.Equal("volcano", envelope.GetProperty("category").GetString());
        Assert.Equal("jma", envelope.GetProperty("submittedBy").GetString());
    }

    [Fact]
    public async Task A_cancellation_withdraws_the_series_in_every_prefecture_it_reached()
    {
        var issued = Sample("32-35_01_01_100806_VXSE51.xml").Replace("20090811050711", "20261201090000", StringComparison.Ordinal);
        var receipt = await RelayAsync(issued, HttpStatusCode.Created);
        var reached = Prefectures(receipt);
        Assert.True(reached.Length >= 5, string.Join(",", reached));

        var cancel = issued
            .Replace("<InfoType>発表</InfoType>", "<InfoType>取消</InfoType>", StringComparison.Ordinal)
            .Replace("2009-08-11T05:09:00+09:00", "2009-08-11T05:30:00+09:00", StringComparison.Ordinal);
        var cancelled = await RelayAsync(cancel, HttpStatusCode.OK);
        Assert.Equal(reached, Prefectures(cancelled));
        Assert.All(cancelled.GetProperty("notices").EnumerateArray(), n => Assert.Equal("cancelled", n.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_correction_corrects_the_report_it_names()
    {
        var original = Sample("17_02_02_190529_VXWW50.xml")
            .Replace("渡島・檜山地方土砂災害警戒情報", "訂正試験地方土砂災害警戒情報", StringComparison.Ordinal);
        var issued = Notice(await RelayAsync(original, HttpStatusCode.Created), "01");
        var corrected = Notice(await RelayAsync(original.Replace("<InfoType>発表</InfoType>", "<InfoType>訂正</InfoType>", StringComparison.Ordinal), HttpStatusCode.OK), "01");
        Assert.Equal(issued.GetProperty("id").GetString(), corrected.GetProperty("id").GetString());
        Assert.Equal("corrected", corrected.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_drill_report_never_reaches_the_actual_board()
    {
        var drill = Sample("17_02_01_190529_VXWW50.xml")
            .Replace("<Status>通常</Status>", "<Status>訓練</Status>", StringComparison.Ordinal)
            .Replace("渡島・檜山地方土砂災害警戒情報", "訓練地方土砂災害警戒情報", StringComparison.Ordinal);
        var notice = Notice(await RelayAsync(drill, HttpStatusCode.Created), "01");
        var stored = await GetNoticeAsync(notice.GetProperty("id").GetString()!);
        Assert.Equal("exercise", stored.GetProperty("status").GetString());
        Assert.StartsWith("【訓練】", stored.GetProperty("headline").GetString(), StringComparison.Ordinal);

        using var client = Host.CreateClient(Notices.Broadcaster);
        var board = await client.GetStringAsync("/api/v1/prefectures/01/notices");
        Assert.DoesNotContain(notice.GetProperty("id").GetString()!, board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_relay_keys_may_post_and_bad_reports_change_nothing()
    {
        var sample = Sample("45_01_01_200522_VFVO50.xml").Replace("<EventID>306</EventID>", "<EventID>9306</EventID>", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(sample, key: null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(sample, Notices.Prefecture13)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(sample, Notices.Broadcaster)).Status);

        var (dtdStatus, dtd) = await PostAsync("<?xml version=\"1.0\"?><!DOCTYPE Report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Report>&x;</Report>");
        Assert.Equal(HttpStatusCode.BadRequest, dtdStatus);
        Assert.Equal("dtd-prohibited", dtd.GetProperty("errors")[0].GetProperty("rule").GetString());

        var (wrongStatus, wrong) = await PostAsync(sample.Replace("<Status>通常</Status>", "<Status>本番</Status>", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode)422, wrongStatus);
        Assert.Equal("/Report/Control/Status", wrong.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(wrong.GetProperty("errors")[0].GetProperty("messageEn").GetString()));

        var (capStatus, _) = await PostAsync("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>");
        Assert.Equal((HttpStatusCode)422, capStatus);

        // None of the refused reports wrote anything: the series is still unknown, so the real one issues.
        Assert.Equal("issued", Notice(await RelayAsync(sample, HttpStatusCode.Created), "10").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Mutated_reports_never_get_a_server_error()
    {
        using var client = Host.CreateClient(Relay);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        foreach (var name in new[] { "15_16_03_241226_VPWW55.xml", "17_02_02_190529_VXWW50.xml", "32-35_01_01_100806_VXSE51.xml", "32-39_11_02_250206_VTSE41.xml", "45_01_01_200522_VFVO50.xml" })
        {
            // Its own series, so what the mutations issue never meets the other tests' notices.
            var original = Encoding.UTF8.GetBytes(Sample(name).Replace("<Title>", "<Title>変異", StringComparison.Ordinal).Replace("<EventID>", "<EventID>9", StringComparison.Ordinal));
            for (var i = 0; i < 40; i++)
            {
                var bytes = (byte[])original.Clone();
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                using var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new("application/xml");
                using var response = await client.PostAsync("/api/v1/jma", content);
                Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} (seed {seed}, iteration {i})\n{await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
