namespace Alert.Contracts.Broadcasting;

/// <summary>
/// How delivery to one webhook endpoint stands: per prefecture the last sequence delivered (or dead-lettered) and the
/// latest known, the circuit state (closed: delivering; open: the endpoint is failing and delivery waits; half-open:
/// probing), and the last success and failure.
/// </summary>
[GenerateSerializer, Immutable, Alias("alerthub.WebhookStatus")]
public sealed record WebhookStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Circuit,
    [property: Id(2)] IReadOnlyDictionary<string, long> Delivered,
    [property: Id(3)] IReadOnlyDictionary<string, long> Latest,
    [property: Id(4)] int DeadLetters,
    [property: Id(5)] DateTimeOffset? LastSuccessAt,
    [property: Id(6)] DateTimeOffset? LastFailureAt,
    [property: Id(7)] string? LastError);
