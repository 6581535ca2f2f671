using Alert.Geo.Boundaries;

namespace Alert.Geo.Matching;

/// <summary>
/// How an alert area meets one administrative area.
/// </summary>
/// <param name="OverlapRatio">Share of the alert area inside this area.</param>
/// <param name="CoverageRatio">Share of this area covered by the alert.</param>
/// <param name="EstimatedPopulation">2020 population × coverage (area-weighted); null where the census has none.</param>
public sealed record AreaOverlap(
    AdministrativeArea Area, double OverlapKm2, double OverlapRatio, double CoverageRatio, double? EstimatedPopulation);
