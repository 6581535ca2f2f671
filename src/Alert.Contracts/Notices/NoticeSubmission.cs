namespace Alert.Contracts.Notices;

/// <summary>
/// A validated notice on its way to its prefecture's sequencer. Areas are already resolved to municipalities.
/// </summary>
/// <param name="SubmittedBy">The organisation whose key submitted it (an issuer or a prefecture on its behalf).</param>
[GenerateSerializer, Immutable, Alias("alerthub.NoticeSubmission")]
public sealed record NoticeSubmission(
    [property: Id(0)] string Prefecture,
    [property: Id(1)] string Category,
    [property: Id(2)] string Status,
    [property: Id(3)] string Issuer,
    [property: Id(4)] string Headline,
    [property: Id(5)] int? Level,
    [property: Id(6)] IReadOnlyList<NoticeArea> Areas,
    [property: Id(7)] int? Households,
    [property: Id(8)] int? Persons,
    [property: Id(9)] IReadOnlyList<string> AffectedMunicipalities,
    [property: Id(10)] string SubmittedBy);
