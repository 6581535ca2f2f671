namespace Alert.Contracts.Broadcasting;

/// <summary>An envelope given up on for one endpoint: refused by it, or still failing when the retries ran out.</summary>
[GenerateSerializer, Immutable, Alias("alerthub.WebhookDeadLetter")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] string Prefecture,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string NoticeId,
    [property: Id(3)] DateTimeOffset FailedAt,
    [property: Id(4)] string Error);
