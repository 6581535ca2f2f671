using Alert.Geo;
using BenchmarkDotNet.Attributes;

namespace Alert.Benchmarks;

/// <summary>
/// Point → municipality on the real boundaries: the production index (STR-tree + prepared point locators) against
/// the obvious baseline, a loop testing every ward-level polygon in turn.
/// </summary>
[MemoryDiagnoser]
public class LocatePointBenchmarks
{
    private JapanGeography _geography = null!;
    private (double Lat, double Lon)[] _points = null!;

    [GlobalSetup]
    public void Setup()
    {
        _geography = JapanGeography.LoadEmbedded();
        // Points on land across the country: an interior point of every 10th municipality, fixed order.
        _points = [.. _geography.Dataset.WardLevel.Where((_, i) => i % 10 == 0)
            .Select(a => a.Geometry.InteriorPoint).Select(p => (p.Y, p.X))];
    }

    [Benchmark(Baseline = true)]
    public int LinearScan()
    {
        var found = 0;
        foreach (var (lat, lon) in _points)
        {
            found += _geography.LocateByLinearScan(lat, lon) is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark]
    public int Index()
    {
        var found = 0;
        foreach (var (lat, lon) in _points)
        {
            found += _geography.Locate(lat, lon).Municipality is null ? 0 : 1;
        }

        return found;
    }
}
