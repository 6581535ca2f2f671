using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>CAP 1.2 into the hub over HTTP: validation of real messages, and an Alert → Update → Cancel chain.</summary>
public sealed class CapIngressTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private AlertHubProcess Host => fixture.Host;

    private static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Message(string identifier, string msgType, string references, string level, string area, string extra = "")
    {
        var now = DateTimeOffset.UtcNow;
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>{identifier}</identifier>
              <sender>bousai@city.chiyoda.lg.jp</sender>
              <sent>{Time(now)}</sent>
              <status>Actual</status>
              <msgType>{msgType}</msgType>
              <scope>Public</scope>
              {references}
              <info>
                <language>ja-JP</language>
                <category>Safety</category>
                <event>{level}</event>
                <responseType>Evacuate</responseType>
                <urgency>Immediate</urgency>
                <severity>Severe</severity>
                <certainty>Likely</certainty>
                <expires>{Time(now.AddHours(12))}</expires>
                <headline>千代田区 {level}</headline>
                {extra}
                {area}
              </info>
            </alert>
            """;
    }

    private const string ChiyodaArea = """
        <area>
          <areaDesc>千代田区 神田川沿い</areaDesc>
          <polygon>35.6950,139.7550 35.6950,139.7650 35.7000,139.7650 35.6950,139.7550</polygon>
          <geocode><valueName>JIS X 0402</valueName><value>131016</value></geocode>
        </area>
        """;

    private static StringContent Cap(string xml) => new(xml, Encoding.UTF8, "application/cap+xml");

    [Fact]
    public async Task Every_real_sample_validates_over_HTTP_without_changing_anything()
    {
        using var client = Host.CreateClient(Notices.Broadcaster);
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "cap");
        foreach (var file in Directory.EnumerateFiles(directory, "*.xml"))
        {
            using var response = await client.PostAsync("/api/v1/cap/validate", new ByteArrayContent(await File.ReadAllBytesAsync(file)) { Headers = { ContentType = new("application/cap+xml") } });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("valid").GetBoolean(), $"{Path.GetFileName(file)}: {body}");
        }

        using var broken = await client.PostAsync("/api/v1/cap/validate", Cap(Message("x", "Alert", "", "避難指示", "<area><areaDesc>a</areaDesc><polygon>35,139 36,139 35,139</polygon></area>")));
        var result = await broken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(result.GetProperty("valid").GetBoolean());
        var error = result.GetProperty("errors")[0];
        Assert.Equal(("polygon-min-points", "/alert/info[1]/area[1]/polygon[1]"), (error.GetProperty("rule").GetString(), error.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task An_alert_its_updates_and_its_cancel_make_one_notice()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var identifier = $"JP-13101-{Guid.NewGuid():N}";
        var alertXml = Message(identifier, "Alert", "", "避難指示", ChiyodaArea);

        using var created = await issuer.PostAsync("/api/v1/cap", Cap(alertXml));
        var receipt = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, receipt.ToString());
        var id = receipt.GetProperty("id").GetString()!;
        Assert.Equal(["13101"], receipt.GetProperty("affectedMunicipalities").EnumerateArray().Select(e => e.GetString()));

        var notice = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}");
        Assert.Equal("evacuation", notice.GetProperty("category").GetString());
        var area = notice.GetProperty("areas")[0];
        Assert.Equal(("13101", 4), (area.GetProperty("municipality").GetString(), area.GetProperty("level").GetInt32()));

        // An Update naming the alert by its own CAP identity.
        var sent = System.Xml.Linq.XDocument.Parse(alertXml).Root!.Element((System.Xml.Linq.XNamespace)"urn:oasis:names:tc:emergency:cap:1.2" + "sent")!.Value;
        using var updated = await issuer.PostAsync("/api/v1/cap", Cap(Message(identifier + "-2", "Update", $"<references>bousai@city.chiyoda.lg.jp,{identifier},{sent}</references>", "緊急安全確保", ChiyodaArea)));
        var second = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(updated.StatusCode == HttpStatusCode.OK, second.ToString());
        Assert.Equal((id, 2), (second.GetProperty("id").GetString(), second.GetProperty("revision").GetInt32()));

        // An Update naming the hub's own CAP identifier of revision 2, as a receiver of our CAP would.
        using var again = await issuer.PostAsync("/api/v1/cap", Cap(Message(identifier + "-3", "Update", $"<references>13101@alerthub.jp,urn:alerthub:{id}:2,{sent}</references>", "避難指示", ChiyodaArea)));
        Assert.Equal(3, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());

        var cancel = Message(identifier + "-4", "Cancel", $"<references>bousai@city.chiyoda.lg.jp,{identifier},{sent}</references>", "避難指示", ChiyodaArea)
            .Replace("<scope>Public</scope>", "<scope>Public</scope><note>誤発信のため取り消します</note>", StringComparison.Ordinal);
        using var cancelled = await issuer.PostAsync("/api/v1/cap", Cap(cancel));
        var last = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(cancelled.StatusCode == HttpStatusCode.OK, last.ToString());
        Assert.Equal(("cancelled", 4), (last.GetProperty("kind").GetString(), last.GetProperty("revision").GetInt32()));
    }

    [Fact]
    public async Task Refusals_are_specific_and_change_nothing()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var before = (await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/feed?after=0&limit=1")).GetProperty("latestSequence").GetInt64();

        async Task<(HttpStatusCode Status, string Rule)> SendAsync(string xml)
        {
            using var response = await issuer.PostAsync("/api/v1/cap", Cap(xml));
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
            return (response.StatusCode, problem.GetProperty("errors")[0].GetProperty("rule").GetString()!);
        }

        var usPolygon = "<area><areaDesc>Sacramento</areaDesc><polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon></area>";
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "outside-japan"), await SendAsync(Message($"us-{Guid.NewGuid():N}", "Alert", "", "避難指示", usPolygon)));
        var wrongDigit = ChiyodaArea.Replace("131016", "131017", StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "check-digit"), await SendAsync(Message($"cd-{Guid.NewGuid():N}", "Alert", "", "避難指示", wrongDigit)));
        var neighbour = "<area><areaDesc>中央区</areaDesc><geocode><valueName>JIS X 0402</valueName><value>131024</value></geocode></area>";
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Message($"nb-{Guid.NewGuid():N}", "Alert", "", "避難指示", neighbour))).Status);
        var xxe = """<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&x;</alert>""";
        Assert.Equal((HttpStatusCode.BadRequest, "dtd-prohibited"), await SendAsync(xxe));
        var draft = Message($"dr-{Guid.NewGuid():N}", "Alert", "", "避難指示", ChiyodaArea).Replace("<status>Actual</status>", "<status>Draft</status>", StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "draft-not-distributed"), await SendAsync(draft));
        var unknownCancel = Message($"cx-{Guid.NewGuid():N}", "Cancel", "<references>x@y,never-sent,2026-01-01T00:00:00+09:00</references>", "避難指示", ChiyodaArea);
        using (var response = await issuer.PostAsync("/api/v1/cap", Cap(unknownCancel)))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var after = (await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/feed?after=0&limit=1")).GetProperty("latestSequence").GetInt64();
        Assert.Equal(before, after);
    }
}
