using Alert.Broadcast.Fanout;
using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Hubs;

/// <summary>
/// <c>/hubs/notices</c>: subscribers call <c>Subscribe</c> and receive <c>notice</c> messages in sequence order per
/// prefecture, replaying from <c>after</c> first.
/// </summary>
[Authorize(Policy = AlertHubPolicies.Read)]
public sealed class NoticeHub(
    SubscriberRegistry registry,
    JournalReader journal,
    INoticeSender sender,
    ILogger<SubscriberSession> sessionLogger) : Hub
{
    public const string Path = "/hubs/notices";
    public const string NoticeMethod = "notice";
    public const int MaxPrefectures = 47;

    public async Task<SubscribeResult> Subscribe(SubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefectures = request.Prefectures?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (prefectures.Count == 0)
        {
            throw Refuse("prefectures は必須です（例: [\"13\"]）。", "prefectures is required (for example [\"13\"]).");
        }

        if (prefectures.FirstOrDefault(p => !PrefectureCodes.IsValid(p)) is { } bad)
        {
            throw Refuse($"prefectures の {bad} は都道府県コード（01〜47）ではありません。", $"prefectures: {bad} is not a prefecture code (01 to 47).");
        }

        var after = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (prefecture, sequence) in request.After ?? new Dictionary<string, long>())
        {
            if (!prefectures.Contains(prefecture))
            {
                throw Refuse($"after の {prefecture} が prefectures にありません。", $"after names {prefecture}, which is not in prefectures.");
            }

            if (sequence < 0)
            {
                throw Refuse($"after.{prefecture} は 0 以上にしてください。", $"after.{prefecture} must be zero or more.");
            }

            after[prefecture] = sequence;
        }

        var statuses = (request.Statuses ?? (request.Status is { } one ? [one] : [NoticeStatus.Actual])).Distinct(StringComparer.Ordinal).ToList();
        if (statuses.Count == 0 || statuses.FirstOrDefault(s => !NoticeStatus.All.Contains(s)) is not null)
        {
            throw Refuse("statuses は actual, exercise, test から選んでください。", "statuses must be chosen from actual, exercise and test.");
        }

        var context = Context;
        var session = new SubscriberSession(
            context.ConnectionId, prefectures, after, statuses.ToHashSet(StringComparer.Ordinal), journal, sender,
            _ => context.Abort(), sessionLogger);
        await registry.AddAsync(session);
        return new SubscribeResult(prefectures, statuses, await session.Started);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => registry.RemoveAsync(Context.ConnectionId);

    private static HubException Refuse(string ja, string en) => new($"{ja} / {en}");
}
