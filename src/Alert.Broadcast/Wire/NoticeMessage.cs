using System.Runtime.Serialization;
using Alert.Contracts.Notices;

namespace Alert.Broadcast.Wire;

/// <summary>
/// The envelope as subscribers receive it (hub method <c>notice</c>, feeds and reads). Names are camelCase in JSON
/// and MessagePack alike; in MessagePack an area's geometry is GeoJSON text, in JSON a GeoJSON object.
/// </summary>
[DataContract]
public sealed record NoticeMessage(
    [property: DataMember(Name = "prefecture")] string Prefecture,
    [property: DataMember(Name = "sequence")] long Sequence,
    [property: DataMember(Name = "id")] string Id,
    [property: DataMember(Name = "revision")] int Revision,
    [property: DataMember(Name = "category")] string Category,
    [property: DataMember(Name = "status")] string Status,
    [property: DataMember(Name = "issuer")] string Issuer,
    [property: DataMember(Name = "headline")] string Headline,
    [property: DataMember(Name = "level")] int? Level,
    [property: DataMember(Name = "areas")] IReadOnlyList<AreaMessage> Areas,
    [property: DataMember(Name = "households")] int? Households,
    [property: DataMember(Name = "persons")] int? Persons,
    [property: DataMember(Name = "affectedMunicipalities")] IReadOnlyList<string> AffectedMunicipalities,
    [property: DataMember(Name = "acceptedAt")] DateTimeOffset AcceptedAt,
    [property: DataMember(Name = "publishedAt")] DateTimeOffset? PublishedAt)
{
    public static NoticeMessage From(NoticeEnvelope e) => new(
        e.Prefecture, e.Sequence, e.Id, e.Revision, e.Category, e.Status, e.Issuer, e.Headline, e.Level,
        [.. e.Areas.Select(AreaMessage.From)], e.Households, e.Persons, e.AffectedMunicipalities, e.AcceptedAt, e.PublishedAt);
}
