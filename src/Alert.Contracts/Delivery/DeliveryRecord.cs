namespace Alert.Contracts.Delivery;

/// <summary>One revision of a notice as one transmitter got it: first sent, first acknowledged (either may be unknown).</summary>
[GenerateSerializer, Immutable, Alias("alerthub.DeliveryRecord")]
public sealed record DeliveryRecord(
    [property: Id(0)] string Organisation,
    [property: Id(1)] string NoticeId,
    [property: Id(2)] int Revision,
    [property: Id(3)] long Sequence,
    [property: Id(4)] DateTimeOffset? SentAt,
    [property: Id(5)] DateTimeOffset? AcknowledgedAt);
