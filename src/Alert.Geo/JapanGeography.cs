using Alert.Geo.Boundaries;
using Alert.Geo.Indexing;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace Alert.Geo;

/// <summary>
/// The product's view of Japan: find the prefecture, municipality and ward at a point, look areas up by code, and
/// find the municipalities an alert polygon reaches. Immutable and safe for concurrent use.
/// </summary>
public sealed class JapanGeography
{
    private readonly AreaIndex _wardLevelIndex;
    private readonly AreaIndex _unassignedIndex;
    private readonly Dictionary<string, AdministrativeArea> _byCode;
    private readonly Dictionary<string, AdministrativeArea> _prefectures;
    private readonly Dictionary<AdministrativeArea, double> _areasKm2 = new(ReferenceEqualityComparer.Instance);

    public JapanGeography(BoundaryDataset dataset)
    {
        Dataset = dataset;
        Factory = dataset.Prefectures[0].Geometry.Factory;
        _wardLevelIndex = new AreaIndex(dataset.WardLevel, forMatching: true);
        _unassignedIndex = new AreaIndex(dataset.Unassigned, forMatching: true);
        _byCode = new Dictionary<string, AdministrativeArea>(StringComparer.Ordinal);
        foreach (var area in dataset.Municipalities.Concat(dataset.WardLevel))
        {
            _byCode[area.Code] = area;
        }

        _prefectures = dataset.Prefectures.ToDictionary(p => p.Code, StringComparer.Ordinal);
        foreach (var area in dataset.Municipalities.Concat(dataset.WardLevel).Concat(dataset.Prefectures).Concat(dataset.Unassigned))
        {
            _areasKm2[area] = Measurement.SphericalArea.SquareKilometres(area.Geometry);
        }
    }

    /// <summary>The finest partition (designated cities split into wards): what alert areas are matched against.</summary>
    internal AreaIndex FinestIndex => _wardLevelIndex;

    internal AreaIndex UnassignedIndex => _unassignedIndex;

    /// <summary>Spherical area of a shipped area in km² (precomputed).</summary>
    public double AreaKm2(AdministrativeArea area) => _areasKm2[area];

    /// <summary>WGS84 (SRID 4326) factory all geometries of this product are built with.</summary>
    public static GeometryFactory CreateFactory() =>
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), 4326);

    public BoundaryDataset Dataset { get; }

    public GeometryFactory Factory { get; }

    /// <summary>Loads the embedded boundaries and builds the indexes.</summary>
    public static JapanGeography LoadEmbedded() => new(BoundaryDataset.LoadEmbedded(CreateFactory()));

    /// <summary>Finds what contains a WGS84 point; null fields where nothing does (sea, abroad).</summary>
    public PointLocation Locate(double latitude, double longitude)
    {
        var point = new Coordinate(longitude, latitude);
        if (_wardLevelIndex.FirstCovering(point) is { } hit)
        {
            var municipality = hit.Kind == AreaKind.DesignatedCityWard ? _byCode[hit.MunicipalityCode] : hit;
            var ward = hit.Kind == AreaKind.DesignatedCityWard ? hit : null;
            return new PointLocation(_prefectures[hit.PrefectureCode], municipality, ward);
        }

        return _unassignedIndex.FirstCovering(point) is { } unassigned
            ? new PointLocation(_prefectures[unassigned.PrefectureCode], null, null)
            : new PointLocation(null, null, null);
    }

    /// <summary>A municipality (designated cities as a whole) or a designated-city ward by 5-digit code.</summary>
    public AdministrativeArea? FindMunicipality(string code) => _byCode.GetValueOrDefault(code);

    public AdministrativeArea? FindPrefecture(string code) => _prefectures.GetValueOrDefault(code);

    /// <summary>Reference implementation for benchmarks and tests: test every ward-level area in turn.</summary>
    internal AdministrativeArea? LocateByLinearScan(double latitude, double longitude)
    {
        var point = Factory.CreatePoint(new Coordinate(longitude, latitude));
        return Dataset.WardLevel.FirstOrDefault(a => a.Geometry.Covers(point));
    }
}
