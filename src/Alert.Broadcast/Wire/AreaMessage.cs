using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using Alert.Contracts.Notices;
using Alert.Contracts.Serialization;

namespace Alert.Broadcast.Wire;

/// <summary>One area of a notice as subscribers receive it: code, name and the issuer's geometry where given.</summary>
[DataContract]
public sealed record AreaMessage(
    [property: DataMember(Name = "municipality")] string? Municipality,
    [property: DataMember(Name = "name")] string? Name,
    [property: DataMember(Name = "geometry"), JsonConverter(typeof(RawJsonConverter))] string? Geometry)
{
    public static AreaMessage From(NoticeArea area) => new(area.Municipality, area.Name, area.Geometry);
}
