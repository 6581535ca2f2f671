using NetTopologySuite.Geometries;

namespace Alert.Geo.Measurement;

/// <summary>
/// Areas of lon/lat polygons on the sphere (R = 6,371.0088 km, the mean Earth radius), by the line-integral formula of
/// Chamberlain and Duquette (2007). Accurate to well under 0.5% against the ellipsoid at Japan's latitudes, which is
/// far inside what the 1%-simplified boundaries allow; ratios of areas are what matter here.
/// </summary>
public static class SphericalArea
{
    public const double EarthRadiusKm = 6371.0088;

    public static double SquareKilometres(Geometry geometry) => geometry switch
    {
        Polygon polygon => PolygonArea(polygon),
        GeometryCollection collection => collection.Geometries.Sum(SquareKilometres),
        _ => 0,
    };

    private static double PolygonArea(Polygon polygon)
    {
        var area = Math.Abs(RingArea(polygon.ExteriorRing.CoordinateSequence));
        foreach (var hole in polygon.InteriorRings)
        {
            area -= Math.Abs(RingArea(hole.CoordinateSequence));
        }

        return Math.Max(0, area);
    }

    private static double RingArea(CoordinateSequence ring)
    {
        var sum = 0.0;
        var count = ring.Count;
        for (var i = 0; i < count - 1; i++)
        {
            var lon1 = ToRadians(ring.GetX(i));
            var lon2 = ToRadians(ring.GetX(i + 1));
            var lat1 = ToRadians(ring.GetY(i));
            var lat2 = ToRadians(ring.GetY(i + 1));
            sum += (lon2 - lon1) * (2 + Math.Sin(lat1) + Math.Sin(lat2));
        }

        return sum * EarthRadiusKm * EarthRadiusKm / 2;
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
