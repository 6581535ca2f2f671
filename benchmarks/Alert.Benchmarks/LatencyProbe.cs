using System.Diagnostics;
using System.Globalization;
using Alert.Geo.Matching;

namespace Alert.Benchmarks;

/// <summary>
/// Tail latency of polygon matching, which BenchmarkDotNet's means hide: 500 different alert polygons per size, each
/// matched once, single-threaded, after 1,000 other polygons of the same size have warmed the process up as a running
/// service is (tiered JIT done; otherwise the first thousand calls run partly unoptimised code and dominate the tail).
/// Baseline in the same run: locating one point.
/// </summary>
internal static class LatencyProbe
{
    public static int Run()
    {
        var geography = BenchmarkData.Geography;
        var matcher = new AreaMatcher(geography);
        var points = BenchmarkData.PopulationPoints(10_000, seed: 5);

        // A running service did its full collections after loading the boundaries long ago; without settling the heap
        // here the first background collection lands inside whichever size happens to be timed then.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        foreach (var (lat, lon) in points.Take(2000))
        {
            geography.Locate(lat, lon);
        }

        var locate = points.Select(p => Time(() => geography.Locate(p.Lat, p.Lon))).ToList();
        Console.WriteLine($"AlertHub geo latency, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine();
        Console.WriteLine("| operation | count | p50 µs | p99 µs | max µs | p99 / locate p99 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var baseline = Percentile(locate, 0.99);
        Console.WriteLine(Row("locate a point (baseline)", locate, baseline));
        // Every size is warmed up before any is timed: tiered compilation and dynamic PGO settle on code paths that all
        // sizes share, and a service matches polygons of every size.
        var sizes = new[] { 100, 500, 2000, 5000 };
        foreach (var vertices in sizes)
        {
            var warmUp = new Random(vertices * 3);
            for (var i = 0; i < 1000; i++)
            {
                matcher.Match(BenchmarkData.AlertPolygon(vertices, warmUp));
            }
        }

        foreach (var vertices in sizes)
        {
            // Each polygon is made just before it is matched, as a request's polygon is parsed just before: made all up
            // front, 500 polygons of 5,000 vertices (100 MB) would be promoted by collections inside the timed calls.
            var random = new Random(vertices * 7);
            var timings = Enumerable.Range(0, 500).Select(_ => BenchmarkData.AlertPolygon(vertices, random)).Select(p => Time(() => matcher.Match(p))).ToList();
            Console.WriteLine(Row($"match a {vertices}-vertex polygon", timings, baseline));
        }

        return 0;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    private static string Row(string name, List<double> timings, double baseline) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {timings.Count} | {Percentile(timings, 0.5):F1} | {Percentile(timings, 0.99):F1} | {timings.Max():F1} | {Percentile(timings, 0.99) / baseline:F0} |");
}
