using System.Buffers;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Alert.Geo.GeoJson;

/// <summary>Writes Polygon and MultiPolygon geometries as RFC 7946 GeoJSON with 6 decimals (about 0.1 m).</summary>
public static class GeoJsonGeometryWriter
{
    public static string ToGeoJson(Geometry geometry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, geometry);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, Geometry geometry)
    {
        writer.WriteStartObject();
        switch (geometry)
        {
            case Polygon polygon:
                writer.WriteString("type", "Polygon");
                writer.WritePropertyName("coordinates");
                WritePolygon(writer, polygon);
                break;
            case MultiPolygon multi:
                writer.WriteString("type", "MultiPolygon");
                writer.WritePropertyName("coordinates");
                writer.WriteStartArray();
                foreach (var part in multi.Geometries)
                {
                    WritePolygon(writer, (Polygon)part);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"Only polygons are written, not {geometry.GeometryType}.");
        }

        writer.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.ExteriorRing);
        foreach (var hole in polygon.InteriorRings)
        {
            WriteRing(writer, hole);
        }

        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring)
    {
        writer.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(c.X, 6));
            writer.WriteNumberValue(Math.Round(c.Y, 6));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
