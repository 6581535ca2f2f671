namespace Alert.Contracts.Notices;

/// <summary>
/// A validated revision on its way to its prefecture's sequencer: areas resolved to municipalities, scope checked.
/// </summary>
/// <param name="Issuer">The municipality (or prefecture) the notice is from (情報発信者).</param>
/// <param name="SubmittedBy">The organisation whose key submitted it: the issuer, or its prefecture on its behalf (代行入力).</param>
/// <param name="SubmittedFrom">The client address it came from, kept for the audit history.</param>
/// <param name="ValidUntil">When it stops being in force; null takes the category's default.</param>
/// <param name="ErrataReason">Set for a correction (訂正).</param>
/// <param name="Source">The issuer's document and revision this came from, where its format numbers them.</param>
/// <param name="EstimatedPopulation">People under the notice's areas, from the 2020 census (area-weighted for shapes).</param>
[GenerateSerializer, Immutable, Alias("alerthub.NoticeSubmission")]
public sealed record NoticeSubmission(
    [property: Id(0)] string Prefecture,
    [property: Id(1)] string Category,
    [property: Id(2)] string Status,
    [property: Id(3)] string Issuer,
    [property: Id(4)] NoticeContent Content,
    [property: Id(5)] IReadOnlyList<string> AffectedMunicipalities,
    [property: Id(6)] string SubmittedBy,
    [property: Id(7)] string SubmittedFrom,
    [property: Id(8)] DateTimeOffset? ValidUntil,
    [property: Id(9)] string? ErrataReason,
    [property: Id(10)] long? EstimatedPopulation = null,
    [property: Id(11)] SourceDocument? Source = null);
