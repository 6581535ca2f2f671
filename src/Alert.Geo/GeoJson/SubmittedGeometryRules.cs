using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Alert.Geo.GeoJson;

/// <summary>
/// The rules every issuer geometry meets, whatever form it came in (GeoJSON, CAP polygon, circle).
/// Invalid polygons (self-intersections, overlapping rings) are refused, never silently repaired: a "repaired" bow-tie
/// can lose or gain whole neighbourhoods, and the issuer must see what will be sent. The error names the place.
/// </summary>
public static class SubmittedGeometryRules
{
    public static bool Check(Geometry geometry, string path, List<GeometryError> errors)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(errors);
        if (!GeometryLimits.JapanExtent.Contains(geometry.EnvelopeInternal))
        {
            errors.Add(new GeometryError(path, "within-japan", "座標が日本の範囲外です。", "The coordinates lie outside Japan's extent."));
            return false;
        }

        if (!geometry.IsValid)
        {
            var validity = new IsValidOp(geometry).ValidationError;
            var at = validity?.Coordinate is { } c ? $"{c.Y:0.######},{c.X:0.######}" : "?";
            errors.Add(new GeometryError(path, "valid-polygon",
                $"ポリゴンが不正です（{validity?.Message}、緯度経度 {at}）。自己交差や重なりのない形にしてください。",
                $"The polygon is invalid ({validity?.Message} at lat,lon {at}); it must not self-intersect or overlap itself."));
            return false;
        }

        if (geometry.Area <= 0)
        {
            errors.Add(new GeometryError(path, "non-zero-area", "ポリゴンの面積が 0 です（点や線になっています）。", "The polygon has no area (it collapses to a point or a line)."));
            return false;
        }

        return true;
    }
}
