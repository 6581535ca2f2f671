using Alert.Geo;
using Alert.Geo.Boundaries;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Alert.Benchmarks;

/// <summary>
/// Deterministic, realistic inputs: points where people live (population-weighted, inside real municipalities) and
/// alert polygons of a chosen vertex count drawn around towns.
/// </summary>
internal static class BenchmarkData
{
    private static readonly Lazy<JapanGeography> Shared = new(JapanGeography.LoadEmbedded);

    public static JapanGeography Geography => Shared.Value;

    /// <summary>Points inside ward-level areas, as many per area as its share of the population.</summary>
    public static (double Lat, double Lon)[] PopulationPoints(int count, int seed)
    {
        var random = new Random(seed);
        var areas = Geography.Dataset.WardLevel.Where(a => a.Kind != AreaKind.DesignatedCity && a.Population > 0).ToList();
        var total = areas.Sum(a => (double)a.Population!.Value);
        var points = new List<(double, double)>(count);
        foreach (var area in areas)
        {
            var wanted = (int)Math.Round(count * area.Population!.Value / total);
            var locator = new IndexedPointInAreaLocator(area.Geometry);
            var box = area.Geometry.EnvelopeInternal;
            for (var placed = 0; placed < wanted;)
            {
                var point = new Coordinate(box.MinX + (random.NextDouble() * box.Width), box.MinY + (random.NextDouble() * box.Height));
                if (locator.Locate(point) == Location.Interior)
                {
                    points.Add((point.Y, point.X));
                    placed++;
                }
            }
        }

        while (points.Count < count)
        {
            points.Add(points[random.Next(points.Count)]);
        }

        return [.. points.Take(count).OrderBy(_ => random.Next())];
    }

    /// <summary>
    /// A star-shaped alert polygon of <paramref name="vertices"/> vertices and a few kilometres across, around an
    /// interior point of a random municipality: the shape of a hand-drawn or model-derived warning area.
    /// </summary>
    public static Polygon AlertPolygon(int vertices, Random random)
    {
        var areas = Geography.Dataset.WardLevel;
        var centre = areas[random.Next(areas.Count)].Geometry.InteriorPoint.Coordinate;
        var radiusKm = 2 + (random.NextDouble() * 8);
        var ring = new Coordinate[vertices + 1];
        var wobble = 1.0;
        for (var i = 0; i < vertices; i++)
        {
            wobble = Math.Clamp(wobble + ((random.NextDouble() - 0.5) * 0.08), 0.6, 1.4);
            ring[i] = Alert.Geo.Measurement.GeodesicCircle.Destination(centre.Y, centre.X, 360.0 * i / vertices, radiusKm * wobble);
        }

        ring[vertices] = ring[0].Copy();
        return Geography.Factory.CreatePolygon(ring);
    }
}
