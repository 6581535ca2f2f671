using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>Per-organisation rate limits on a host started with small buckets: a 429 problem with Retry-After, recorded, and other organisations unaffected.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private AlertHubProcess? _host;

    private AlertHubProcess Host => _host!;

    public async Task InitializeAsync() => _host = await AlertHubProcess.StartAsync(null,
        ["--AlertHub:RateLimits:IngestBurst=3", "--AlertHub:RateLimits:IngestPerSecond=1", "--AlertHub:RateLimits:ConnectBurst=4", "--AlertHub:RateLimits:ConnectPerSecond=1",
         "--AlertHub:Broadcast:MaxConnectionsPerKey=1"]);

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    private static object Notice(string issuer, int i) => new
    {
        category = "notice", status = "actual", issuer, headline = $"お知らせ {i}", information = new { title = $"お知らせ {i}" },
    };

    [Fact]
    public async Task An_organisation_over_its_ingest_limit_is_told_when_to_send_again_and_others_are_not_held()
    {
        using var tokyo = Host.CreateClient(Notices.Prefecture13);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6 && limited is null; i++)
        {
            var response = await tokyo.PostAsJsonAsync("/api/v1/notices", Notice("13", i));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) >= 3, string.Join(",", statuses));
            Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()) || string.IsNullOrEmpty(problem.GetProperty("detailEn").GetString()));
        }

        // Another organisation has its own bucket.
        using var osaka = Host.CreateClient("dev-prefecture-27");
        using (var other = await osaka.PostAsJsonAsync("/api/v1/notices", Notice("27", 0)))
        {
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        }

        using var admin = Host.CreateClient("dev-admin");
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit?outcome=rate-limited&organisation=13");
            if (page.GetProperty("entries").GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The refused request is not in the audit log.");
    }

    [Fact]
    public async Task Opening_too_many_subscriptions_at_once_is_refused_with_429()
    {
        using var client = Host.CreateClient(Notices.Broadcaster);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.PostAsync("/hubs/notices/negotiate?negotiateVersion=1", null);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task A_key_holds_at_most_its_limit_of_open_connections()
    {
        await using var first = await Subscriber.ConnectAsync(Host, "dev-prefecture-27");
        await first.SubscribeAsync<JsonElement>(new { prefectures = new[] { "27" } });

        // The second connection of the same key is refused with the reason (a connection's negotiate and connect
        // requests take two of the four attempts the bucket holds, so the rate limit is not what refuses it).
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var second = await Subscriber.ConnectAsync(Host, "dev-prefecture-27");
            await second.SubscribeAsync<JsonElement>(new { prefectures = new[] { "27" } });
        });
        Assert.Contains("open connections", refused.Message, StringComparison.Ordinal);

        // The first is untouched.
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, first.Connection.State);
    }
}
