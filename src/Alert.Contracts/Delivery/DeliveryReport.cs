namespace Alert.Contracts.Delivery;

/// <summary>
/// What a broadcast host saw for one envelope and one transmitter organisation: when it was first sent to one of that
/// organisation's connections, or when one of them acknowledged it. Hosts batch these; the ledger keeps the earliest.
/// </summary>
[GenerateSerializer, Immutable, Alias("alerthub.DeliveryReport")]
public sealed record DeliveryReport(
    [property: Id(0)] string Organisation,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset? SentAt,
    [property: Id(3)] DateTimeOffset? AcknowledgedAt);
