using NetTopologySuite.Geometries;

namespace Alert.Geo.Measurement;

/// <summary>
/// A geodesic circle (CAP <c>circle</c>: centre and radius in km) as a polygon that contains it: vertices are placed on a
/// slightly larger circle (radius / cos(π/n)) so every chord lies outside the true circle and coverage never shrinks.
/// </summary>
public static class GeodesicCircle
{
    public const int Segments = 64;

    public static Polygon Create(GeometryFactory factory, double latitude, double longitude, double radiusKm)
    {
        ArgumentNullException.ThrowIfNull(factory);
        // The circumscribed polygon only touches the circle at its edges' midpoints; the lon/lat plane is not exactly
        // the sphere, so keep a margin of 1e-4 of the radius (10 cm per km) to stay outside it everywhere.
        var outer = radiusKm / Math.Cos(Math.PI / Segments) * 1.0001;
        var coordinates = new Coordinate[Segments + 1];
        for (var i = 0; i < Segments; i++)
        {
            coordinates[i] = Destination(latitude, longitude, 360.0 * i / Segments, outer);
        }

        coordinates[Segments] = coordinates[0].Copy();
        return factory.CreatePolygon(coordinates);
    }

    /// <summary>The point at a distance and initial bearing from a start point on the sphere.</summary>
    public static Coordinate Destination(double latitude, double longitude, double bearingDegrees, double distanceKm)
    {
        var δ = distanceKm / SphericalArea.EarthRadiusKm;
        var θ = bearingDegrees * Math.PI / 180;
        var φ1 = latitude * Math.PI / 180;
        var λ1 = longitude * Math.PI / 180;
        var φ2 = Math.Asin((Math.Sin(φ1) * Math.Cos(δ)) + (Math.Cos(φ1) * Math.Sin(δ) * Math.Cos(θ)));
        var λ2 = λ1 + Math.Atan2(Math.Sin(θ) * Math.Sin(δ) * Math.Cos(φ1), Math.Cos(δ) - (Math.Sin(φ1) * Math.Sin(φ2)));
        return new Coordinate(λ2 * 180 / Math.PI, φ2 * 180 / Math.PI);
    }

    /// <summary>Great-circle distance in km (haversine).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var φ1 = lat1 * Math.PI / 180;
        var φ2 = lat2 * Math.PI / 180;
        var dφ = φ2 - φ1;
        var dλ = (lon2 - lon1) * Math.PI / 180;
        var a = (Math.Sin(dφ / 2) * Math.Sin(dφ / 2)) + (Math.Cos(φ1) * Math.Cos(φ2) * Math.Sin(dλ / 2) * Math.Sin(dλ / 2));
        return 2 * SphericalArea.EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
