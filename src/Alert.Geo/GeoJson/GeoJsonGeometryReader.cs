using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Alert.Geo.GeoJson;

/// <summary>
/// Reads GeoJSON Polygon and MultiPolygon geometries (RFC 7946, [lon, lat]) into NetTopologySuite geometries,
/// reporting every broken rule with its JSON path rather than throwing.
/// </summary>
public sealed class GeoJsonGeometryReader(GeometryFactory factory)
{
    /// <summary>Reads trusted data (the shipped boundaries): structure only, no limits.</summary>
    public Geometry ReadTrusted(JsonElement element)
    {
        var errors = new List<GeometryError>();
        var geometry = ReadStructure(element, "geometry", errors, int.MaxValue);
        return geometry ?? throw new InvalidDataException($"Invalid shipped geometry: {errors[0].MessageEn}");
    }

    /// <summary>
    /// Reads an issuer's geometry: structure, finite coordinates, closed rings, vertex cap, OGC validity and
    /// Japan's extent (with a hint when latitude and longitude look swapped).
    /// </summary>
    public Geometry? ReadSubmitted(JsonElement element, string path, List<GeometryError> errors)
    {
        var before = errors.Count;
        var geometry = ReadStructure(element, path, errors, GeometryLimits.MaxPositions);
        if (geometry is null || errors.Count > before)
        {
            return null;
        }

        return SubmittedGeometryRules.Check(geometry, path, errors) ? geometry : null;
    }

    private Geometry? ReadStructure(JsonElement element, string path, List<GeometryError> errors, int maxPositions)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new GeometryError(path, "geojson-object", "GeoJSON のジオメトリ（オブジェクト）が必要です。", "A GeoJSON geometry object is required."));
            return null;
        }

        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            errors.Add(new GeometryError($"{path}.type", "required", "type は必須です。", "type is required."));
            return null;
        }

        if (!element.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new GeometryError($"{path}.coordinates", "required", "coordinates（配列）は必須です。", "coordinates (an array) is required."));
            return null;
        }

        var budget = new PositionBudget(maxPositions);
        var coordinatesPath = $"{path}.coordinates";
        switch (type.GetString())
        {
            case "Polygon":
                return ReadPolygon(coordinates, coordinatesPath, errors, budget);
            case "MultiPolygon":
                var polygons = new List<Polygon>();
                var index = 0;
                foreach (var polygonElement in coordinates.EnumerateArray())
                {
                    var polygon = ReadPolygon(polygonElement, $"{coordinatesPath}[{index++}]", errors, budget);
                    if (polygon is null)
                    {
                        return null;
                    }

                    polygons.Add(polygon);
                }

                if (polygons.Count == 0)
                {
                    errors.Add(new GeometryError(coordinatesPath, "non-empty", "MultiPolygon にポリゴンがありません。", "The MultiPolygon has no polygons."));
                    return null;
                }

                return factory.CreateMultiPolygon([.. polygons]);
            default:
                errors.Add(new GeometryError($"{path}.type", "polygon-type",
                    $"type は Polygon または MultiPolygon にしてください（受信: {Truncate(type.GetString())}）。",
                    $"type must be Polygon or MultiPolygon (got: {Truncate(type.GetString())})."));
                return null;
        }
    }

    private Polygon? ReadPolygon(JsonElement element, string path, List<GeometryError> errors, PositionBudget budget)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            errors.Add(new GeometryError(path, "rings", "ポリゴンには外周リングが必要です。", "A polygon needs an exterior ring."));
            return null;
        }

        var rings = new List<LinearRing>();
        var index = 0;
        foreach (var ringElement in element.EnumerateArray())
        {
            var ring = ReadRing(ringElement, $"{path}[{index++}]", errors, budget);
            if (ring is null)
            {
                return null;
            }

            rings.Add(ring);
        }

        return factory.CreatePolygon(rings[0], [.. rings.Skip(1)]);
    }

    private LinearRing? ReadRing(JsonElement element, string path, List<GeometryError> errors, PositionBudget budget)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new GeometryError(path, "ring-array", "リングは座標の配列です。", "A ring is an array of positions."));
            return null;
        }

        var count = element.GetArrayLength();
        if (!budget.Take(count))
        {
            errors.Add(new GeometryError(path, "max-positions",
                $"頂点数が上限 {budget.Limit} を超えています。",
                $"The geometry has more than {budget.Limit} positions."));
            return null;
        }

        if (count < 4)
        {
            errors.Add(new GeometryError(path, "ring-min-positions", "リングには 4 点以上（始点と終点は同じ）が必要です。", "A ring needs at least 4 positions (first equal to last)."));
            return null;
        }

        var positions = new Coordinate[count];
        var index = 0;
        foreach (var position in element.EnumerateArray())
        {
            var positionPath = $"{path}[{index}]";
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3)
            {
                errors.Add(new GeometryError(positionPath, "position", "座標は [経度, 緯度] の数値配列です。", "A position is a [longitude, latitude] array of numbers."));
                return null;
            }

            if (!TryReadNumber(position[0], out var lon) || !TryReadNumber(position[1], out var lat))
            {
                errors.Add(new GeometryError(positionPath, "finite-number", "経度・緯度は有限の数値にしてください。", "Longitude and latitude must be finite numbers."));
                return null;
            }

            if (lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                // Japan's longitudes (122–154) are never valid latitudes, so [lat, lon] order always lands here.
                errors.Add(GeometryLimits.JapanExtent.Contains(lat, lon)
                    ? new GeometryError(positionPath, "coordinates-swapped",
                        "緯度と経度が逆になっているようです。GeoJSON の座標は [経度, 緯度] の順です。",
                        "Latitude and longitude appear to be swapped; GeoJSON positions are [longitude, latitude].")
                    : new GeometryError(positionPath, "wgs84-range", "経度は -180〜180、緯度は -90〜90 の範囲です。", "Longitude must be within -180..180 and latitude within -90..90."));
                return null;
            }

            positions[index++] = new Coordinate(lon, lat);
        }

        if (!positions[0].Equals2D(positions[^1]))
        {
            errors.Add(new GeometryError(path, "ring-closed", "リングが閉じていません（始点と終点を同じ座標にしてください）。", "The ring is not closed: its first and last positions must be equal."));
            return null;
        }

        return factory.CreateLinearRing(positions);
    }

    private static bool TryReadNumber(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    private static string Truncate(string? value) => value is null ? "null" : value.Length <= 40 ? value : value[..40] + "…";

    private sealed class PositionBudget(int limit)
    {
        private int _remaining = limit;

        public int Limit { get; } = limit;

        public bool Take(int count)
        {
            _remaining -= count;
            return _remaining >= 0;
        }
    }
}
