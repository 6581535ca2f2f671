using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Security;
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
    IOptions<BroadcastOptions> options) : Hub
{
    public const string Path = "/hubs/notices";
    public const string NoticeMethod = "notice";
    public const string HeartbeatMethod = "heartbeat";
    public const int MaxPrefectures = 47;
    public const int MaxMunicipalities = 2000;

    public async Task<SubscribeResult> Subscribe(SubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = SubscriptionRules.Filter(request, sessions.Geography);
        var prefectures = SubscriptionRules.Prefectures(request, filter, sessions.Geography);
        var after = SubscriptionRules.After(request, prefectures);

        var context = Context;
        var session = new SubscriberSession(context.ConnectionId, prefectures, after, filter, sessions, sender, _ => context.Abort());
        await registry.AddAsync(session);
        return new SubscribeResult(prefectures, [.. filter.Statuses.Order(StringComparer.Ordinal)], await session.Started, options.Value.HeartbeatInterval.TotalSeconds);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => registry.RemoveAsync(Context.ConnectionId);
}
