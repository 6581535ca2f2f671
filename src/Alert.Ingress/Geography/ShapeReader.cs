using System.Text.Json;
using Alert.Geo;
using Alert.Geo.GeoJson;
using Alert.Ingress.Validation;
using NetTopologySuite.Geometries;

namespace Alert.Ingress.Geography;

/// <summary>
/// Reads an alert area drawn by the issuer in any accepted form: a GeoJSON Polygon/MultiPolygon (<c>geometry</c>,
/// [lon, lat]), a CAP polygon (<c>polygon</c>, "lat,lon lat,lon …"), or a circle (<c>circle</c>: {lat, lon, radiusKm}
/// or CAP "lat,lon radius-km"). Exactly one form per area.
/// </summary>
internal sealed class ShapeReader(JapanGeography geography)
{
    private readonly GeoJsonGeometryReader _geoJson = new(geography.Factory);
    private readonly CapShapeReader _cap = new(geography.Factory);

    /// <summary>Null with no error when no shape was given; null with errors when one was given and broken.</summary>
    public Geometry? Read(ShapeInput input, string path, ValidationErrors errors)
    {
        var given = (input.GeoJson is null ? 0 : 1) + (input.CapPolygon is null ? 0 : 1) + (input.Circle is null ? 0 : 1);
        if (given == 0)
        {
            return null;
        }

        if (given > 1)
        {
            errors.Add(path, "one-shape", $"{path} には geometry・polygon・circle のいずれか 1 つを指定してください。", $"{path} takes one of geometry, polygon or circle, not several.");
            return null;
        }

        var geometryErrors = new List<GeometryError>();
        var geometry = input switch
        {
            { GeoJson: { } json } => _geoJson.ReadSubmitted(json, $"{path}.geometry", geometryErrors),
            { CapPolygon: { } text } => _cap.ReadPolygon(text, $"{path}.polygon", geometryErrors),
            { Circle: { ValueKind: JsonValueKind.String } text } => _cap.ReadCircle(text.GetString()!, $"{path}.circle", geometryErrors),
            { Circle: { } circle } => ReadCircleObject(circle, $"{path}.circle", errors, geometryErrors),
            _ => null,
        };

        foreach (var error in geometryErrors)
        {
            errors.Add(error.Path, error.Rule, error.Message, error.MessageEn);
        }

        return geometry;
    }

    private Geometry? ReadCircleObject(JsonElement circle, string path, ValidationErrors errors, List<GeometryError> geometryErrors)
    {
        var fields = JsonFields.Of(circle, path, errors);
        if (fields is null)
        {
            return null;
        }

        fields.Known("lat", "lon", "radiusKm");
        var lat = fields.Number("lat", -90, 90, required: true);
        var lon = fields.Number("lon", -180, 180, required: true);
        var radius = fields.Number("radiusKm", 0, CapShapeReader.MaxRadiusKm, required: true);
        return lat is null || lon is null || radius is null ? null : _cap.Circle(lat.Value, lon.Value, radius.Value, path, geometryErrors);
    }
}

/// <summary>The shape fields of one area as sent.</summary>
internal sealed record ShapeInput(JsonElement? GeoJson, string? CapPolygon, JsonElement? Circle)
{
    public static readonly ShapeInput None = new(null, null, null);

    public bool IsEmpty => GeoJson is null && CapPolygon is null && Circle is null;

    public static ShapeInput Read(JsonFields fields) => new(fields.Raw("geometry"), fields.String("polygon"), fields.Raw("circle"));
}
