using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Security;
using Alert.Contracts.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Alert.Broadcast.Hubs;

/// <summary>
/// <c>/hubs/notices</c>: subscribers call <c>Subscribe</c> and receive <c>notice</c> messages in sequence order per
/// prefecture, replaying from <c>after</c> first, and a <c>heartbeat</c> every few seconds.
/// </summary>
[Authorize(Policy = AlertHubPolicies.Read)]
public sealed class NoticeHub(
    SubscriberRegistry registry,
    SubscriberContext sessions,
    INoticeSender sender,
    TrackingHubLifetimeManager connections,
    IOptions<BroadcastOptions> options) : Hub
{
    public const string Path = "/hubs/notices";
    public const string NoticeMethod = "notice";
    public const string HeartbeatMethod = "heartbeat";
    public const int MaxPrefectures = 47;
    public const int MaxMunicipalities = 2000;

    private static readonly TimeSpan CloseMessageLimit = TimeSpan.FromSeconds(5);

    /// <summary>Refuses a connection past the key's limit on this host (<see cref="BroadcastOptions.MaxConnectionsPerKey"/>).</summary>
    public override Task OnConnectedAsync()
    {
        var limit = options.Value.MaxConnectionsPerKey;
        if (connections.OpenWithKeyOf(Context.User) > limit)
        {
            throw SubscriptionRules.Refuse($"この API キーの同時接続数が上限（{limit}）に達しています。不要な接続を閉じてください。",
                $"This API key already holds its limit of {limit} open connections on this host; close some first.");
        }

        return base.OnConnectedAsync();
    }

    public async Task<SubscribeResult> Subscribe(SubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = SubscriptionRules.Filter(request, sessions.Geography);
        var prefectures = SubscriptionRules.Prefectures(request, filter, sessions.Geography);
        var after = SubscriptionRules.After(request, prefectures);

        var context = Context;
        var organisation = context.User?.FindFirst(AlertHubClaims.Organisation)?.Value ?? "unknown";
        var session = new SubscriberSession(context.ConnectionId, organisation, prefectures, after, filter, sessions, sender, reason => Close(connections, context, reason));
        await registry.AddAsync(session);
        return new SubscribeResult(prefectures, [.. filter.Statuses.Order(StringComparer.Ordinal)], await session.Started, options.Value.HeartbeatInterval.TotalSeconds);
    }

    /// <summary>
    /// Acknowledges one envelope this connection was streamed: <c>{"prefecture":"13","sequence":42}</c>, recorded for
    /// the connection's organisation (see <c>GET /api/v1/notices/{id}/deliveries</c>).
    /// </summary>
    public void Ack(AckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = registry.Find(Context.ConnectionId)
            ?? throw SubscriptionRules.Refuse("Ack の前に Subscribe してください。", "Subscribe before acknowledging.");
        if (request.Prefecture is not { } prefecture || !session.Prefectures.Contains(prefecture))
        {
            throw SubscriptionRules.Refuse("prefecture は購読中の都道府県コードにしてください。", "prefecture must be one this connection subscribes to.");
        }

        if (request.Sequence is not > 0 || !session.HasReached(prefecture, request.Sequence.Value))
        {
            throw SubscriptionRules.Refuse("sequence はこの接続に配信済みの番号にしてください。", "sequence must be one this connection has already been streamed.");
        }

        var now = sessions.Clock.GetUtcNow();
        sessions.Deliveries.Acknowledged(session.Organisation, prefecture, request.Sequence.Value, now);
        if (sessions.Publications.PublishedAt(prefecture, request.Sequence.Value) is { } publishedAt)
        {
            AlertHubMetrics.Acknowledge.Record(AlertHubMetrics.Milliseconds(publishedAt, now));
        }
    }

    // The reason reaches the client as the close error (its onclose handler); the connection is aborted right after,
    // whether or not the close message could still be written (a client too slow to read it gets a few seconds).
    private static void Close(TrackingHubLifetimeManager connections, HubCallerContext context, string reason)
    {
        if (connections.Find(context.ConnectionId) is { } tracked)
        {
            _ = tracked.Connection.WriteAsync(new Microsoft.AspNetCore.SignalR.Protocol.CloseMessage(reason, allowReconnect: true)).AsTask()
                .WaitAsync(CloseMessageLimit)
                .ContinueWith(_ => context.Abort(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        context.Abort();
    }

    public override Task OnDisconnectedAsync(Exception? exception) => registry.RemoveAsync(Context.ConnectionId);
}
