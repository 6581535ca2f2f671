using Alert.Geo;
using BenchmarkDotNet.Attributes;

namespace Alert.Benchmarks;

/// <summary>
/// Point → municipality on the real boundaries for 10,000 population-weighted points: the production index
/// (STR-tree + prepared point locators) against the obvious baseline, a loop testing every ward-level polygon in turn,
/// and the production index on both cores (Parallel.For), which is how a host serves lookups.
/// </summary>
[MemoryDiagnoser]
public class LocatePointBenchmarks
{
    public const int Points = 10_000;
    private JapanGeography _geography = null!;
    private (double Lat, double Lon)[] _points = null!;

    [GlobalSetup]
    public void Setup()
    {
        _geography = BenchmarkData.Geography;
        _points = BenchmarkData.PopulationPoints(Points, seed: 42);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Points)]
    public int LinearScan()
    {
        var found = 0;
        foreach (var (lat, lon) in _points)
        {
            found += _geography.LocateByLinearScan(lat, lon) is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int Index()
    {
        var found = 0;
        foreach (var (lat, lon) in _points)
        {
            found += _geography.Locate(lat, lon).Municipality is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int IndexOnAllCores()
    {
        var found = 0;
        Parallel.For(0, Points, () => 0, (i, _, local) => local + (_geography.Locate(_points[i].Lat, _points[i].Lon).Municipality is null ? 0 : 1),
            local => Interlocked.Add(ref found, local));
        return found;
    }
}
