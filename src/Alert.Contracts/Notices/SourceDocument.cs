using System.Runtime.Serialization;

namespace Alert.Contracts.Notices;

/// <summary>
/// The issuer's own document a revision came from, where its format numbers revisions (L-Alert EDXL: documentID and
/// documentRevision; JMA: the series and its report time and serial). The hub accepts only a higher revision of the same document, so a re-send or a late, older
/// revision (issuers post to two nodes and retry) never overwrites a newer one.
/// </summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.SourceDocument")]
public sealed record SourceDocument(
    [property: Id(0), DataMember(Name = "format")] string Format,
    [property: Id(1), DataMember(Name = "id")] string Id,
    [property: Id(2), DataMember(Name = "revision")] long Revision);
