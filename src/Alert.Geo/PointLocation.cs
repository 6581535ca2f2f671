using Alert.Geo.Boundaries;

namespace Alert.Geo;

/// <summary>What contains a point: the prefecture, the municipality and, in a designated city, the ward.</summary>
public sealed record PointLocation(AdministrativeArea? Prefecture, AdministrativeArea? Municipality, AdministrativeArea? Ward);
