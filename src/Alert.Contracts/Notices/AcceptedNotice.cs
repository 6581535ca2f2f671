namespace Alert.Contracts.Notices;

/// <summary>The sequencer's receipt: the notice is journalled (fsynced) and will be delivered.</summary>
[GenerateSerializer, Immutable, Alias("alerthub.AcceptedNotice")]
public sealed record AcceptedNotice(
    [property: Id(0)] string Id,
    [property: Id(1)] int Revision,
    [property: Id(2)] string Prefecture,
    [property: Id(3)] long Sequence,
    [property: Id(4)] IReadOnlyList<string> AffectedMunicipalities,
    [property: Id(5)] DateTimeOffset AcceptedAt);
