using System.Text.Json;
using System.Text.RegularExpressions;
using Alert.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;

namespace Alert.EndToEnd.Tests;

/// <summary>
/// Every way a .NET SignalR client can reach the hub gets every notice once, in order: WebSockets, whose notices the
/// host writes straight onto the socket (direct send), and server-sent events and long polling, which keep SignalR's
/// own transport; in JSON and, where the transport carries binary, MessagePack. The host's metrics show which path
/// each connection is on, so direct send cannot silently fall back.
/// </summary>
public sealed partial class HubTransportTests : IAsyncLifetime
{
    private AlertHubProcess? _host;

    private AlertHubProcess Host => _host!;

    public async Task InitializeAsync() => _host = await AlertHubProcess.StartAsync(null, ["--AlertHub:Broadcast:HeartbeatInterval=00:00:00.5"]);

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Theory]
    [InlineData(HttpTransportType.WebSockets, false, "direct")]
    [InlineData(HttpTransportType.WebSockets, true, "direct")]
    [InlineData(HttpTransportType.ServerSentEvents, false, "transport")]
    [InlineData(HttpTransportType.LongPolling, false, "transport")]
    [InlineData(HttpTransportType.LongPolling, true, "transport")]
    public async Task Each_transport_and_protocol_receives_every_notice_once_in_order(HttpTransportType transport, bool messagePack, string sendPath)
    {
        var before = await ConnectionsAsync(sendPath);
        var after = await Host.LatestSequenceAsync();
        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster, messagePack, transport);
        await subscriber.SubscribeAsync<object>(new Dictionary<string, object>
        {
            ["prefectures"] = new[] { "13" },
            ["after"] = new Dictionary<string, long> { ["13"] = after },
        });
        Assert.Equal(before + 1, await ConnectionsAsync(sendPath, until: before + 1));

        var tag = $"{transport} {(messagePack ? "msgpack" : "json")}";
        var issued = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            issued.Add(await Host.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation($"避難指示 {tag} {i}", disaster: $"{tag} {i}")));
        }

        foreach (var notice in issued)
        {
            var received = await subscriber.NextAsync();
            Assert.Equal(notice.GetProperty("sequence").GetInt64(), received.Sequence);
            Assert.Equal(notice.GetProperty("id").GetString(), received.Id);
        }

        Assert.False(subscriber.TryTakeReceived(out var extra), $"an extra notice arrived: {extra?.Sequence}");
    }

    [Fact]
    public async Task A_notice_with_a_large_polygon_reaches_a_direct_send_subscriber_whole()
    {
        var after = await Host.LatestSequenceAsync();
        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster, transport: HttpTransportType.WebSockets);
        await subscriber.SubscribeAsync<object>(new { prefectures = new[] { "13" }, after = new Dictionary<string, long> { ["13"] = after } });

        // A 2,000-vertex ring round the Imperial Palace: the message is far larger than any single buffer on the way.
        var ring = Enumerable.Range(0, 2000)
            .Select(i => 2 * Math.PI * i / 2000)
            .Select(a => new[] { Math.Round(139.7525 + (0.003 * Math.Cos(a)), 6), Math.Round(35.685 + (0.0025 * Math.Sin(a)), 6) })
            .ToList();
        ring.Add(ring[0]);
        var accepted = await Host.IssueAsync(Notices.Prefecture13, new
        {
            category = "evacuation",
            status = "actual",
            issuer = "13101",
            headline = "避難指示 大きな区域",
            disaster = "direct send large polygon",
            level = 4,
            areas = new[] { new { municipality = "13101", name = "皇居周辺", geometry = new { type = "Polygon", coordinates = new[] { ring } } } },
        });

        var received = await subscriber.NextAsync();
        Assert.Equal(accepted.GetProperty("sequence").GetInt64(), received.Sequence);
        Assert.Equal("避難指示 大きな区域", received.Headline);
    }

    // The exporter answers scrapes from a copy up to 300 ms old, so a changed count is waited for (10 s at most).
    private async Task<long> ConnectionsAsync(string sendPath, long? until = null)
    {
        using var client = Host.CreateClient(null);
        var pattern = new Regex($"^alerthub_hub_connections(?:_[a-z]+)?\\{{[^}}]*send=\"{sendPath}\"[^}}]*\\}} (\\d+)", RegexOptions.Multiline);
        for (var attempt = 0; ; attempt++)
        {
            var match = pattern.Match(await client.GetStringAsync("/metrics"));
            var count = match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (until is not { } wanted || count == wanted || attempt == 100)
            {
                return count;
            }

            await Task.Delay(100);
        }
    }

}
