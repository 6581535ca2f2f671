using System.Globalization;
using Alert.Geo.Measurement;
using NetTopologySuite.Geometries;

namespace Alert.Geo.GeoJson;

/// <summary>
/// CAP 1.2 area shapes: <c>polygon</c> as whitespace-separated "lat,lon" pairs (note: latitude first, the reverse of
/// GeoJSON), at least 4, first equal to last; <c>circle</c> as "lat,lon radius-km". Circles become polygons that
/// contain them (<see cref="GeodesicCircle"/>).
/// </summary>
public sealed class CapShapeReader(GeometryFactory factory)
{
    /// <summary>Largest circle radius accepted, in km.</summary>
    public const double MaxRadiusKm = 500;

    public Geometry? ReadPolygon(string text, string path, List<GeometryError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (pairs.Length > GeometryLimits.MaxPositions)
        {
            errors.Add(new GeometryError(path, "max-positions", $"頂点数が上限 {GeometryLimits.MaxPositions} を超えています。", $"The polygon has more than {GeometryLimits.MaxPositions} positions."));
            return null;
        }

        if (pairs.Length < 4)
        {
            errors.Add(new GeometryError(path, "ring-min-positions", "CAP の polygon には 4 点以上（始点と終点は同じ）が必要です。", "A CAP polygon needs at least 4 points (first equal to last)."));
            return null;
        }

        var coordinates = new Coordinate[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            if (ReadPoint(pairs[i], $"{path}[{i}]", errors) is not { } point)
            {
                return null;
            }

            coordinates[i] = point;
        }

        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            errors.Add(new GeometryError(path, "ring-closed", "CAP の polygon が閉じていません（始点と終点を同じ座標にしてください）。", "The CAP polygon is not closed: its first and last points must be equal."));
            return null;
        }

        var polygon = factory.CreatePolygon(coordinates);
        if (!polygon.Shell.IsCCW)
        {
            polygon = (Polygon)polygon.Reverse();
        }

        return SubmittedGeometryRules.Check(polygon, path, errors) ? polygon : null;
    }

    public Geometry? ReadCircle(string text, string path, List<GeometryError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || ReadPoint(parts[0], path, errors) is not { } centre)
        {
            if (parts.Length != 2)
            {
                errors.Add(new GeometryError(path, "cap-circle", "CAP の circle は「緯度,経度 半径km」です。", "A CAP circle is \"lat,lon radius-km\"."));
            }

            return null;
        }

        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius))
        {
            errors.Add(new GeometryError(path, "cap-circle", "CAP の circle の半径（km）が数値ではありません。", "The CAP circle's radius (km) is not a number."));
            return null;
        }

        return Circle(centre.Y, centre.X, radius, path, errors);
    }

    /// <summary>A circle given as numbers (centre and radius in km).</summary>
    public Geometry? Circle(double latitude, double longitude, double radiusKm, string path, List<GeometryError> errors)
    {
        if (!double.IsFinite(radiusKm) || radiusKm <= 0 || radiusKm > MaxRadiusKm)
        {
            errors.Add(new GeometryError(path, "circle-radius", $"半径は 0 より大きく {MaxRadiusKm} km 以下にしてください。", $"The radius must be more than 0 and at most {MaxRadiusKm} km."));
            return null;
        }

        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            errors.Add(new GeometryError(path, "wgs84-range", "中心の緯度・経度が範囲外です。", "The centre's latitude or longitude is out of range."));
            return null;
        }

        var circle = GeodesicCircle.Create(factory, latitude, longitude, radiusKm);
        return SubmittedGeometryRules.Check(circle, path, errors) ? circle : null;
    }

    private static Coordinate? ReadPoint(string pair, string path, List<GeometryError> errors)
    {
        var comma = pair.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0
            || !double.TryParse(pair.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(pair.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.IsFinite(lat) || !double.IsFinite(lon))
        {
            errors.Add(new GeometryError(path, "cap-point", $"「{Truncate(pair)}」は「緯度,経度」の数値ではありません。", $"'{Truncate(pair)}' is not a \"lat,lon\" pair of finite numbers."));
            return null;
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            errors.Add(GeometryLimits.JapanExtent.Contains(lat, lon)
                ? new GeometryError(path, "coordinates-swapped", "緯度と経度が逆になっているようです。CAP の座標は「緯度,経度」の順です。", "Latitude and longitude appear to be swapped; CAP points are \"lat,lon\".")
                : new GeometryError(path, "wgs84-range", "緯度は -90〜90、経度は -180〜180 の範囲です。", "Latitude must be within -90..90 and longitude within -180..180."));
            return null;
        }

        return new Coordinate(lon, lat);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
