using Alert.Geo.GeoJson;
using Alert.Geo.Measurement;
using CsCheck;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Tests.GeoJson;

public sealed class CapShapeReaderTests
{
    private static readonly GeometryFactory Factory = JapanGeography.CreateFactory();
    private static readonly CapShapeReader Reader = new(Factory);

    [Fact]
    public void Reads_a_cap_polygon_in_lat_lon_order()
    {
        var errors = new List<GeometryError>();

        var polygon = Reader.ReadPolygon("35.679,139.765 35.679,139.769 35.683,139.769 35.683,139.765 35.679,139.765", "polygon", errors);

        Assert.Empty(errors);
        Assert.Equal(139.765, polygon!.EnvelopeInternal.MinX, 9);
        Assert.Equal(35.679, polygon.EnvelopeInternal.MinY, 9);
        Assert.True(((Polygon)polygon).Shell.IsCCW);
    }

    [Theory]
    [InlineData("35.679,139.765 35.679,139.769 35.683,139.769 35.683,139.765", "ring-closed")]
    [InlineData("35.679,139.765 35.679,139.769 35.679,139.765", "ring-min-positions")]
    [InlineData("139.765,35.679 139.769,35.679 139.769,35.683 139.765,35.679", "coordinates-swapped")]
    [InlineData("35.679,139.765 NaN,139.769 35.683,139.769 35.679,139.765", "cap-point")]
    [InlineData("35.679,139.765 Infinity,139.769 35.683,139.769 35.679,139.765", "cap-point")]
    [InlineData("35.679;139.765 35.679,139.769 35.683,139.769 35.679,139.765", "cap-point")]
    [InlineData("51.50,-0.12 51.50,-0.11 51.51,-0.11 51.50,-0.12", "within-japan")]
    [InlineData("35.68,139.76 35.69,139.77 35.68,139.77 35.69,139.76 35.68,139.76", "valid-polygon")]
    [InlineData("35.68,139.76 35.69,139.76 35.70,139.76 35.68,139.76", "valid-polygon")] // collapses to a line
    public void Refuses_broken_cap_polygons(string text, string rule)
    {
        var errors = new List<GeometryError>();

        Assert.Null(Reader.ReadPolygon(text, "polygon", errors));
        Assert.Equal(rule, Assert.Single(errors).Rule);
    }

    [Theory]
    [InlineData("35.68,139.76 0", "circle-radius")]
    [InlineData("35.68,139.76 -1", "circle-radius")]
    [InlineData("35.68,139.76 900", "circle-radius")]
    [InlineData("35.68,139.76", "cap-circle")]
    [InlineData("35.68,139.76 km", "cap-circle")]
    [InlineData("139.76,35.68 1", "coordinates-swapped")]
    public void Refuses_broken_cap_circles(string text, string rule)
    {
        var errors = new List<GeometryError>();

        Assert.Null(Reader.ReadCircle(text, "circle", errors));
        Assert.Equal(rule, Assert.Single(errors).Rule);
    }

    [Fact]
    public void A_circle_polygon_contains_the_whole_geodesic_circle_and_little_more()
    {
        Gen.Select(Gen.Double[24.5, 45.4], Gen.Double[123.0, 153.0], Gen.Double[0.05, 100.0]).Sample((lat, lon, radius) =>
        {
            var circle = GeodesicCircle.Create(Factory, lat, lon, radius);

            // Every point of the true circle (sampled between the vertices) lies inside the polygon.
            for (var bearing = 0.0; bearing < 360; bearing += 360.0 / (GeodesicCircle.Segments * 4))
            {
                var onCircle = GeodesicCircle.Destination(lat, lon, bearing, radius * 0.999999);
                Assert.True(circle.Covers(Factory.CreatePoint(onCircle)), $"bearing {bearing}");
            }

            var area = SphericalArea.SquareKilometres(circle);
            Assert.InRange(area / (Math.PI * radius * radius), 0.99, 1.01);
        }, iter: 200);
    }

    [Fact]
    public void Haversine_distance_matches_a_known_pair()
    {
        // Tokyo Station to Osaka Station: about 403 km.
        Assert.InRange(GeodesicCircle.DistanceKm(35.6812, 139.7671, 34.7025, 135.4959), 400, 406);
    }
}
