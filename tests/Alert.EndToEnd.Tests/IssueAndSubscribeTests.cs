using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alert.EndToEnd.Tests;

/// <summary>The walking skeleton's path on one real host: issue over HTTP, receive over SignalR.</summary>
public sealed class IssueAndSubscribeTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private AlertHubProcess Host => fixture.Host;

    [Fact]
    public async Task Json_subscriber_receives_the_readme_notice_with_its_sequence()
    {
        var after = await Host.LatestSequenceAsync();
        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        await subscriber.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, after = new Dictionary<string, long> { ["13"] = after } });

        var accepted = await Host.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("避難指示 json"));
        var received = await subscriber.NextMatchingAsync(n => n.Id == accepted.GetProperty("id").GetString());

        Assert.Equal(accepted.GetProperty("sequence").GetInt64(), received.Sequence);
        Assert.Equal("13", received.Prefecture);
        Assert.Equal(1, received.Revision);
        Assert.Equal(4, received.Level);
        Assert.Equal("避難指示 json", received.Headline);
        Assert.Equal(["13101"], received.AffectedMunicipalities);
    }

    [Fact]
    public async Task MessagePack_subscriber_receives_the_same_envelope()
    {
        var after = await Host.LatestSequenceAsync();
        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster, messagePack: true);
        await subscriber.SubscribeAsync<object>(new Dictionary<string, object>
        {
            ["prefectures"] = new[] { "13" },
            ["after"] = new Dictionary<string, long> { ["13"] = after },
        });

        var accepted = await Host.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("避難指示 msgpack"));
        var received = await subscriber.NextMatchingAsync(n => n.Id == accepted.GetProperty("id").GetString());

        Assert.Equal(accepted.GetProperty("sequence").GetInt64(), received.Sequence);
        Assert.Equal("避難指示 msgpack", received.Headline);
    }

    [Fact]
    public async Task Npm_signalr_client_receives_the_notice()
    {
        var after = await Host.LatestSequenceAsync();
        var client = JsClient.Start(Host, Notices.Broadcaster, "13", after.ToString(System.Globalization.CultureInfo.InvariantCulture), expected: 1);
        await client.WaitForSubscribedAsync();

        var accepted = await Host.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("避難指示 npm"));
        var events = await client.WaitForExitAsync();

        var notice = Assert.Single(events, e => e.GetProperty("event").GetString() == "notice").GetProperty("notice");
        Assert.Equal(accepted.GetProperty("id").GetString(), notice.GetProperty("id").GetString());
        Assert.Equal(accepted.GetProperty("sequence").GetInt64(), notice.GetProperty("sequence").GetInt64());
        Assert.Equal("丸の内一丁目", notice.GetProperty("areas")[0].GetProperty("name").GetString());
        Assert.Equal(0, client.ExitCode);
    }

    [Fact]
    public async Task Replay_then_live_has_no_gap_and_no_duplicate_while_notices_are_published_during_replay()
    {
        var start = await Host.LatestSequenceAsync();
        for (var i = 0; i < 10; i++)
        {
            await Host.IssueAsync(Notices.Prefecture13, Notices.OnBehalf("13102", $"before {i}"));
        }

        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        var during = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await Host.IssueAsync(Notices.Prefecture13, Notices.OnBehalf("13103", $"during {i}"));
            }
        });
        await subscriber.SubscribeAsync<JsonElement>(new
        {
            prefectures = new[] { "13" },
            after = new Dictionary<string, long> { ["13"] = start },
            statuses = new[] { "actual", "exercise", "test" },
        });
        await during;
        var end = await Host.LatestSequenceAsync();

        var sequences = new List<long>();
        while (sequences.Count == 0 || sequences[^1] < end)
        {
            sequences.Add((await subscriber.NextAsync()).Sequence);
        }

        Assert.Equal(Enumerable.Range((int)start + 1, (int)(end - start)).Select(i => (long)i), sequences);
        await Task.Delay(500);
        Assert.False(subscriber.TryTakeReceived(out var extra), $"duplicate or unexpected envelope {extra?.Sequence}");
    }

    [Fact]
    public async Task Exercise_notices_reach_only_subscribers_that_ask_for_them()
    {
        var after = await Host.LatestSequenceAsync();
        await using var live = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        await using var drills = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        var from = new Dictionary<string, long> { ["13"] = after };
        await live.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, after = from });
        await drills.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, after = from, status = "exercise" });

        var drill = await Host.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("訓練 避難指示", status: "exercise"));
        var real = await Host.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("本番 避難指示"));

        var drillReceived = await drills.NextMatchingAsync(n => n.Id == drill.GetProperty("id").GetString());
        Assert.Equal("exercise", drillReceived.Status);
        var liveReceived = await live.NextMatchingAsync(n => n.Status != "actual" || n.Id == real.GetProperty("id").GetString());
        Assert.Equal(real.GetProperty("id").GetString(), liveReceived.Id);
    }

    [Fact]
    public async Task Subscribe_without_prefectures_is_refused_in_both_languages()
    {
        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        var refused = await Assert.ThrowsAsync<HubException>(() => subscriber.SubscribeAsync<JsonElement>(new { prefectures = Array.Empty<string>() }));
        Assert.Contains("prefectures は必須です", refused.Message, StringComparison.Ordinal);
        Assert.Contains("prefectures is required", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_refuses_connections_without_a_valid_key()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Host.BaseAddress, "/hubs/notices"), o => o.AccessTokenProvider = () => Task.FromResult<string?>("not-a-key"))
            .Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Locate_finds_tokyo_station_in_chiyoda()
    {
        using var client = Host.CreateClient(Notices.Broadcaster);
        var located = await client.GetFromJsonAsync<JsonElement>("/api/v1/geo/locate?lat=35.6812&lon=139.7671");
        Assert.Equal("13101", located.GetProperty("municipality").GetProperty("code").GetString());
        Assert.Equal("13", located.GetProperty("prefecture").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Municipality_lookup_returns_population_and_geojson()
    {
        using var client = Host.CreateClient(Notices.Broadcaster);
        var chiyoda = await client.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/131016");
        Assert.Equal("千代田区", chiyoda.GetProperty("name").GetString());
        Assert.Equal("東京都", chiyoda.GetProperty("prefecture").GetProperty("name").GetString());
        Assert.True(chiyoda.GetProperty("population2020").GetInt64() > 50_000);
        Assert.Equal("Polygon", chiyoda.GetProperty("geometry").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Keys_are_checked_unknown_is_401_and_out_of_scope_is_403()
    {
        using var anonymous = Host.CreateClient(null);
        using var unknown = Host.CreateClient("dev-unknown");
        using var chiyoda = Host.CreateClient(Notices.Municipality13101);
        using var broadcaster = Host.CreateClient(Notices.Broadcaster);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/notices", Notices.ChiyodaEvacuation())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.PostAsJsonAsync("/api/v1/notices", Notices.ChiyodaEvacuation())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await broadcaster.PostAsJsonAsync("/api/v1/notices", Notices.ChiyodaEvacuation())).StatusCode);

        var before = await Host.LatestSequenceAsync();
        var outOfScope = await chiyoda.PostAsJsonAsync("/api/v1/notices", Notices.OnBehalf("13102", "中央区への越権"));
        Assert.Equal(HttpStatusCode.Forbidden, outOfScope.StatusCode);
        var problem = await outOfScope.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/problem+json", outOfScope.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detailEn").GetString()));
        Assert.Equal(before, await Host.LatestSequenceAsync());
    }

    [Fact]
    public async Task Invalid_notice_is_422_naming_each_field_and_changes_nothing()
    {
        using var client = Host.CreateClient(Notices.Municipality13101);
        var before = await Host.LatestSequenceAsync();
        var response = await client.PostAsJsonAsync("/api/v1/notices", new
        {
            category = "evacuation",
            status = "live",
            issuer = "13101",
            headline = "避難指示",
            level = 7,
            areas = new object[] { new { municipality = "131017" } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("status", fields);
        Assert.Contains("level", fields);
        Assert.Equal(before, await Host.LatestSequenceAsync());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        using var client = Host.CreateClient(Notices.Municipality13101);
        using var content = new StringContent("{\"category\": \"evacuation\",", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/notices", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("リクエストを解釈できません", problem.GetProperty("title").GetString());
        Assert.Equal("Malformed request", problem.GetProperty("titleEn").GetString());
    }

    [Fact]
    public async Task Duplicate_field_names_are_refused_not_guessed()
    {
        using var client = Host.CreateClient(Notices.Municipality13101);
        var before = await Host.LatestSequenceAsync();
        using var content = new StringContent(
            """{"category":"evacuation","status":"actual","issuer":"13101","headline":"避難指示","level":3,"level":5,"areas":[{"municipality":"13101"}]}""",
            System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/api/v1/notices", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await Host.LatestSequenceAsync());
    }

    [Fact]
    public async Task Notice_with_a_polygon_keeps_its_geometry_and_finds_its_municipalities()
    {
        // A small square around Tokyo Station, entirely inside 千代田区.
        var square = new[] { new[] { 139.765, 35.679 }, new[] { 139.769, 35.679 }, new[] { 139.769, 35.683 }, new[] { 139.765, 35.683 }, new[] { 139.765, 35.679 } };
        var accepted = await Host.IssueAsync(Notices.Municipality13101, new
        {
            category = "evacuation",
            status = "actual",
            issuer = "13101",
            headline = "避難指示（範囲指定）",
            level = 4,
            areas = new object[] { new { name = "東京駅周辺", geometry = new { type = "Polygon", coordinates = new[] { square } } } },
        });
        Assert.Equal(["13101"], accepted.GetProperty("affectedMunicipalities").EnumerateArray().Select(e => e.GetString()));

        using var client = Host.CreateClient(Notices.Broadcaster);
        var notice = await client.GetFromJsonAsync<JsonElement>(accepted.GetProperty("id").GetString() is { } id ? $"/api/v1/notices/{id}" : "");
        var geometry = notice.GetProperty("areas")[0].GetProperty("geometry");
        Assert.Equal("Polygon", geometry.GetProperty("type").GetString());
        Assert.Equal(5, geometry.GetProperty("coordinates")[0].GetArrayLength());
    }

    [Fact]
    public async Task Match_names_the_municipalities_an_area_reaches_with_ratios_and_population()
    {
        using var client = Host.CreateClient(Notices.Broadcaster);
        var box = new[] { new[] { 139.765, 35.680 }, new[] { 139.780, 35.680 }, new[] { 139.780, 35.690 }, new[] { 139.765, 35.690 }, new[] { 139.765, 35.680 } };

        var geoJson = await client.PostAsJsonAsync("/api/v1/geo/match", new { geometry = new { type = "Polygon", coordinates = new[] { box } } });
        var cap = await client.PostAsJsonAsync("/api/v1/geo/match", new { polygon = "35.680,139.765 35.680,139.780 35.690,139.780 35.690,139.765 35.680,139.765" });
        var circle = await client.PostAsJsonAsync("/api/v1/geo/match", new { circle = new { lat = 43.0606, lon = 141.3545, radiusKm = 0.3 } });
        var swapped = await client.PostAsJsonAsync("/api/v1/geo/match", new { polygon = "139.765,35.680 139.780,35.680 139.780,35.690 139.765,35.680" });

        var result = await geoJson.Content.ReadFromJsonAsync<JsonElement>();
        var municipalities = result.GetProperty("municipalities").EnumerateArray().ToList();
        Assert.Equal(["13101", "13102"], municipalities.Select(m => m.GetProperty("code").GetString()).Order());
        Assert.Equal(1.0, municipalities.Sum(m => m.GetProperty("overlapRatio").GetDouble()), 3);
        Assert.All(municipalities, m => Assert.True(m.GetProperty("estimatedPopulation").GetDouble() > 0));
        Assert.Equal("13", result.GetProperty("prefectures")[0].GetProperty("code").GetString());
        Assert.Equal(result.GetProperty("areaKm2").GetDouble(), (await cap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("areaKm2").GetDouble(), 6);
        var sapporo = await circle.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("01100", sapporo.GetProperty("municipalities")[0].GetProperty("code").GetString());
        Assert.Equal("01101", sapporo.GetProperty("wards")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, swapped.StatusCode);
        var problem = await swapped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("coordinates-swapped", problem.GetProperty("errors")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Feed_returns_envelopes_after_a_sequence_in_order()
    {
        var after = await Host.LatestSequenceAsync();
        var first = await Host.IssueAsync(Notices.Prefecture13, Notices.OnBehalf("13104", "feed 1"));
        var second = await Host.IssueAsync(Notices.Prefecture13, Notices.OnBehalf("13104", "feed 2"));

        using var client = Host.CreateClient(Notices.Broadcaster);
        var feed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/prefectures/13/feed?after={after}&status=actual,exercise,test");
        var ids = feed.GetProperty("envelopes").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf(first.GetProperty("id").GetString()) < ids.IndexOf(second.GetProperty("id").GetString()));
        var sequences = feed.GetProperty("envelopes").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

}
