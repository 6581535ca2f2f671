using System.Net.Http.Json;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>
/// Two hosts, two processes, one Orleans cluster and one journal: notices issued at either host reach subscribers at
/// both, each exactly once and in order, whichever silo the prefecture's sequencer lives on.
/// </summary>
public sealed class TwoHostTests : IAsyncLifetime
{
    private AlertHubProcess? _first;
    private AlertHubProcess? _second;

    public async Task InitializeAsync()
    {
        _first = await AlertHubProcess.StartAsync(null, ["--AlertHub:Broadcast:HeartbeatInterval=00:00:00.5"]);
        _second = await AlertHubProcess.StartAsync(_first.DataDirectory, ["--AlertHub:Broadcast:HeartbeatInterval=00:00:00.5", $"--AlertHub:PrimarySiloPort={_first.SiloPort}"]);
    }

    public async Task DisposeAsync()
    {
        await _second!.DisposeAsync();
        await _first!.DisposeAsync();
    }

    [Fact]
    public async Task Notices_issued_at_either_host_reach_subscribers_at_both_once_and_in_order()
    {
        var hosts = new[] { _first!, _second! };
        var watchers = hosts.SelectMany(host => new[]
        {
            JsWatcher.Start(host, Notices.Broadcaster, new { prefectures = new[] { "13", "27" } }),
            JsWatcher.Start(host, Notices.Broadcaster, new { prefectures = new[] { "13", "27" } }, reconnectEvery: 3),
        }).ToList();
        foreach (var watcher in watchers)
        {
            await watcher.SubscribedAsync();
        }

        var issued = new List<(string Prefecture, long Sequence)>();
        for (var i = 0; i < 12; i++)
        {
            var host = hosts[i % 2];
            var (key, issuer) = i % 3 == 0 ? ("dev-prefecture-27", "27205") : (Notices.Prefecture13, "13101");
            var receipt = await host.IssueAsync(key, new
            {
                category = "evacuation", status = "actual", issuer, headline = "避難指示", disaster = $"two hosts {i} {Guid.NewGuid():N}",
                level = 4, areas = new[] { new { municipality = issuer, name = "全域" } },
            });
            issued.Add((receipt.GetProperty("prefecture").GetString()!, receipt.GetProperty("sequence").GetInt64()));
        }

        var until = issued.GroupBy(i => i.Prefecture).ToDictionary(g => g.Key, g => g.Max(i => i.Sequence));
        foreach (var watcher in watchers)
        {
            var received = JsWatcher.Notices(await watcher.FinishAsync(until));
            foreach (var prefecture in until.Keys)
            {
                Assert.Equal(issued.Where(i => i.Prefecture == prefecture).Select(i => i.Sequence), received.Where(r => r.Prefecture == prefecture).Select(r => r.Sequence));
            }
        }

        // Both hosts read the same journal: a notice issued at one is readable at the other.
        using var client = _second!.CreateClient(Notices.Broadcaster);
        var feed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/prefectures/13/feed?after=0&limit=100");
        Assert.Equal(issued.Where(i => i.Prefecture == "13").Select(i => i.Sequence), feed.GetProperty("envelopes").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }
}
