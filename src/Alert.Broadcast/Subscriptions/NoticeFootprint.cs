using System.Text.Json;
using Alert.Contracts.Notices;
using Alert.Geo;
using Alert.Geo.GeoJson;
using NetTopologySuite.Geometries;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// Where on the ground a notice applies, for location subscriptions: each area's own polygon where the issuer drew
/// one, its municipality's boundary where not; a notice without areas (a headquarters notice) covers its affected
/// municipalities. Built once per envelope per host, never per connection.
/// </summary>
public static class NoticeFootprint
{
    public static Geometry Of(NoticeEnvelope envelope, JapanGeography geography)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(geography);
        var parts = new List<Geometry>();
        var reader = new GeoJsonGeometryReader(geography.Factory);
        foreach (var area in envelope.Content.Areas)
        {
            if (area.Geometry is { } json)
            {
                using var document = JsonDocument.Parse(json);
                parts.Add(reader.ReadTrusted(document.RootElement));
            }
            else if (area.Municipality is { } code && geography.FindMunicipality(code) is { } municipality)
            {
                parts.Add(municipality.Geometry);
            }
        }

        if (parts.Count == 0)
        {
            parts.AddRange(envelope.AffectedMunicipalities.Select(geography.FindMunicipality).OfType<Geo.Boundaries.AdministrativeArea>().Select(m => m.Geometry));
        }

        return geography.Factory.BuildGeometry(parts.SelectMany(Polygons));
    }

    private static IEnumerable<Geometry> Polygons(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon polygon)
            {
                yield return polygon;
            }
        }
    }
}
