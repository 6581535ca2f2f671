using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Alert.Geo.Geofencing;

/// <summary>
/// Whether a point lies within a distance of an area's border, measured on a local tangent plane centred on the point
/// (equirectangular, km): for the ≤ 10 km radii devices may have, the error is below a few centimetres. Planar
/// distance in degrees would be wrong by up to a fifth at Japan's latitudes, and could miss the nearest edge.
/// </summary>
internal sealed class BorderDistance
{
    // Spherical, like every other distance in the product (GeodesicCircle, SphericalArea): one Earth model throughout.
    private const double KmPerDegreeLatitude = Math.PI * Measurement.SphericalArea.EarthRadiusKm / 180;
    private const double KmPerDegreeLongitudeAtEquator = KmPerDegreeLatitude;

    private readonly STRtree<(Coordinate A, Coordinate B)> _segments = new();

    public BorderDistance(Geometry area)
    {
        foreach (var ring in Enumerable.Range(0, area.NumGeometries).Select(area.GetGeometryN).SelectMany(Rings))
        {
            var points = ring.Coordinates;
            for (var i = 0; i < points.Length - 1; i++)
            {
                _segments.Insert(new Envelope(points[i], points[i + 1]), (points[i], points[i + 1]));
            }
        }

        _segments.Build();
    }

    public bool Within(Coordinate centre, double radiusKm)
    {
        var kmPerDegreeLongitude = KmPerDegreeLongitudeAtEquator * Math.Cos(centre.Y * Math.PI / 180);
        var reach = new Envelope(centre);
        reach.ExpandBy(radiusKm / kmPerDegreeLongitude, radiusKm / KmPerDegreeLatitude);
        foreach (var (a, b) in _segments.Query(reach))
        {
            var ax = (a.X - centre.X) * kmPerDegreeLongitude;
            var ay = (a.Y - centre.Y) * KmPerDegreeLatitude;
            var bx = (b.X - centre.X) * kmPerDegreeLongitude;
            var by = (b.Y - centre.Y) * KmPerDegreeLatitude;
            if (DistanceFromOrigin(ax, ay, bx, by) <= radiusKm)
            {
                return true;
            }
        }

        return false;
    }

    private static double DistanceFromOrigin(double ax, double ay, double bx, double by)
    {
        var dx = bx - ax;
        var dy = by - ay;
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1);
        var x = ax + (t * dx);
        var y = ay + (t * dy);
        return Math.Sqrt((x * x) + (y * y));
    }

    private static IEnumerable<LineString> Rings(Geometry geometry) =>
        geometry is Polygon polygon ? [polygon.ExteriorRing, .. polygon.InteriorRings] : [];
}
