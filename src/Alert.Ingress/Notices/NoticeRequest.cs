using System.Text.Json;

namespace Alert.Ingress.Notices;

/// <summary>A notice as the issuer sent it, every field type-checked but not yet resolved against the map.</summary>
internal sealed record NoticeRequest(
    string Category,
    string Status,
    string Issuer,
    string Headline,
    int? Level,
    IReadOnlyList<AreaRequest> Areas,
    int? Households,
    int? Persons);

/// <summary>One requested area: a municipality code, a free-text name, and/or a GeoJSON geometry.</summary>
internal sealed record AreaRequest(int Index, string? Municipality, string? Name, JsonElement? Geometry);
