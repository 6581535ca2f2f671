namespace Alert.Contracts.Notices;

/// <summary>
/// One sequenced revision of a notice: what the journal stores and what every subscriber receives.
/// <see cref="Sequence"/> is gap-free and strictly increasing per prefecture.
/// </summary>
/// <param name="AcceptedAt">When the prefecture's sequencer accepted it; the journal was fsynced before any answer.</param>
/// <param name="PublishedAt">When the sequencer handed it to the broadcast hosts; null until then.</param>
[GenerateSerializer, Immutable, Alias("alerthub.NoticeEnvelope")]
public sealed record NoticeEnvelope(
    [property: Id(0)] string Prefecture,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Id,
    [property: Id(3)] int Revision,
    [property: Id(4)] string Category,
    [property: Id(5)] string Status,
    [property: Id(6)] string Issuer,
    [property: Id(7)] string Headline,
    [property: Id(8)] int? Level,
    [property: Id(9)] IReadOnlyList<NoticeArea> Areas,
    [property: Id(10)] int? Households,
    [property: Id(11)] int? Persons,
    [property: Id(12)] IReadOnlyList<string> AffectedMunicipalities,
    [property: Id(13)] string SubmittedBy,
    [property: Id(14)] DateTimeOffset AcceptedAt,
    [property: Id(15)] DateTimeOffset? PublishedAt);
