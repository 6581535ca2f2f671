using System.Text.Encodings.Web;
using System.Text.Json;
using Alert.Contracts.Notices;
using Alert.Geo.GeoJson;
using NetTopologySuite.Geometries;

namespace Alert.Broadcast.Formats.GeoJson;

/// <summary>
/// Notices in force as an RFC 7946 FeatureCollection for map makers: one feature per area (the issuer's shape, or the
/// municipality's boundary for an area named by code), one point per shelter with a location, and the issuer's
/// territory for notices without areas; each with its notice, level, state, kind and times.
/// </summary>
public sealed class NoticeFeatureWriter(NoticePlaces places)
{
    public const string ContentType = "application/geo+json";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public byte[] Write(IEnumerable<NoticeEnvelope> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var notice in notices)
            {
                WriteNotice(writer, notice);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private void WriteNotice(Utf8JsonWriter writer, NoticeEnvelope notice)
    {
        for (var i = 0; i < notice.Content.Areas.Count; i++)
        {
            var area = notice.Content.Areas[i];
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteString("id", $"{notice.Id}/areas/{i}");
            writer.WritePropertyName("geometry");
            if (area.Geometry is { } json)
            {
                writer.WriteRawValue(json, skipInputValidation: false);
            }
            else
            {
                // A region known only by name (a relayed 津波予報区) is drawn as the territory it reaches: the issuer's.
                WriteGeometry(writer, area.Municipality is null ? places.Territory(notice.Issuer)?.Geometry : places.Shape(area));
            }

            writer.WriteStartObject("properties");
            WriteCommon(writer, notice);
            writer.WriteNumber("area", i);
            writer.WriteString("municipality", area.Municipality);
            writer.WriteString("name", area.Name);
            writer.WriteString("source", area.Geometry is not null ? "issuer-shape" : area.Municipality is null ? "issuer-territory" : "municipality-boundary");
            if ((area.Level ?? notice.Content.Level) is { } level)
            {
                writer.WriteNumber("level", level);
            }

            writer.WriteString("state", area.State);
            WriteOptional(writer, "households", area.Households);
            WriteOptional(writer, "persons", area.Persons);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        for (var i = 0; i < notice.Content.Shelters.Count; i++)
        {
            var shelter = notice.Content.Shelters[i];
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteString("id", $"{notice.Id}/shelters/{i}");
            writer.WritePropertyName("geometry");
            WriteGeometry(writer, shelter is { Latitude: { } lat, Longitude: { } lon }
                ? places.Factory.CreatePoint(new Coordinate(lon, lat))
                : places.Territory(shelter.Municipality)?.Geometry);
            writer.WriteStartObject("properties");
            WriteCommon(writer, notice);
            writer.WriteString("municipality", shelter.Municipality);
            writer.WriteString("name", shelter.Name);
            writer.WriteString("shelterStatus", shelter.Status);
            writer.WriteString("address", shelter.Address);
            writer.WriteString("crowding", shelter.Crowding);
            WriteOptional(writer, "capacity", shelter.Capacity);
            WriteOptional(writer, "persons", shelter.Persons);
            writer.WriteString("source", shelter.Latitude is null ? "municipality-boundary" : "shelter-location");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (notice.Content.Areas.Count == 0 && notice.Content.Shelters.Count == 0)
        {
            var territory = places.Territory(notice.Issuer);
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteString("id", notice.Id);
            writer.WritePropertyName("geometry");
            WriteGeometry(writer, territory?.Geometry);
            writer.WriteStartObject("properties");
            WriteCommon(writer, notice);
            writer.WriteString("source", "issuer-territory");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void WriteCommon(Utf8JsonWriter writer, NoticeEnvelope notice)
    {
        writer.WriteString("notice", notice.Id);
        writer.WriteNumber("revision", notice.Revision);
        writer.WriteString("kind", notice.Kind);
        writer.WriteString("category", notice.Category);
        writer.WriteString("status", notice.Status);
        writer.WriteString("prefecture", notice.Prefecture);
        writer.WriteString("issuer", notice.Issuer);
        writer.WriteString("headline", notice.Content.Headline);
        writer.WriteString("acceptedAt", notice.AcceptedAt);
        writer.WriteString("validUntil", notice.ValidUntil);
    }

    private static void WriteGeometry(Utf8JsonWriter writer, Geometry? geometry)
    {
        if (geometry is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            GeoJsonGeometryWriter.Write(writer, geometry);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
