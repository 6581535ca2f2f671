using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>The information model and life cycle over HTTP, as an issuer and a broadcaster use them.</summary>
public sealed class LifecycleTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private AlertHubProcess Host => fixture.Host;

    private static object Evacuation(string disaster, params object[] areas) => new
    {
        category = "evacuation",
        status = "actual",
        issuer = "13101",
        headline = "避難指示",
        disaster,
        hazard = "洪水",
        areas,
    };

    private static object Area(string name, object level, string state = "発令", int households = 10, int persons = 20) =>
        new { municipality = "13101", name, level, state, households, persons };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Issue_update_correct_lift_and_cancel_with_revisions_kinds_and_changes()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var disaster = $"令和8年台風 {Guid.NewGuid():N}";

        var (created, issued) = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Evacuation(disaster, Area("一丁目", "避難勧告"), Area("二丁目", 3)));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = issued.GetProperty("id").GetString()!;
        Assert.Equal("issued", issued.GetProperty("kind").GetString());
        var path = $"/api/v1/notices/{id}";

        var (missing, _) = await SendAsync(issuer, HttpMethod.Put, path, Evacuation(disaster, Area("一丁目", 5), Area("二丁目", 3)));
        var (stale, staleProblem) = await SendAsync(issuer, HttpMethod.Put, path, Evacuation(disaster, Area("一丁目", 5), Area("二丁目", 3)), "\"5\"");
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing);
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(1, staleProblem.GetProperty("currentRevision").GetInt32());

        var (updatedStatus, updated) = await SendAsync(issuer, HttpMethod.Put, path, Evacuation(disaster, Area("一丁目", 5), Area("二丁目", 3)), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updatedStatus);
        Assert.Equal((2, "updated"), (updated.GetProperty("revision").GetInt32(), updated.GetProperty("kind").GetString()));
        var changes = updated.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c);
        Assert.Equal("changed", changes["13101/一丁目"].GetProperty("change").GetString());
        Assert.Equal("level", changes["13101/一丁目"].GetProperty("fields")[0].GetString());
        Assert.Equal("unchanged", changes["13101/二丁目"].GetProperty("change").GetString());

        var correction = new Dictionary<string, object>
        {
            ["category"] = "evacuation", ["status"] = "actual", ["issuer"] = "13101", ["headline"] = "避難指示", ["disaster"] = disaster, ["hazard"] = "洪水",
            ["areas"] = new[] { Area("一丁目", 4), Area("二丁目", 3) }, ["errata"] = new { reason = "警戒レベルの誤り（5→4）" },
        };
        var (_, corrected) = await SendAsync(issuer, HttpMethod.Put, path, correction, "\"2\"");
        Assert.Equal("corrected", corrected.GetProperty("kind").GetString());

        var (_, lifted) = await SendAsync(issuer, HttpMethod.Put, path, Evacuation(disaster, Area("一丁目", 4), Area("二丁目", 3, "解除")), "\"3\"");
        Assert.Equal("lifted", lifted.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "13101/二丁目").GetProperty("change").GetString());
        Assert.Equal("updated", lifted.GetProperty("kind").GetString());

        var (cancelStatus, cancelled) = await SendAsync(issuer, HttpMethod.Post, $"{path}/cancel", new { reason = "誤発信" });
        Assert.Equal(HttpStatusCode.OK, cancelStatus);
        Assert.Equal((5, "cancelled"), (cancelled.GetProperty("revision").GetInt32(), cancelled.GetProperty("kind").GetString()));

        var history = await reader.GetFromJsonAsync<JsonElement>($"{path}/revisions");
        Assert.Equal(["issued", "updated", "corrected", "updated", "cancelled"], history.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal("警戒レベルの誤り（5→4）", history.GetProperty("revisions")[2].GetProperty("errata").GetProperty("reason").GetString());
        Assert.Equal(4, history.GetProperty("revisions")[0].GetProperty("notice").GetProperty("areas")[0].GetProperty("level").GetInt32()); // 避難勧告 → 4

        var board = await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/notices");
        Assert.DoesNotContain(board.GetProperty("notices").EnumerateArray(), n => n.GetProperty("id").GetString() == id);
        var (afterCancel, _) = await SendAsync(issuer, HttpMethod.Put, path, Evacuation(disaster, Area("一丁目", 4)), "\"5\"");
        Assert.Equal(HttpStatusCode.Conflict, afterCancel);
    }

    [Fact]
    public async Task Re_sending_the_same_snapshot_is_idempotent_and_a_different_one_must_revise()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        var disaster = $"地震 {Guid.NewGuid():N}";
        var notice = Evacuation(disaster, Area("三丁目", 4));

        var (first, created) = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", notice);
        var (again, resent) = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", notice);
        var (different, problem) = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Evacuation(disaster, Area("三丁目", 5)));

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(created.GetProperty("sequence").GetInt64(), resent.GetProperty("sequence").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, different);
        Assert.Equal(created.GetProperty("id").GetString(), problem.GetProperty("currentId").GetString());
    }

    [Fact]
    public async Task Exercise_notice_is_on_no_actual_board_feed_summary_or_subscription()
    {
        using var reader = Host.CreateClient(Notices.Broadcaster);
        using var exerciseOnly = Host.CreateClient("dev-exercise-13101");
        var before = (await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/feed?after=0&limit=1")).GetProperty("latestSequence").GetInt64();
        await using var live = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        await live.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, after = new Dictionary<string, long> { ["13"] = before } });

        var (refused, _) = await SendAsync(exerciseOnly, HttpMethod.Post, "/api/v1/notices", Notices.ChiyodaEvacuation("本番のつもり"));
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        var drill = await Host.IssueAsync("dev-exercise-13101", Notices.ChiyodaEvacuation("避難指示", status: "exercise"));
        var drillId = drill.GetProperty("id").GetString()!;
        var real = await Host.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("本番の避難指示"));

        var received = await live.NextMatchingAsync(n => n.Id == real.GetProperty("id").GetString() || n.Id == drillId);
        Assert.Equal(real.GetProperty("id").GetString(), received.Id);

        var board = await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/notices");
        var feed = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/prefectures/13/feed?after={before}");
        var summary = await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/summary");
        var drillBoard = await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/notices?status=exercise");
        var drillSummary = await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/summary?status=exercise");

        Assert.DoesNotContain(board.GetProperty("notices").EnumerateArray(), n => n.GetProperty("status").GetString() != "actual");
        Assert.DoesNotContain(feed.GetProperty("envelopes").EnumerateArray(), n => n.GetProperty("id").GetString() == drillId);
        Assert.Equal("actual", summary.GetProperty("status").GetString());
        var drillNotice = Assert.Single(drillBoard.GetProperty("notices").EnumerateArray(), n => n.GetProperty("id").GetString() == drillId);
        Assert.StartsWith("【訓練】", drillNotice.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.True(drillSummary.GetProperty("totals").GetProperty("levels").EnumerateArray().Sum(l => l.GetProperty("areas").GetInt32()) >= 1);

        var (mixed, _) = await SendAsync(reader, HttpMethod.Get, "/api/v1/prefectures/13/summary?status=actual,exercise", null);
        Assert.Equal(HttpStatusCode.BadRequest, mixed);
    }

    [Fact]
    public async Task Prefecture_issues_on_behalf_and_both_organisations_are_recorded()
    {
        var accepted = await Host.IssueAsync(Notices.Prefecture13, Notices.OnBehalf("13101", "代行入力"));
        using var reader = Host.CreateClient(Notices.Broadcaster);
        using var prefecture = Host.CreateClient(Notices.Prefecture13);
        var id = accepted.GetProperty("id").GetString();

        var notice = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}");
        var asBroadcaster = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/revisions");
        var asPrefecture = await prefecture.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/revisions");

        Assert.Equal(("13101", "13"), (notice.GetProperty("issuer").GetString(), notice.GetProperty("submittedBy").GetString()));
        Assert.Equal(JsonValueKind.Null, asBroadcaster.GetProperty("revisions")[0].GetProperty("submittedFrom").ValueKind);
        Assert.Equal("127.0.0.1", asPrefecture.GetProperty("revisions")[0].GetProperty("submittedFrom").GetString());
    }

    [Fact]
    public async Task Summary_shows_levels_people_shelters_and_headquarters()
    {
        var disaster = $"大雨 {Guid.NewGuid():N}";
        await Host.IssueAsync(Notices.Prefecture13, new
        {
            category = "evacuation", status = "actual", issuer = "13104", headline = "緊急安全確保", disaster, level = 5,
            areas = new[] { new { municipality = "13104", name = "西新宿", households = 70, persons = 150 } },
        });
        await Host.IssueAsync(Notices.Prefecture13, new
        {
            category = "shelter", status = "actual", issuer = "13104", headline = "避難所開設", disaster,
            shelters = new object[]
            {
                new { municipality = "13104", name = "新宿小学校", status = "開設", capacity = 400, persons = 35, households = 12 },
                new { municipality = "13104", name = "新宿中学校", status = "未開設", capacity = 600 },
            },
        });
        await Host.IssueAsync(Notices.Prefecture13, new
        {
            category = "headquarters", status = "actual", issuer = "13104", headline = "災害対策本部設置", disaster,
            headquarters = new { type = "対策本部", state = "設置", at = "2026-11-25T09:00:00+09:00" },
        });

        using var reader = Host.CreateClient(Notices.Broadcaster);
        var summary = await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/summary");
        var shinjuku = summary.GetProperty("municipalities").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "13104");

        Assert.Equal("新宿区", shinjuku.GetProperty("name").GetString());
        Assert.Equal(5, shinjuku.GetProperty("figures").GetProperty("highestLevel").GetInt32());
        var level5 = shinjuku.GetProperty("figures").GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetInt32() == 5);
        Assert.Equal((70, 150), (level5.GetProperty("households").GetInt32(), level5.GetProperty("persons").GetInt32()));
        var shelters = shinjuku.GetProperty("figures").GetProperty("shelters");
        Assert.Equal((1, 400, 35), (shelters.GetProperty("open").GetInt32(), shelters.GetProperty("capacity").GetInt32(), shelters.GetProperty("persons").GetInt32()));
        Assert.Equal("対策本部", shinjuku.GetProperty("headquarters").GetProperty("typeName").GetString());
    }

    [Fact]
    public async Task Correcting_a_shelter_address_says_address_not_opened()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        var disaster = $"台風 {Guid.NewGuid():N}";
        object Shelters(string status, string address) => new
        {
            category = "shelter", status = "actual", issuer = "13101", headline = "避難所情報", disaster,
            shelters = new[] { new { municipality = "13101", name = "麹町中学校", address, status, capacity = 500 } },
        };

        var (_, created) = await SendAsync(issuer, HttpMethod.Post, "/api/v1/notices", Shelters("未開設", "千代田区麹町2-8"));
        var path = $"/api/v1/notices/{created.GetProperty("id").GetString()}";
        var (_, opened) = await SendAsync(issuer, HttpMethod.Put, path, Shelters("開設", "千代田区麹町2-8"), "\"1\"");
        var (_, moved) = await SendAsync(issuer, HttpMethod.Put, path, Shelters("開設", "千代田区麹町2-8-1"), "\"2\"");

        Assert.Equal("status", opened.GetProperty("changes")[0].GetProperty("fields")[0].GetString());
        Assert.Equal("address", moved.GetProperty("changes")[0].GetProperty("fields")[0].GetString());
    }

    [Fact]
    public async Task Area_geometry_is_served_whole_or_simplified_within_a_budget_and_always_covering()
    {
        var accepted = await Host.IssueAsync(Notices.Prefecture13, new
        {
            category = "evacuation", status = "actual", issuer = "13", headline = "避難指示", disaster = $"高潮 {Guid.NewGuid():N}", level = 4,
            areas = new object[]
            {
                new { municipality = "13421", name = "小笠原村全域" },
                new { name = "東京駅周辺", circle = new { lat = 35.6812, lon = 139.7671, radiusKm = 0.5 } },
            },
        });
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var id = accepted.GetProperty("id").GetString();

        var whole = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/areas/0/geometry");
        var small = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/areas/0/geometry?maxPoints=60");
        var circle = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/areas/1/geometry?maxPoints=20");
        var (tooSmall, _) = await SendAsync(reader, HttpMethod.Get, $"/api/v1/notices/{id}/areas/0/geometry?maxPoints=2", null);
        var (missing, _) = await SendAsync(reader, HttpMethod.Get, $"/api/v1/notices/{id}/areas/9/geometry", null);

        Assert.Equal("municipality-boundary", whole.GetProperty("properties").GetProperty("source").GetString());
        Assert.True(small.GetProperty("properties").GetProperty("points").GetInt32() <= 60);
        Assert.True(small.GetProperty("properties").GetProperty("containsOriginal").GetBoolean());
        Assert.True(small.GetProperty("properties").GetProperty("maxOvershootMetres").GetDouble() > 0);
        Assert.Equal("issuer-shape", circle.GetProperty("properties").GetProperty("source").GetString());
        Assert.True(circle.GetProperty("properties").GetProperty("points").GetInt32() <= 20);
        Assert.Equal(HttpStatusCode.BadRequest, tooSmall);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        var affected = accepted.GetProperty("affectedMunicipalities").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("13101", affected); // Tokyo Station's circle may also reach 中央区 across the border
        Assert.Contains("13421", affected);
    }

    [Fact]
    public async Task Unknown_id_and_wrong_media_type_are_problems_too()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        var (notFound, _) = await SendAsync(issuer, HttpMethod.Post, $"/api/v1/notices/13-{new string('0', 32)}/cancel", new { reason = "x" });
        using var text = new StringContent("reason=x", Encoding.UTF8, "text/plain");
        var unsupported = await issuer.PostAsync($"/api/v1/notices/13-{new string('0', 32)}/cancel", text);

        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
    }
}
