using Alert.Geo;
using Alert.Geo.Matching;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Alert.Benchmarks;

/// <summary>
/// Polygon → municipalities with overlap, coverage and population, for alert polygons of 100 to 5,000 vertices.
/// Baseline: intersect the polygon with every ward-level area that its envelope meets, no prepared geometry, no
/// short-cuts. Production: <see cref="AreaMatcher"/>.
/// </summary>
[MemoryDiagnoser]
public class MatchPolygonBenchmarks
{
    private const int Polygons = 20;
    private JapanGeography _geography = null!;
    private AreaMatcher _matcher = null!;
    private Polygon[] _alerts = null!;

    [Params(100, 500, 2000, 5000)]
    public int Vertices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _geography = BenchmarkData.Geography;
        _matcher = new AreaMatcher(_geography);
        var random = new Random(Vertices);
        _alerts = [.. Enumerable.Range(0, Polygons).Select(_ => BenchmarkData.AlertPolygon(Vertices, random))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Polygons)]
    public double Overlay()
    {
        var total = 0.0;
        foreach (var alert in _alerts)
        {
            foreach (var area in _geography.Dataset.WardLevel)
            {
                if (area.Geometry.EnvelopeInternal.Intersects(alert.EnvelopeInternal))
                {
                    var overlap = OverlayNGRobust.Overlay(area.Geometry, alert, SpatialFunction.Intersection);
                    total += Alert.Geo.Measurement.SphericalArea.SquareKilometres(overlap) / _geography.AreaKm2(area) * (area.Population ?? 0);
                }
            }
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Polygons)]
    public double Matcher()
    {
        var total = 0.0;
        foreach (var alert in _alerts)
        {
            total += _matcher.Match(alert).EstimatedPopulation;
        }

        return total;
    }
}
