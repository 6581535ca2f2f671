using System.Text.Json.Serialization;
using Alert.Contracts.Serialization;

namespace Alert.Contracts.Notices;

/// <summary>
/// One area a notice applies to: a municipality (5-digit code), a free-text sub-municipal name such as a 町丁目,
/// and optionally the issuer's own polygon as GeoJSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("alerthub.NoticeArea")]
public sealed record NoticeArea(
    [property: Id(0)] string? Municipality,
    [property: Id(1)] string? Name,
    [property: Id(2), JsonConverter(typeof(RawJsonConverter))] string? Geometry);
