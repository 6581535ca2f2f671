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
        foreach (var vertices in new[] { 100, 500, 2000, 5000 })
        {
            var warmUp = new Random(vertices * 3);
            foreach (var warm in Enumerable.Range(0, 1000).Select(_ => BenchmarkData.AlertPolygon(vertices, warmUp)))
            {
                matcher.Match(warm);
            }

            var random = new Random(vertices * 7);
            var polygons = Enumerable.Range(0, 500).Select(_ => BenchmarkData.AlertPolygon(vertices, random)).ToList();
            var timings = polygons.Select(p => Time(() => matcher.Match(p))).ToList();
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
