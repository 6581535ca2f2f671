using System.Threading.Channels;
using Alert.Broadcast.Hubs;
using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using P = Alert.Contracts.Protos;

namespace Alert.Broadcast.Grpc;

/// <summary>
/// The gRPC <c>NoticeFeed.Subscribe</c> stream for broadcast systems: the hub's subscription (same filters, same
/// replay-then-live session, same heartbeats), written as protobuf envelopes. Bad filters are INVALID_ARGUMENT with
/// the hub's Japanese and English message; a subscriber cut off as too slow gets RESOURCE_EXHAUSTED and the reason.
/// </summary>
[Authorize(Policy = AlertHubPolicies.Read)]
internal sealed class NoticeFeedService(SubscriberRegistry registry, SubscriberContext sessions, OpenFeedStreams streams) : P.NoticeFeed.NoticeFeedBase
{
    // Messages waiting to be written to one call's response stream before its session stops sending.
    private const int StreamBuffer = 64;

    public override async Task Subscribe(P.SubscribeRequest request, IServerStreamWriter<P.FeedMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var subscription = new SubscribeRequest
        {
            Prefectures = request.Prefectures.Count > 0 ? [.. request.Prefectures] : null,
            After = request.After.Count > 0 ? request.After.ToDictionary(p => p.Key, p => p.Value) : null,
            Statuses = request.Statuses.Count > 0 ? [.. request.Statuses] : null,
            Municipalities = request.Municipalities.Count > 0 ? [.. request.Municipalities] : null,
            Categories = request.Categories.Count > 0 ? [.. request.Categories] : null,
            MinLevel = request.HasMinLevel ? request.MinLevel : null,
            Location = request.Location is { } l ? new SubscriberLocation { Lat = l.Lat, Lon = l.Lon, RadiusKm = l.RadiusKm } : null,
        };

        SubscriptionFilter filter;
        List<string> prefectures;
        IReadOnlyDictionary<string, long> after;
        try
        {
            filter = SubscriptionRules.Filter(subscription, sessions.Geography);
            prefectures = SubscriptionRules.Prefectures(subscription, filter, sessions.Geography);
            after = SubscriptionRules.After(subscription, prefectures);
        }
        catch (HubException refused)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, refused.Message));
        }

        var channel = Channel.CreateBounded<P.FeedMessage>(new BoundedChannelOptions(StreamBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        using var cutOff = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        string? reason = null;
        var id = "grpc-" + Guid.NewGuid().ToString("N");
        var organisation = context.GetHttpContext().User.FindFirst(AlertHubClaims.Organisation)?.Value ?? "unknown";
        var session = new SubscriberSession(id, organisation, prefectures, after, filter, sessions, new GrpcFeedSender(channel.Writer), why =>
        {
            reason = why;
            channel.Writer.TryComplete();
        });
        var revoked = false;
        var keyId = context.GetHttpContext().User.FindFirst(AlertHubClaims.KeyId)?.Value ?? string.Empty;
        using var open = streams.Open(keyId, () =>
        {
            revoked = true;
            cutOff.Cancel();
        });
        await registry.AddAsync(session);
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(cutOff.Token))
            {
                await responseStream.WriteAsync(message, cutOff.Token);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // the subscriber went away
        }
        catch (OperationCanceledException) when (revoked)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "この API キーは取り消されました。 / This API key has been revoked."));
        }
        finally
        {
            await registry.RemoveAsync(id);
        }

        if (reason is not null)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, reason));
        }
    }
}
