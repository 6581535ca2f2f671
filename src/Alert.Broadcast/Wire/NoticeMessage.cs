using System.Runtime.Serialization;
using Alert.Contracts.Notices;

namespace Alert.Broadcast.Wire;

/// <summary>
/// The envelope as subscribers receive it (hub method <c>notice</c>, feeds and reads). Names are camelCase in JSON
/// and MessagePack alike; an area's geometry is a GeoJSON object in JSON and GeoJSON text in MessagePack. Only the
/// part for the notice's category is filled (areas, shelters, headquarters, damage or information).
/// </summary>
[DataContract]
public sealed record NoticeMessage(
    [property: DataMember(Name = "prefecture")] string Prefecture,
    [property: DataMember(Name = "sequence")] long Sequence,
    [property: DataMember(Name = "id")] string Id,
    [property: DataMember(Name = "revision")] int Revision,
    [property: DataMember(Name = "kind")] string Kind,
    [property: DataMember(Name = "category")] string Category,
    [property: DataMember(Name = "status")] string Status,
    [property: DataMember(Name = "issuer")] string Issuer,
    [property: DataMember(Name = "submittedBy")] string SubmittedBy,
    [property: DataMember(Name = "headline")] string Headline,
    [property: DataMember(Name = "disaster")] string? Disaster,
    [property: DataMember(Name = "hazard")] string? Hazard,
    [property: DataMember(Name = "level")] int? Level,
    [property: DataMember(Name = "areas")] IReadOnlyList<NoticeArea> Areas,
    [property: DataMember(Name = "households")] int? Households,
    [property: DataMember(Name = "persons")] int? Persons,
    [property: DataMember(Name = "shelters")] IReadOnlyList<Shelter> Shelters,
    [property: DataMember(Name = "headquarters")] HeadquartersStatus? Headquarters,
    [property: DataMember(Name = "damage")] DamageReport? Damage,
    [property: DataMember(Name = "information")] Information? Information,
    [property: DataMember(Name = "affectedMunicipalities")] IReadOnlyList<string> AffectedMunicipalities,
    [property: DataMember(Name = "estimatedPopulation")] long? EstimatedPopulation,
    [property: DataMember(Name = "changes")] IReadOnlyList<ItemChange> Changes,
    [property: DataMember(Name = "errata")] Errata? Errata,
    [property: DataMember(Name = "validUntil")] DateTimeOffset ValidUntil,
    [property: DataMember(Name = "acceptedAt")] DateTimeOffset AcceptedAt,
    [property: DataMember(Name = "publishedAt")] DateTimeOffset? PublishedAt)
{
    public static NoticeMessage From(NoticeEnvelope e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var c = e.Content;
        return new(
            e.Prefecture, e.Sequence, e.Id, e.Revision, e.Kind, e.Category, e.Status, e.Issuer, e.SubmittedBy,
            c.Headline, c.Disaster, c.Hazard, c.Level, c.Areas, c.Households, c.Persons, c.Shelters, c.Headquarters, c.Damage, c.Information,
            e.AffectedMunicipalities, e.EstimatedPopulation, e.Changes, e.Errata, e.ValidUntil, e.AcceptedAt, e.PublishedAt);
    }
}
