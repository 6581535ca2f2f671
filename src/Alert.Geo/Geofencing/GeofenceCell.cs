using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Geofencing;

/// <summary>
/// The devices of one grid cell in parallel arrays (cache-friendly to scan), with swap-removal by position.
/// </summary>
internal sealed class GeofenceCell
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, int> _position = [];
    private long[] _ids = new long[4];
    private double[] _latitudes = new double[4];
    private double[] _longitudes = new double[4];
    private double[] _radii = new double[4];
    private int _count;
    private int _withRadius;

    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    public void Upsert(long id, double latitude, double longitude, double radiusKm)
    {
        lock (_lock)
        {
            if (!_position.TryGetValue(id, out var at))
            {
                if (_count == _ids.Length)
                {
                    Grow();
                }

                at = _count++;
                _position[id] = at;
                _ids[at] = id;
            }
            else if (_radii[at] > 0)
            {
                _withRadius--;
            }

            _latitudes[at] = latitude;
            _longitudes[at] = longitude;
            _radii[at] = radiusKm;
            if (radiusKm > 0)
            {
                _withRadius++;
            }
        }
    }

    public void Remove(long id)
    {
        lock (_lock)
        {
            if (!_position.Remove(id, out var at))
            {
                return;
            }

            if (_radii[at] > 0)
            {
                _withRadius--;
            }

            var last = --_count;
            if (at != last)
            {
                _ids[at] = _ids[last];
                _latitudes[at] = _latitudes[last];
                _longitudes[at] = _longitudes[last];
                _radii[at] = _radii[last];
                _position[_ids[at]] = at;
            }
        }
    }

    public void Collect(CellRelation relation, IndexedPointInAreaLocator locator, Lazy<BorderDistance> border, List<long> found)
    {
        lock (_lock)
        {
            if (relation == CellRelation.Inside)
            {
                found.AddRange(_ids.AsSpan(0, _count));
                return;
            }

            if (relation == CellRelation.Outside && _withRadius == 0)
            {
                return;
            }

            for (var i = 0; i < _count; i++)
            {
                var point = new Coordinate(_longitudes[i], _latitudes[i]);
                if ((relation == CellRelation.Border && locator.Locate(point) != Location.Exterior)
                    || (_radii[i] > 0 && Reaches(point, _radii[i], locator, border.Value)))
                {
                    found.Add(_ids[i]);
                }
            }
        }
    }

    /// <summary>
    /// A device with a radius reaches the area when its centre is inside, or the nearest point of the area's border
    /// is within its radius (great-circle distance).
    /// </summary>
    private static bool Reaches(Coordinate centre, double radiusKm, IndexedPointInAreaLocator locator, BorderDistance border) =>
        locator.Locate(centre) != Location.Exterior || border.Within(centre, radiusKm);

    private void Grow()
    {
        var size = _ids.Length * 2;
        Array.Resize(ref _ids, size);
        Array.Resize(ref _latitudes, size);
        Array.Resize(ref _longitudes, size);
        Array.Resize(ref _radii, size);
    }
}
