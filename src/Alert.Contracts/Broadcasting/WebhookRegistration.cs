namespace Alert.Contracts.Broadcasting;

/// <summary>
/// A transmitter's HTTP endpoint for envelopes of some prefectures: each is POSTed in sequence order per prefecture,
/// signed with the shared secret (HMAC-SHA256 over timestamp and body; docs/WEBHOOKS.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("alerthub.WebhookRegistration")]
public sealed record WebhookRegistration(
    [property: Id(0)] string Id,
    [property: Id(1)] string Organisation,
    [property: Id(2)] Uri Url,
    [property: Id(3)] string Secret,
    [property: Id(4)] IReadOnlyList<string> Prefectures,
    [property: Id(5)] IReadOnlyList<string> Statuses,
    [property: Id(6)] DateTimeOffset CreatedAt);
