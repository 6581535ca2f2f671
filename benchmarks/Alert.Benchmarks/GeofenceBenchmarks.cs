using Alert.Geo.Geofencing;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Alert.Benchmarks;

/// <summary>
/// Which of 1,000,000 subscribed devices (population-weighted points across Japan) are inside a municipality-sized
/// alert area. Baseline: test every device with an indexed point locator. Production: <see cref="GeofenceIndex"/>.
/// </summary>
[MemoryDiagnoser]
public class GeofenceBenchmarks
{
    private const int Devices = 1_000_000;
    private (double Lat, double Lon)[] _devices = null!;
    private GeofenceIndex _index = null!;
    private Geometry _alert = null!;

    /// <summary>新宿区 (dense, 18 km²), 札幌市中央区 (a city ward), 浜松市 (1,558 km², large and sparse).</summary>
    [Params("13104", "01101", "22130")]
    public string Municipality { get; set; } = "13104";

    [GlobalSetup]
    public void Setup()
    {
        var geography = BenchmarkData.Geography;
        _devices = BenchmarkData.PopulationPoints(Devices, seed: 1);
        _index = new GeofenceIndex(geography.Factory);
        for (var i = 0; i < _devices.Length; i++)
        {
            _index.Upsert(i, _devices[i].Lat, _devices[i].Lon);
        }

        _alert = geography.FindMunicipality(Municipality)!.Geometry;
    }

    [Benchmark(Baseline = true)]
    public int ScanEveryDevice()
    {
        var locator = new IndexedPointInAreaLocator(_alert);
        var envelope = _alert.EnvelopeInternal;
        var found = 0;
        foreach (var (lat, lon) in _devices)
        {
            if (envelope.Contains(lon, lat) && locator.Locate(new Coordinate(lon, lat)) != Location.Exterior)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark]
    public int Index() => _index.Inside(_alert).Count;
}
