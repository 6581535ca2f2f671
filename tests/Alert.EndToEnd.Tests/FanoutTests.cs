using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alert.EndToEnd.Tests;

/// <summary>
/// Fan-out as subscribers see it: many real npm clients with different filters each receive exactly their notices,
/// in order; clients that drop their connection resume with no gap and no duplicate; acknowledgements show up per
/// transmitter. The host sends heartbeats every half second so clients know when they have seen everything.
/// </summary>
public sealed class FanoutTests : IAsyncLifetime
{
    private const string Osaka = "dev-prefecture-27";

    // A square of about 700 m round the Imperial Palace, wholly in 千代田区 (13101).
    private static readonly double[][][] PalaceSquare =
        [[[139.749, 35.682], [139.756, 35.682], [139.756, 35.688], [139.749, 35.688], [139.749, 35.682]]];

    private AlertHubProcess? _host;

    private AlertHubProcess Host => _host!;

    public async Task InitializeAsync() => _host = await AlertHubProcess.StartAsync(null, ["--AlertHub:Broadcast:HeartbeatInterval=00:00:00.5"]);

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task Npm_clients_with_different_filters_receive_exactly_their_notices_in_order()
    {
        var clients = new Dictionary<string, JsWatcher>
        {
            ["all of Tokyo, reconnecting, acking"] = JsWatcher.Start(Host, Notices.Broadcaster, new { prefectures = new[] { "13" } }, ack: true, reconnectEvery: 2),
            ["shelters"] = JsWatcher.Start(Host, Notices.Broadcaster, new { prefectures = new[] { "13" }, categories = new[] { "shelter" } }),
            ["orders level 4+"] = JsWatcher.Start(Host, Notices.Broadcaster, new { prefectures = new[] { "13" }, categories = new[] { "evacuation" }, minLevel = 4 }),
            ["中央区"] = JsWatcher.Start(Host, Notices.Broadcaster, new { prefectures = new[] { "13" }, municipalities = new[] { "131024" } }),
            ["app in the palace square"] = JsWatcher.Start(Host, Notices.Broadcaster, new { location = new { lat = 35.685, lon = 139.7525 } }),
            ["app in Ginza"] = JsWatcher.Start(Host, Notices.Broadcaster, new { location = new { lat = 35.6717, lon = 139.7650 } }),
            ["Osaka"] = JsWatcher.Start(Host, Osaka, new { prefectures = new[] { "27" } }),
            ["Tokyo and Osaka"] = JsWatcher.Start(Host, Notices.Broadcaster, new { prefectures = new[] { "13", "27" } }),
        };
        foreach (var client in clients.Values)
        {
            await client.SubscribedAsync();
        }

        var level3 = await Host.IssueAsync(Notices.Prefecture13, Evacuation("13101", 3, "甲", null));
        var level4 = await Host.IssueAsync(Notices.Prefecture13, Evacuation("13102", 4, "乙", null));
        var shelter = await Host.IssueAsync(Notices.Prefecture13, Shelter("13101", "丙"));
        var square = await Host.IssueAsync(Notices.Prefecture13, Evacuation("13101", 4, "丁", PalaceSquare));
        var osaka = await Host.IssueAsync(Osaka, Evacuation("27205", 5, "戊", null));
        var lowered = await ReviseAsync(level4, Evacuation("13102", 3, "乙", null));
        var until = new Dictionary<string, long> { ["13"] = Sequence(lowered), ["27"] = Sequence(osaka) };

        var expected = new Dictionary<string, JsonElement[]>
        {
            ["all of Tokyo, reconnecting, acking"] = [level3, level4, shelter, square, lowered],
            ["shelters"] = [shelter],
            ["orders level 4+"] = [level4, square, lowered], // lowered to 3, but followed: level 4 was delivered
            ["中央区"] = [level4, lowered],
            ["app in the palace square"] = [level3, shelter, square], // 13101 as a whole, and the square itself
            ["app in Ginza"] = [level4, lowered],
            ["Osaka"] = [osaka],
            ["Tokyo and Osaka"] = [level3, level4, shelter, square, osaka, lowered],
        };
        foreach (var (name, client) in clients)
        {
            string[] streams = name switch { "Osaka" => ["27"], "Tokyo and Osaka" => ["13", "27"], _ => ["13"] };
            var events = await client.FinishAsync(until.Where(u => streams.Contains(u.Key)).ToDictionary());
            Assert.DoesNotContain(events, e => e.GetProperty("event").GetString() == "duplicate");
            var received = JsWatcher.Notices(events);
            foreach (var prefecture in new[] { "13", "27" })
            {
                Assert.True(
                    expected[name].Where(e => Prefecture(e) == prefecture).Select(Sequence).SequenceEqual(received.Where(r => r.Prefecture == prefecture).Select(r => r.Sequence)),
                    $"{name}, prefecture {prefecture}: expected {string.Join(",", expected[name].Where(e => Prefecture(e) == prefecture).Select(Sequence))}, received {string.Join(",", received.Where(r => r.Prefecture == prefecture).Select(r => r.Sequence))}");
            }
        }

        // The acknowledging client's organisation shows, per revision, when it was sent and acknowledged.
        var deliveries = await PollDeliveriesAsync(Id(level4), d => d.GetProperty("transmitters").EnumerateArray()
            .Any(t => t.GetProperty("organisation").GetString() == "dev-broadcaster" && t.GetProperty("revisions").EnumerateArray().Count(r => r.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String) == 2));
        var broadcaster = deliveries.GetProperty("transmitters").EnumerateArray().Single(t => t.GetProperty("organisation").GetString() == "dev-broadcaster");
        Assert.All(broadcaster.GetProperty("revisions").EnumerateArray(), r =>
            Assert.True(r.GetProperty("sentAt").GetDateTimeOffset() <= r.GetProperty("acknowledgedAt").GetDateTimeOffset()));

        // A transmitter sees only itself; the issuing prefecture sees every transmitter.
        using var osakaClient = Host.CreateClient(Osaka);
        var asOsaka = await osakaClient.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{Id(level4)}/deliveries");
        Assert.Empty(asOsaka.GetProperty("transmitters").EnumerateArray());
    }

    [Fact]
    public async Task Clients_that_drop_their_connection_at_random_resume_with_no_gap_and_no_duplicate()
    {
        var random = new Random(6);
        var clients = Enumerable.Range(0, 6)
            .Select(_ => JsWatcher.Start(Host, Notices.Broadcaster, new { prefectures = new[] { "13" } }, reconnectEvery: random.Next(1, 6)))
            .ToList();
        foreach (var client in clients)
        {
            await client.SubscribedAsync();
        }

        var issued = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            issued.Add(Sequence(await Host.IssueAsync(Notices.Prefecture13, Evacuation("13101", 3 + (i % 3), $"再接続{i}", null))));
        }

        foreach (var client in clients)
        {
            var events = await client.FinishAsync(new Dictionary<string, long> { ["13"] = issued[^1] });
            Assert.Equal(issued, JsWatcher.Notices(events).Select(n => n.Sequence));
            Assert.True(events.Count(e => e.GetProperty("event").GetString() == "resumed") >= 5);
        }
    }

    [Fact]
    public async Task MessagePack_subscribers_filter_by_location_and_category_and_acknowledge()
    {
        await using var app = await Subscriber.ConnectAsync(Host, Notices.Broadcaster, messagePack: true);
        await app.SubscribeAsync<object>(new Dictionary<string, object>
        {
            ["location"] = new Dictionary<string, object> { ["lat"] = 35.685, ["lon"] = 139.7525, ["radiusKm"] = 0.1 },
            ["categories"] = new[] { "evacuation" },
        });

        var elsewhere = await Host.IssueAsync(Notices.Prefecture13, Evacuation("13102", 4, "msgpack 中央区", null));
        var shelter = await Host.IssueAsync(Notices.Prefecture13, Shelter("13101", "msgpack 避難所"));
        var square = await Host.IssueAsync(Notices.Prefecture13, Evacuation("13101", 4, "msgpack 皇居", PalaceSquare));

        // The first notice it gets is the square: 中央区 is elsewhere and a shelter is not evacuation information.
        var received = await app.NextAsync();
        Assert.Equal(Id(square), received.Id);
        Assert.True(Sequence(elsewhere) < received.Sequence && Sequence(shelter) < received.Sequence);
        await app.Connection.InvokeAsync("Ack", new Dictionary<string, object> { ["prefecture"] = "13", ["sequence"] = received.Sequence });
        await PollDeliveriesAsync(Id(square), d => d.GetProperty("transmitters").EnumerateArray()
            .Any(t => t.GetProperty("revisions").EnumerateArray().Any(r => r.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String)));
    }

    [Fact]
    public async Task Bad_filters_and_acknowledgements_are_refused_in_both_languages()
    {
        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        var early = await Assert.ThrowsAsync<HubException>(() => subscriber.Connection.InvokeAsync("Ack", new { prefecture = "13", sequence = 1 }));
        Assert.Contains("Subscribe してください", early.Message, StringComparison.Ordinal);
        Assert.Contains("Subscribe before acknowledging", early.Message, StringComparison.Ordinal);

        var swapped = await Assert.ThrowsAsync<HubException>(() => subscriber.SubscribeAsync<JsonElement>(new { location = new { lat = 139.7525, lon = 35.685 } }));
        Assert.Contains("入れ替わって", swapped.Message, StringComparison.Ordinal);
        Assert.Contains("swapped", swapped.Message, StringComparison.Ordinal);

        var wrongCheckDigit = await Assert.ThrowsAsync<HubException>(() => subscriber.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, municipalities = new[] { "131025" } }));
        Assert.Contains("check digit", wrongCheckDigit.Message, StringComparison.Ordinal);

        var elsewhere = await Assert.ThrowsAsync<HubException>(() => subscriber.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, municipalities = new[] { "27205" } }));
        Assert.Contains("could never match", elsewhere.Message, StringComparison.Ordinal);

        var level = await Assert.ThrowsAsync<HubException>(() => subscriber.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, minLevel = 6 }));
        Assert.Contains("minLevel", level.Message, StringComparison.Ordinal);

        var subscribed = await subscriber.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" } });
        var reached = subscribed.GetProperty("after").GetProperty("13").GetInt64();
        var unsent = await Assert.ThrowsAsync<HubException>(() => subscriber.Connection.InvokeAsync("Ack", new { prefecture = "13", sequence = reached + 1000 }));
        Assert.Contains("already been streamed", unsent.Message, StringComparison.Ordinal);
    }

    private static object Evacuation(string municipality, int level, string disaster, double[][][]? polygon) => new
    {
        category = "evacuation",
        status = "actual",
        issuer = municipality,
        headline = "避難指示",
        disaster,
        level,
        areas = new object[] { polygon is null ? new { municipality, name = $"{disaster}地区" } : new { municipality, name = $"{disaster}地区", geometry = (object)new { type = "Polygon", coordinates = polygon } } },
    };

    private static object Shelter(string municipality, string disaster) => new
    {
        category = "shelter",
        status = "actual",
        issuer = municipality,
        headline = "避難所開設",
        disaster,
        shelters = new object[] { new { municipality, name = $"{disaster}小学校", type = "designated", status = "opened", capacity = 100 } },
    };

    private async Task<JsonElement> ReviseAsync(JsonElement receipt, object notice)
    {
        using var client = Host.CreateClient(Notices.Prefecture13);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/notices/{Id(receipt)}") { Content = JsonContent.Create(notice) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{receipt.GetProperty("revision").GetInt32()}\"");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> PollDeliveriesAsync(string id, Func<JsonElement, bool> done)
    {
        using var client = Host.CreateClient(Notices.Prefecture13);
        for (var i = 0; ; i++)
        {
            var deliveries = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/deliveries");
            if (done(deliveries) || i == 100)
            {
                Assert.True(done(deliveries), deliveries.ToString());
                return deliveries;
            }

            await Task.Delay(100);
        }
    }

    private static string Id(JsonElement receipt) => receipt.GetProperty("id").GetString()!;

    private static string Prefecture(JsonElement receipt) => receipt.GetProperty("prefecture").GetString()!;

    private static long Sequence(JsonElement receipt) => receipt.GetProperty("sequence").GetInt64();
}
