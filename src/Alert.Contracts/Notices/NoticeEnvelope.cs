namespace Alert.Contracts.Notices;

/// <summary>
/// One sequenced, immutable revision of a notice: what the journal stores and what every subscriber receives.
/// <see cref="Sequence"/> is gap-free and strictly increasing per prefecture; <see cref="Revision"/> per notice.
/// </summary>
/// <param name="Kind">issued, updated, corrected, lifted, cancelled or expired (<see cref="NoticeKind"/>).</param>
/// <param name="Changes">Per area, shelter or item: how it changed against the previous revision.</param>
/// <param name="AcceptedAt">When the sequencer accepted it; the journal was fsynced before any answer.</param>
/// <param name="Source">The issuer's document and the highest revision of it applied (L-Alert EDXL); null for the JSON door.</param>
/// <param name="PublishedAt">When the sequencer handed it to the broadcast hosts; null until then.</param>
[GenerateSerializer, Immutable, Alias("alerthub.NoticeEnvelope")]
public sealed record NoticeEnvelope(
    [property: Id(0)] string Prefecture,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Id,
    [property: Id(3)] int Revision,
    [property: Id(4)] string Kind,
    [property: Id(5)] string Category,
    [property: Id(6)] string Status,
    [property: Id(7)] string Issuer,
    [property: Id(8)] NoticeContent Content,
    [property: Id(9)] IReadOnlyList<string> AffectedMunicipalities,
    [property: Id(10)] IReadOnlyList<ItemChange> Changes,
    [property: Id(11)] Errata? Errata,
    [property: Id(12)] DateTimeOffset ValidUntil,
    [property: Id(13)] string SubmittedBy,
    [property: Id(14)] string SubmittedFrom,
    [property: Id(15)] DateTimeOffset AcceptedAt,
    [property: Id(16)] DateTimeOffset? PublishedAt,
    [property: Id(17)] long? EstimatedPopulation = null,
    [property: Id(18)] SourceDocument? Source = null)
{
    /// <summary>True when this revision ends the notice (lifted, cancelled or expired).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Ends => NoticeKind.Ends(Kind);
}
