using Alert.Contracts.Notices;
using Alert.Ingress.Geography;

namespace Alert.Ingress.Notices;

/// <summary>A notice revision as the issuer sent it, every field type-checked but not yet resolved against the map.</summary>
internal sealed record NoticeRequest(
    string Category,
    string Status,
    string Issuer,
    string Headline,
    string? Disaster,
    string? Hazard,
    int? Level,
    IReadOnlyList<AreaRequest> Areas,
    int? Households,
    int? Persons,
    IReadOnlyList<ShelterRequest> Shelters,
    HeadquartersStatus? Headquarters,
    DamageReport? Damage,
    Information? Information,
    DateTimeOffset? ValidUntil,
    string? ErrataReason);

/// <summary>One requested area: a municipality code and/or GeoJSON geometry, a name, and evacuation details.</summary>
internal sealed record AreaRequest(
    string Path, string? Municipality, string? Name, ShapeInput Shape, int? Level, string State, int? Households, int? Persons);

/// <summary>One requested shelter, its municipality not yet checked.</summary>
internal sealed record ShelterRequest(string Path, string Municipality, Shelter Shelter);
