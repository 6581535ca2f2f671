using System.Collections.Concurrent;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Alert.Geo.Geofencing;

/// <summary>
/// Where subscribed devices are: points, optionally with a small radius. For an alert area it answers exactly which
/// subscribers are inside — a point when the area covers it (its border included), a circle when it reaches the area.
/// Devices live in a grid of 0.02° cells (about 2 km): cells wholly inside the area are taken whole, cells the border
/// crosses are tested point by point, so a query costs the border, not the crowd. Adds, moves and removals may run
/// while queries do; each cell has its own lock and nothing global is ever locked for long.
/// </summary>
public sealed class GeofenceIndex
{
    public const double CellDegrees = 0.02;

    /// <summary>Largest radius a device may register, in km.</summary>
    public const double MaxRadiusKm = 10;

    private readonly ConcurrentDictionary<long, GeofenceCell> _cells = new();
    private readonly ConcurrentDictionary<long, long> _cellOf = new();
    private readonly GeometryFactory _factory;

    public GeofenceIndex(GeometryFactory factory) => _factory = factory;

    public int Count => _cellOf.Count;

    /// <summary>Adds a device or moves it.</summary>
    public void Upsert(long id, double latitude, double longitude, double radiusKm = 0)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), "Latitude and longitude must be finite WGS84 values.");
        }

        if (!double.IsFinite(radiusKm) || radiusKm is < 0 or > MaxRadiusKm)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), $"The radius must be from 0 to {MaxRadiusKm} km.");
        }

        var key = CellKey(Column(longitude), Row(latitude));
        if (_cellOf.TryGetValue(id, out var previous) && previous != key)
        {
            _cells[previous].Remove(id);
        }

        _cells.GetOrAdd(key, static _ => new GeofenceCell()).Upsert(id, latitude, longitude, radiusKm);
        _cellOf[id] = key;
    }

    public bool Remove(long id)
    {
        if (!_cellOf.TryRemove(id, out var key))
        {
            return false;
        }

        _cells[key].Remove(id);
        return true;
    }

    /// <summary>Every device inside (or, for a device with a radius, reaching) the alert area.</summary>
    public List<long> Inside(Geometry alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var prepared = PreparedGeometryFactory.Prepare(alert);
        var locator = new IndexedPointInAreaLocator(alert);
        var border = new Lazy<BorderDistance>(() => new BorderDistance(alert));
        var envelope = alert.EnvelopeInternal;

        // Circles reach out of their cell: widen the search by the largest radius any device may have.
        var reachLat = MaxRadiusKm / 110.0;
        var reachLon = MaxRadiusKm / (110.0 * Math.Cos(Math.Max(Math.Abs(envelope.MinY), Math.Abs(envelope.MaxY)) * Math.PI / 180));
        var found = new List<long>();
        for (var column = Column(envelope.MinX - reachLon); column <= Column(envelope.MaxX + reachLon); column++)
        {
            for (var row = Row(envelope.MinY - reachLat); row <= Row(envelope.MaxY + reachLat); row++)
            {
                if (!_cells.TryGetValue(CellKey(column, row), out var cell) || cell.IsEmpty)
                {
                    continue;
                }

                var bounds = new Envelope(column * CellDegrees, (column + 1) * CellDegrees, row * CellDegrees, (row + 1) * CellDegrees);
                var inside = bounds.Intersects(envelope) ? Relation(prepared, bounds) : CellRelation.Outside;
                cell.Collect(inside, locator, border, found);
            }
        }

        return found;
    }

    private CellRelation Relation(IPreparedGeometry alert, Envelope bounds)
    {
        var square = _factory.ToGeometry(bounds);
        return alert.Covers(square) ? CellRelation.Inside : alert.Intersects(square) ? CellRelation.Border : CellRelation.Outside;
    }

    private static int Column(double longitude) => (int)Math.Floor(longitude / CellDegrees);

    private static int Row(double latitude) => (int)Math.Floor(latitude / CellDegrees);

    private static long CellKey(int column, int row) => ((long)column << 32) | (uint)row;
}
