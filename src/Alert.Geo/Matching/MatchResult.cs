namespace Alert.Geo.Matching;

/// <summary>
/// Who an alert area reaches: municipalities (designated cities as a whole), designated-city wards and prefectures,
/// each ordered by overlap (largest first), with the area-weighted population estimate.
/// </summary>
public sealed record MatchResult(
    double AlertAreaKm2,
    IReadOnlyList<AreaOverlap> Municipalities,
    IReadOnlyList<AreaOverlap> Wards,
    IReadOnlyList<AreaOverlap> Prefectures,
    double EstimatedPopulation,
    IReadOnlyList<MatchWarning> Warnings);
