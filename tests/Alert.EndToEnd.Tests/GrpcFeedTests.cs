using System.Net.Http.Json;
using System.Text.Json;
using Alert.Contracts.Protos;
using Alert.EndToEnd.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Alert.EndToEnd.Tests;

/// <summary>The gRPC server stream as a broadcast system uses it, with a client generated from the published .proto.</summary>
public sealed class GrpcFeedTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private AlertHubProcess Host => fixture.Host;

    private GrpcChannel Channel(string key)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", $"Bearer {key}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(Host.GrpcAddress, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    [Fact]
    public async Task Subscribe_replays_after_a_sequence_then_streams_live_and_converts_losslessly_to_JSON()
    {
        using var issuer = Host.CreateClient(Notices.Prefecture13);
        async Task<long> IssueAsync(string disaster)
        {
            using var response = await issuer.PostAsJsonAsync("/api/v1/notices", new
            {
                category = "evacuation", status = "actual", issuer = "13102", headline = "避難指示", disaster, hazard = "洪水", level = 4,
                areas = new[] { new { municipality = "13102", name = "全域", households = 5, persons = 9 } },
            });
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
        }

        var first = await IssueAsync($"gRPC {Guid.NewGuid():N}");
        using var channel = Channel(Notices.Broadcaster);
        var client = new NoticeFeed.NoticeFeedClient(channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = client.Subscribe(new SubscribeRequest { Prefectures = { "13" }, After = { ["13"] = first - 1 } }, cancellationToken: timeout.Token);

        var received = new List<NoticeEnvelope>();
        long? live = null;
        await foreach (var message in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            if (message.MessageCase != FeedMessage.MessageOneofCase.Notice)
            {
                continue;
            }

            received.Add(message.Notice);
            if (received.Count == 1)
            {
                live = await IssueAsync($"gRPC live {Guid.NewGuid():N}");
            }

            if (message.Notice.Sequence == live)
            {
                break;
            }
        }

        Assert.Equal(first, received[0].Sequence);
        Assert.Equal(Enumerable.Range(0, received.Count).Select(i => first + i), received.Select(e => e.Sequence));
        var notice = received[0];
        Assert.Equal(("evacuation", "13102", 4), (notice.Category, notice.Areas[0].Municipality, notice.Areas[0].Level));

        // protobuf → JSON → protobuf is the identity, and the bytes survive too.
        var json = JsonFormatter.Default.Format(notice);
        Assert.Equal(notice, JsonParser.Default.Parse<NoticeEnvelope>(json));
        Assert.Equal(notice, NoticeEnvelope.Parser.ParseFrom(notice.ToByteArray()));

        // The REST JSON of the same revision says the same things.
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var rest = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{notice.Id}");
        Assert.Equal((rest.GetProperty("headline").GetString(), rest.GetProperty("sequence").GetInt64(), rest.GetProperty("revision").GetInt32()), (notice.Headline, notice.Sequence, notice.Revision));
    }

    [Fact]
    public async Task Bad_filters_and_missing_keys_are_refused()
    {
        using var channel = Channel(Notices.Broadcaster);
        var client = new NoticeFeed.NoticeFeedClient(channel);
        var invalid = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = client.Subscribe(new SubscribeRequest { Prefectures = { "99" } });
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("/", invalid.Status.Detail, StringComparison.Ordinal); // Japanese / English

        using var anonymous = GrpcChannel.ForAddress(Host.GrpcAddress);
        var unauthenticated = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = new NoticeFeed.NoticeFeedClient(anonymous).Subscribe(new SubscribeRequest { Prefectures = { "13" } });
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);
    }
}
