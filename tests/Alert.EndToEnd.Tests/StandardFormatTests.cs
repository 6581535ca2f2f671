using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>Notices leaving in standard formats: CAP 1.2 per revision, Atom feeds of CAP, GeoJSON of what is in force.</summary>
public sealed class StandardFormatTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    // A small triangle inside 千代田区, GeoJSON order (lon, lat).
    private static readonly double[][] Triangle = [[139.7525, 35.6850], [139.7600, 35.6850], [139.7560, 35.6900], [139.7525, 35.6850]];

    private AlertHubProcess Host => fixture.Host;

    private static object Evacuation(string disaster, int level, string state = "発令") => new
    {
        category = "evacuation",
        status = "actual",
        issuer = "13101",
        headline = "避難指示",
        disaster,
        hazard = "洪水",
        level,
        areas = new object[]
        {
            new { municipality = "13101", name = "神田川沿い", level, state, households = 120, persons = 260, geometry = new { type = "Polygon", coordinates = new[] { Triangle } } },
            new { municipality = "13101", name = "全域", level, state, households = 10, persons = 20 },
        },
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<byte[]> GetCapAsync(HttpClient client, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/notices/{id}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/cap+xml"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cap+xml", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// JSON in, CAP out, CAP in, EDXL out, EDXL in on the same notice. CAP keeps the id, category, headline, hazard,
    /// the notice's level, its municipalities and the issuer's exact polygon; it has one level per info block, so
    /// per-area levels become the notice's, and areaDesc names the municipality before the area. EDXL then carries
    /// everything the notice has, unchanged.
    /// </summary>
    [Fact]
    public async Task The_same_notice_crosses_JSON_CAP_and_EDXL_without_changing()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var disaster = $"往復CAP {Guid.NewGuid():N}";
        object Body(int level) => new
        {
            category = "evacuation", status = "actual", issuer = "13101", headline = "避難指示", disaster, hazard = "洪水",
            areas = new object[]
            {
                new { municipality = "13101", name = "神田川沿い", level, geometry = new { type = "Polygon", coordinates = new[] { Triangle } } },
                new { municipality = "13101", name = "全域", level = 3 },
            },
        };

        using var created = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Body(4));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var updated = await SendAsync(issuer, HttpMethod.Put, $"/api/v1/notices/{id}", Body(5), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var original = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}");

        using var capIn = await issuer.PostAsync("/api/v1/cap", new ByteArrayContent(await GetCapAsync(reader, id)) { Headers = { ContentType = new("application/cap+xml") } });
        var capReceipt = await capIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(capIn.IsSuccessStatusCode, capReceipt.ToString());
        Assert.Equal(id, capReceipt.GetProperty("id").GetString());
        var afterCap = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}");
        AssertSameNotice(original, afterCap, areas: false);
        Assert.Equal(["13101/千代田区 神田川沿い/5/issued", "13101/千代田区 全域/5/issued"], afterCap.GetProperty("areas").EnumerateArray().Select(Area));

        using var edxlRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/notices/{id}");
        edxlRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/edxl+xml"));
        using var edxlOut = await reader.SendAsync(edxlRequest);
        using var edxlIn = await issuer.PostAsync("/api/v1/edxl", new StringContent(await edxlOut.Content.ReadAsStringAsync(), Encoding.UTF8, "application/xml"));
        var edxlReceipt = await edxlIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(edxlIn.IsSuccessStatusCode, edxlReceipt.ToString());
        Assert.Equal(id, edxlReceipt.GetProperty("id").GetString());
        AssertSameNotice(afterCap, await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}"), areas: true);

        static string Area(JsonElement a) => $"{a.GetProperty("municipality")}/{a.GetProperty("name")}/{a.GetProperty("level")}/{a.GetProperty("state")}";

        static void AssertSameNotice(JsonElement expected, JsonElement actual, bool areas)
        {
            foreach (var field in new[] { "id", "category", "status", "issuer", "headline", "disaster", "hazard", "level", "affectedMunicipalities" })
            {
                Assert.Equal(expected.GetProperty(field).ToString(), actual.GetProperty(field).ToString());
            }

            if (areas)
            {
                Assert.Equal(expected.GetProperty("areas").EnumerateArray().Select(Area), actual.GetProperty("areas").EnumerateArray().Select(Area));
            }

            var ring = actual.GetProperty("areas")[0].GetProperty("geometry").GetProperty("coordinates")[0];
            Assert.Equal(Triangle.Select(p => $"{p[0]},{p[1]}"), ring.EnumerateArray().Select(p => $"{p[0].GetDouble()},{p[1].GetDouble()}"));
        }
    }

    [Fact]
    public async Task Every_revision_is_schema_valid_CAP_with_references_and_the_exact_polygon()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var disaster = $"CAP出力 {Guid.NewGuid():N}";

        using var created = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Evacuation(disaster, 4));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var first = await GetCapAsync(reader, id);

        using var updated = await SendAsync(issuer, HttpMethod.Put, $"/api/v1/notices/{id}", Evacuation(disaster, 5), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var second = await GetCapAsync(reader, id);

        using var cancelled = await SendAsync(issuer, HttpMethod.Post, $"/api/v1/notices/{id}/cancel", new { reason = "誤発信" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var third = await GetCapAsync(reader, id);

        foreach (var document in new[] { first, second, third })
        {
            Assert.Null(await XmlLint.ValidateAsync(document, XmlLint.CapSchema));
        }

        var (alert1, alert2, alert3) = (XDocument.Parse(Encoding.UTF8.GetString(first)).Root!, XDocument.Parse(Encoding.UTF8.GetString(second)).Root!, XDocument.Parse(Encoding.UTF8.GetString(third)).Root!);
        Assert.Equal(["Alert", "Update", "Cancel"], new[] { alert1, alert2, alert3 }.Select(a => a.Element(Cap + "msgType")!.Value));
        Assert.Null(alert1.Element(Cap + "references"));
        var references = alert3.Element(Cap + "references")!.Value.Split(' ');
        Assert.Equal(2, references.Length);
        Assert.Equal(string.Join(',', alert1.Element(Cap + "sender")!.Value, alert1.Element(Cap + "identifier")!.Value, alert1.Element(Cap + "sent")!.Value), references[0]);
        Assert.Equal(alert2.Element(Cap + "identifier")!.Value, references[1].Split(',')[1]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$", alert1.Element(Cap + "sent")!.Value);

        var info = alert2.Element(Cap + "info")!;
        Assert.Equal("緊急安全確保", info.Element(Cap + "event")!.Value);
        Assert.Equal(("Immediate", "Extreme"), (info.Element(Cap + "urgency")!.Value, info.Element(Cap + "severity")!.Value));
        var areas = info.Elements(Cap + "area").ToList();
        Assert.Equal(2, areas.Count);
        // The issuer's own triangle, point for point, in CAP's lat,lon order.
        Assert.Equal(string.Join(' ', Triangle.Select(p => $"{p[1]},{p[0]}")), areas[0].Element(Cap + "polygon")!.Value);
        Assert.Equal("131016", areas[0].Element(Cap + "geocode")!.Element(Cap + "value")!.Value);
        // The whole-municipality area carries 千代田区's boundary, closed.
        var boundary = areas[1].Element(Cap + "polygon")!.Value.Split(' ');
        Assert.True(boundary.Length >= 4);
        Assert.Equal(boundary[0], boundary[^1]);
        Assert.Contains("取消", alert3.Element(Cap + "note")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Atom_feed_answers_304_until_something_new_is_published()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        using var created = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Evacuation($"Atom {Guid.NewGuid():N}", 3));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        foreach (var path in new[] { "/api/v1/prefectures/13/feed.atom", "/api/v1/feed.atom" })
        {
            using var full = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
            Assert.Equal("application/atom+xml", full.Content.Headers.ContentType?.MediaType);
            var tag = full.Headers.ETag!;
            var feed = XDocument.Parse(await full.Content.ReadAsStringAsync()).Root!;
            var entry = feed.Elements(Atom + "entry").First(e => e.Element(Atom + "id")!.Value == $"urn:alerthub:{id}:1");
            var alert = entry.Element(Atom + "content")!.Element(Cap + "alert")!;
            Assert.Null(await XmlLint.ValidateAsync(Encoding.UTF8.GetBytes(alert.ToString()), XmlLint.CapSchema));

            using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(tag);
            using var notModified = await reader.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using var before = await reader.GetAsync("/api/v1/prefectures/13/feed.atom");
        using var next = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Evacuation($"Atom {Guid.NewGuid():N}", 4));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/prefectures/13/feed.atom");
        again.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var changed = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(before.Headers.ETag!.Tag, changed.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task GeoJSON_lists_each_area_in_force_with_its_geometry_and_drops_ended_notices()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        using var created = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Evacuation($"GeoJSON {Guid.NewGuid():N}", 4));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        async Task<List<JsonElement>> FeaturesAsync(string path)
        {
            using var response = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
            var collection = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
            return [.. collection.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("properties").GetProperty("notice").GetString() == id)];
        }

        var features = await FeaturesAsync("/api/v1/prefectures/13/notices.geojson");
        Assert.Equal(2, features.Count);
        Assert.Equal("Polygon", features[0].GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(Triangle[1][0], features[0].GetProperty("geometry").GetProperty("coordinates")[0][1][0].GetDouble());
        Assert.Equal("issuer-shape", features[0].GetProperty("properties").GetProperty("source").GetString());
        Assert.Equal("municipality-boundary", features[1].GetProperty("properties").GetProperty("source").GetString());
        Assert.Equal(4, features[1].GetProperty("properties").GetProperty("level").GetInt32());
        Assert.Equal(2, (await FeaturesAsync("/api/v1/notices.geojson")).Count);

        using var cancelled = await SendAsync(issuer, HttpMethod.Post, $"/api/v1/notices/{id}/cancel", new { reason = "誤発信" });
        Assert.Empty(await FeaturesAsync("/api/v1/prefectures/13/notices.geojson"));
    }
}
