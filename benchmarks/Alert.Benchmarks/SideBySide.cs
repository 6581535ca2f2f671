using System.Diagnostics;
using System.Globalization;
using System.Text;
using Alert.Geo.Matching;
using NetTopologySuite.IO;

namespace Alert.Benchmarks;

/// <summary>
/// The AlertHub half of the PostGIS comparison (benchmarks/postgis/run.sh): exports the same boundaries, points and
/// polygons the database is loaded with, and times the same queries here. All files are CSV with a header.
/// </summary>
internal static class SideBySide
{
    public static int ExportPoints(string file, int count)
    {
        var lines = BenchmarkData.PopulationPoints(count, seed: 11).Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{i},{p.Lat:R},{p.Lon:R}"));
        File.WriteAllLines(file, ["id,lat,lon", .. lines]);
        return 0;
    }

    /// <summary>Ward-level areas as code, population and WKT (what PostGIS loads with ST_GeomFromText).</summary>
    public static int ExportAreas(string file)
    {
        var writer = new WKTWriter();
        var lines = BenchmarkData.Geography.Dataset.WardLevel.Select(a => $"{a.Code},{a.Population ?? 0},\"{writer.Write(a.Geometry)}\"");
        File.WriteAllLines(file, ["code,population,wkt", .. lines], new UTF8Encoding(false));
        return 0;
    }

    public static int ExportPolygons(string file, int vertices)
    {
        var random = new Random(vertices * 13);
        var writer = new WKTWriter();
        var lines = Enumerable.Range(0, 200).Select(i => $"{i},\"{writer.Write(BenchmarkData.AlertPolygon(vertices, random))}\"");
        File.WriteAllLines(file, ["id,wkt", .. lines]);
        return 0;
    }

    /// <summary>Locates every point of the file on all cores, five times, and prints the best rate (one pass is a fraction of a second, so single passes are noisy).</summary>
    public static int LocateFile(string file)
    {
        var geography = BenchmarkData.Geography;
        var points = File.ReadLines(file).Skip(1).Select(l => l.Split(',')).Select(p => (double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture))).ToArray();
        var best = double.MaxValue;
        var found = 0;
        for (var round = 0; round < 5; round++)
        {
            found = 0;
            var start = Stopwatch.GetTimestamp();
            Parallel.For(0, points.Length, () => 0, (i, _, local) => local + (geography.Locate(points[i].Item1, points[i].Item2).Municipality is null ? 0 : 1),
                local => Interlocked.Add(ref found, local));
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerthub locate: {points.Length} points, {found} in a municipality, {best:F3} s, {points.Length / best:F0} lookups/s"));
        return 0;
    }

    /// <summary>Matches every polygon of the file (single-threaded, like one PostGIS query at a time).</summary>
    public static int MatchFile(string file)
    {
        var geography = BenchmarkData.Geography;
        var matcher = new AreaMatcher(geography);
        var reader = new WKTReader(geography.Factory.GeometryServices);
        var polygons = File.ReadLines(file).Skip(1).Select(l => reader.Read(l[(l.IndexOf(',', StringComparison.Ordinal) + 2)..^1])).ToList();
        matcher.Match(polygons[0]);
        var start = Stopwatch.GetTimestamp();
        var matched = polygons.Sum(p => matcher.Match(p).Municipalities.Count);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerthub match: {polygons.Count} polygons, {matched} municipality rows, {seconds * 1000 / polygons.Count:F3} ms per polygon"));
        return 0;
    }
}
