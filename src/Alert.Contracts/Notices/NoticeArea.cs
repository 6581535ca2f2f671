using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using Alert.Contracts.Serialization;

namespace Alert.Contracts.Notices;

/// <summary>
/// One area a notice applies to: a municipality (5-digit code), a free-text sub-municipal name such as a 町丁目, the
/// issuer's polygon as GeoJSON where given and, for evacuation, its level, state (issued 発令 / lifted 解除) and counts.
/// </summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.NoticeArea")]
public sealed record NoticeArea(
    [property: Id(0), DataMember(Name = "municipality")] string? Municipality,
    [property: Id(1), DataMember(Name = "name")] string? Name,
    [property: Id(2), DataMember(Name = "geometry"), JsonConverter(typeof(RawJsonConverter))] string? Geometry,
    [property: Id(3), DataMember(Name = "level")] int? Level = null,
    [property: Id(4), DataMember(Name = "state")] string? State = null,
    [property: Id(5), DataMember(Name = "households")] int? Households = null,
    [property: Id(6), DataMember(Name = "persons")] int? Persons = null)
{
    /// <summary>Identity of the area across revisions: its municipality and name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => $"{Municipality}/{Name}";
}

/// <summary>An evacuation area's state: 発令 (issued) or 解除 (lifted).</summary>
public static class AreaStates
{
    public const string Issued = "issued";
    public const string Lifted = "lifted";
}
