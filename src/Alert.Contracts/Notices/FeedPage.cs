namespace Alert.Contracts.Notices;

/// <summary>A page of a prefecture's ordered envelopes and the latest sequence at the time of reading.</summary>
[GenerateSerializer, Immutable, Alias("alerthub.FeedPage")]
public sealed record FeedPage(
    [property: Id(0)] string Prefecture,
    [property: Id(1)] IReadOnlyList<NoticeEnvelope> Envelopes,
    [property: Id(2)] long LatestSequence);
