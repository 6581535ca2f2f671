namespace Alert.Contracts.Notices;

/// <summary>The sequencer's receipt: the revision is journalled (fsynced) and will be delivered.</summary>
[GenerateSerializer, Immutable, Alias("alerthub.AcceptedNotice")]
public sealed record AcceptedNotice(
    [property: Id(0)] string Id,
    [property: Id(1)] int Revision,
    [property: Id(2)] string Prefecture,
    [property: Id(3)] long Sequence,
    [property: Id(4)] IReadOnlyList<string> AffectedMunicipalities,
    [property: Id(5)] DateTimeOffset AcceptedAt,
    [property: Id(6)] string Kind = NoticeKind.Issued,
    [property: Id(7)] IReadOnlyList<ItemChange>? Changes = null)
{
    public static AcceptedNotice From(NoticeEnvelope envelope) => new(
        envelope.Id, envelope.Revision, envelope.Prefecture, envelope.Sequence, envelope.AffectedMunicipalities, envelope.AcceptedAt,
        envelope.Kind, envelope.Changes);
}
