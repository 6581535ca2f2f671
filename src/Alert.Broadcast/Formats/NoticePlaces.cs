using System.Globalization;
using System.Text;
using System.Text.Json;
using Alert.Contracts.Notices;
using Alert.Geo;
using Alert.Geo.Boundaries;
using Alert.Geo.GeoJson;
using NetTopologySuite.Geometries;

namespace Alert.Broadcast.Formats;

/// <summary>
/// Where a notice's areas, shelters and issuer are, as every outgoing format needs them: an area's shape (the issuer's
/// own, or the municipality's boundary for an area named by code), an issuer's territory and name, a code's 6-digit
/// form, and outer rings in the "lat,lon" order that CAP and EDXL share.
/// </summary>
public sealed class NoticePlaces(JapanGeography geography)
{
    private readonly GeoJsonGeometryReader _shapes = new(geography.Factory);

    public GeometryFactory Factory => geography.Factory;

    /// <summary>The issuer's own shape when it gave one.</summary>
    public Geometry? IssuerShape(NoticeArea area) =>
        area?.Geometry is { } json ? _shapes.ReadTrusted(JsonDocument.Parse(json).RootElement) : null;

    /// <summary>The issuer's shape, else the boundary of the municipality the area names.</summary>
    public Geometry? Shape(NoticeArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return IssuerShape(area) ?? (area.Municipality is { } code ? geography.FindMunicipality(code)?.Geometry : null);
    }

    /// <summary>A prefecture (2 digits) or municipality (5 digits).</summary>
    public AdministrativeArea? Territory(string code) =>
        code.Length == 2 ? geography.FindPrefecture(code) : geography.FindMunicipality(code);

    /// <summary>A municipality's name (千代田区), or the code when it is not one.</summary>
    public string MunicipalityName(string? code) => code is not null && geography.FindMunicipality(code) is { } m ? m.Name : code ?? string.Empty;

    /// <summary>A prefecture's or municipality's own name, or the code when unknown.</summary>
    public string TerritoryName(string code) => Territory(code)?.Name ?? code;

    /// <summary>An issuer's full name: 東京都千代田区, or 東京都 for a prefecture.</summary>
    public string FullName(string code) =>
        code.Length != 2 && geography.FindMunicipality(code) is { } m ? m.PrefectureName + m.Name : code.Length == 2 ? TerritoryName(code) : code;

    /// <summary>JIS X 0402 with its check digit for a municipality; any other code unchanged.</summary>
    public string Code6(string code) => code.Length == 5 && geography.FindMunicipality(code) is { } m ? m.Code6 : code;

    /// <summary>Each polygon's outer ring as "lat,lon" pairs, first equal to last, every digit kept.</summary>
    public static List<string> LatLonRings(Geometry shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var rings = new List<string>();
        for (var i = 0; i < shape.NumGeometries; i++)
        {
            if (shape.GetGeometryN(i) is Polygon { IsEmpty: false } polygon)
            {
                var text = new StringBuilder(polygon.ExteriorRing.NumPoints * 24);
                foreach (var c in polygon.ExteriorRing.Coordinates)
                {
                    text.Append(text.Length > 0 ? " " : string.Empty).Append(c.Y.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(c.X.ToString("R", CultureInfo.InvariantCulture));
                }

                rings.Add(text.ToString());
            }
        }

        return rings;
    }
}
