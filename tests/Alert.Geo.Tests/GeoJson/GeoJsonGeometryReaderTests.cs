using System.Text.Json;
using Alert.Geo.GeoJson;
using CsCheck;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Tests.GeoJson;

public sealed class GeoJsonGeometryReaderTests
{
    private static readonly GeoJsonGeometryReader Reader = new(JapanGeography.CreateFactory());

    private static (Geometry? Geometry, List<GeometryError> Errors) Read(string json)
    {
        var errors = new List<GeometryError>();
        using var document = JsonDocument.Parse(json);
        var geometry = Reader.ReadSubmitted(document.RootElement, "geometry", errors);
        return (geometry, errors);
    }

    [Fact]
    public void Reads_a_polygon_in_lon_lat_order()
    {
        var (geometry, errors) = Read("""{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.69],[139.76,35.68]]]}""");

        Assert.Empty(errors);
        Assert.Equal(139.76, geometry!.EnvelopeInternal.MinX, 6);
        Assert.Equal(35.68, geometry.EnvelopeInternal.MinY, 6);
    }

    [Fact]
    public void Reads_a_multipolygon()
    {
        var (geometry, errors) = Read("""{"type":"MultiPolygon","coordinates":[[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.68]]],[[[139.80,35.68],[139.81,35.68],[139.81,35.69],[139.80,35.68]]]]}""");

        Assert.Empty(errors);
        Assert.Equal(2, geometry!.NumGeometries);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.69]]]}""", "ring-closed", "geometry.coordinates[0]")]
    [InlineData("""{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.76,35.68]]]}""", "ring-min-positions", "geometry.coordinates[0]")]
    [InlineData("""{"type":"Point","coordinates":[139.76,35.68]}""", "polygon-type", "geometry.type")]
    [InlineData("""{"type":"Polygon"}""", "required", "geometry.coordinates")]
    [InlineData("""{"type":"Polygon","coordinates":[[[139.76,"35.68"],[139.77,35.68],[139.77,35.69],[139.76,35.68]]]}""", "finite-number", "geometry.coordinates[0][0]")]
    [InlineData("""{"type":"Polygon","coordinates":[[[239.76,35.68],[139.77,35.68],[139.77,35.69],[239.76,35.68]]]}""", "wgs84-range", "geometry.coordinates[0][0]")]
    [InlineData("""{"type":"Polygon","coordinates":[[[-0.12,51.50],[-0.11,51.50],[-0.11,51.51],[-0.12,51.50]]]}""", "within-japan", "geometry")]
    [InlineData("""{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.69],[139.77,35.68],[139.76,35.69],[139.76,35.68]]]}""", "valid-polygon", "geometry")]
    [InlineData("""[1,2]""", "geojson-object", "geometry")]
    public void Refuses_broken_geometry_naming_path_and_rule(string json, string rule, string path)
    {
        var (geometry, errors) = Read(json);

        Assert.Null(geometry);
        var error = Assert.Single(errors);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
    }

    [Fact]
    public void Swapped_latitude_and_longitude_are_named_as_such()
    {
        // Tokyo Station written [lat, lon], as CAP and most people write it.
        var (geometry, errors) = Read("""{"type":"Polygon","coordinates":[[[35.68,139.76],[35.68,139.77],[35.69,139.77],[35.68,139.76]]]}""");

        Assert.Null(geometry);
        var error = Assert.Single(errors);
        Assert.Equal("coordinates-swapped", error.Rule);
        Assert.Contains("[longitude, latitude]", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_more_positions_than_the_documented_cap()
    {
        var ring = Enumerable.Range(0, GeometryLimits.MaxPositions + 1)
            .Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{139.7 + (0.0001 * Math.Cos(i)):F7},{35.6 + (0.0001 * Math.Sin(i)):F7}]"));
        var (geometry, errors) = Read($$"""{"type":"Polygon","coordinates":[[{{string.Join(",", ring)}},[139.7001,35.6]]]}""");

        Assert.Null(geometry);
        Assert.Equal("max-positions", Assert.Single(errors).Rule);
    }

    [Fact]
    public void Writer_output_reads_back_to_the_same_geometry()
    {
        var squares = Gen.Select(Gen.Double[124.0, 150.0], Gen.Double[25.0, 45.0], Gen.Double[0.001, 0.5]);
        squares.Sample((lon, lat, size) =>
        {
            var factory = JapanGeography.CreateFactory();
            var original = factory.ToGeometry(new Envelope(Math.Round(lon, 6), Math.Round(lon + size, 6), Math.Round(lat, 6), Math.Round(lat + size, 6)));
            var (read, errors) = Read(GeoJsonGeometryWriter.ToGeoJson(original));
            return errors.Count == 0 && read!.EqualsExact(original);
        }, iter: 500);
    }

    [Fact]
    public void Arbitrary_json_never_throws()
    {
        var json = Gen.OneOf(
            Gen.Const("""{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.68]]]}"""),
            Gen.String[Gen.Char["[]{},:0123456789.-\"typePolygoncordinates"], 0, 120]);
        json.Sample(text =>
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                return; // not JSON at all: the HTTP layer answers 400 before the reader is reached
            }

            using (document)
            {
                var errors = new List<GeometryError>();
                var geometry = Reader.ReadSubmitted(document.RootElement, "geometry", errors);
                Assert.True(geometry is null != (errors.Count == 0));
            }
        }, iter: 5000);
    }
}
