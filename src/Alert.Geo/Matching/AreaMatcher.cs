using System.Globalization;
using Alert.Geo.Boundaries;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Matching;

/// <summary>
/// Matches an alert area against the finest partition of Japan (municipalities with designated cities split into wards,
/// plus 所属未定地) in one pass, then rolls the overlaps up to cities and prefectures, so the three lists always agree.
/// Areas are spherical (km²); population is area-weighted from the 2020 census.
/// </summary>
public sealed class AreaMatcher(JapanGeography geography)
{
    /// <summary>Below this share of the alert area left unmatched, no "at sea" warning is raised (coastline simplification).</summary>
    public const double OutsideTolerance = 0.02;

    public MatchResult Match(Geometry alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var boundary = new BoundaryIntegral(alert);
        var alertKm2 = boundary.AreaKm2;
        if (alertKm2 <= 0)
        {
            return new MatchResult(0, [], [], [], 0, [new MatchWarning("empty-area", "対象範囲の面積が 0 です。", "The alert area has no area.")]);
        }

        var finest = geography.FinestIndex.Overlaps(alert, boundary).ToList();
        var unassigned = geography.UnassignedIndex.Overlaps(alert, boundary).ToList();

        var wards = new List<AreaOverlap>();
        var municipalities = new Dictionary<string, (double Overlap, double? Population)>(StringComparer.Ordinal);
        foreach (var (area, areaKm2, overlapKm2) in finest)
        {
            var coverage = Math.Min(1, overlapKm2 / areaKm2);
            var population = area.Population * coverage;
            if (area.Kind == AreaKind.DesignatedCityWard)
            {
                wards.Add(new AreaOverlap(area, overlapKm2, overlapKm2 / alertKm2, coverage, population));
            }

            var (sum, people) = municipalities.GetValueOrDefault(area.MunicipalityCode);
            municipalities[area.MunicipalityCode] = (sum + overlapKm2, people is null && population is null ? null : (people ?? 0) + (population ?? 0));
        }

        var cityOverlaps = municipalities.Select(m =>
        {
            var city = geography.FindMunicipality(m.Key)!;
            var cityKm2 = geography.AreaKm2(city);
            return new AreaOverlap(city, m.Value.Overlap, m.Value.Overlap / alertKm2, Math.Min(1, m.Value.Overlap / cityKm2), m.Value.Population);
        }).ToList();

        var prefectureOverlaps = cityOverlaps.Select(o => (o.Area.PrefectureCode, o.OverlapKm2, o.EstimatedPopulation ?? 0))
            .Concat(unassigned.Select(u => (u.Area.PrefectureCode, u.OverlapKm2, 0.0)))
            .GroupBy(x => x.PrefectureCode)
            .Select(g =>
            {
                var prefecture = geography.FindPrefecture(g.Key)!;
                var overlap = g.Sum(x => x.OverlapKm2);
                return new AreaOverlap(prefecture, overlap, overlap / alertKm2, Math.Min(1, overlap / geography.AreaKm2(prefecture)), g.Sum(x => x.Item3));
            }).ToList();

        var warnings = new List<MatchWarning>();
        var matched = prefectureOverlaps.Sum(p => p.OverlapKm2) / alertKm2;
        if (matched < 1 - OutsideTolerance)
        {
            var outside = ((1 - matched) * 100).ToString("0", CultureInfo.InvariantCulture);
            warnings.Add(new MatchWarning("outside-municipalities",
                $"対象範囲の約 {outside}% は海上または日本の市区町村の外です。", $"About {outside}% of the alert area lies at sea or outside Japan's municipalities."));
        }

        if (unassigned.Count > 0)
        {
            warnings.Add(new MatchWarning("unassigned-area",
                "対象範囲が所属未定地（どの市区町村にも属さない地域）にかかっています。", "The alert area reaches land that belongs to no municipality (所属未定地)."));
        }

        if (prefectureOverlaps.Count > 1)
        {
            warnings.Add(new MatchWarning("several-prefectures",
                $"対象範囲が {prefectureOverlaps.Count} 都道府県にまたがっています。", $"The alert area spans {prefectureOverlaps.Count} prefectures."));
        }

        return new MatchResult(
            alertKm2,
            [.. cityOverlaps.OrderByDescending(o => o.OverlapRatio).ThenBy(o => o.Area.Code, StringComparer.Ordinal)],
            [.. wards.OrderByDescending(o => o.OverlapRatio).ThenBy(o => o.Area.Code, StringComparer.Ordinal)],
            [.. prefectureOverlaps.OrderByDescending(o => o.OverlapRatio).ThenBy(o => o.Area.Code, StringComparer.Ordinal)],
            cityOverlaps.Sum(o => o.EstimatedPopulation ?? 0),
            warnings);
    }
}
