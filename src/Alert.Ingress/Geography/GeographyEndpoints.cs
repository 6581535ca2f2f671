using System.Globalization;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Geo;
using Alert.Geo.Boundaries;
using Alert.Geo.Codes;
using Alert.Geo.GeoJson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alert.Ingress.Geography;

/// <summary>
/// Map look-ups for issuers' tools: what contains a point, and a municipality's name, population and boundary.
/// </summary>
internal static class GeographyEndpoints
{
    public static void MapGeography(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/geo/locate", Locate).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/municipalities/{code}", GetMunicipality).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapMatch();
    }

    private static IResult Locate(string? lat, string? lon, JapanGeography geography)
    {
        var errors = new List<ProblemError>();
        var latitude = ParseCoordinate("lat", lat, -90, 90, errors);
        var longitude = ParseCoordinate("lon", lon, -180, 180, errors);
        if (errors.Count > 0)
        {
            return Problem(Problems.Invalid(errors) with { Status = 400, Title = "クエリが不正です", TitleEn = "Invalid query" });
        }

        var location = geography.Locate(latitude, longitude);
        return Results.Ok(new
        {
            lat = latitude,
            lon = longitude,
            prefecture = location.Prefecture is { } p ? new { code = p.Code, name = p.Name } : null,
            municipality = location.Municipality is { } m ? Summary(m) : null,
            ward = location.Ward is { } w ? Summary(w) : null,
        });
    }

    private static IResult GetMunicipality(string code, JapanGeography geography)
    {
        var parsed = LocalGovernmentCode.TryNormalise(code, out var fiveDigits);
        if (parsed != CodeParseResult.Ok)
        {
            var rule = parsed == CodeParseResult.BadCheckDigit ? "check-digit" : "municipality-code";
            return Problem(Problems.Invalid([new ProblemError("code", rule,
                "code は 5 桁（または検査数字付き 6 桁）の全国地方公共団体コードです。",
                "code must be a 5-digit local government code (or 6 digits with a correct check digit).")]) with { Status = 400 });
        }

        var area = geography.FindMunicipality(fiveDigits);
        if (area is null)
        {
            return Problem(Problems.NotFound($"市区町村コード {fiveDigits} は存在しません。", $"There is no municipality with code {fiveDigits}."));
        }

        var geometry = GeoJsonGeometryWriter.ToGeoJson(area.Geometry);
        return Results.Text(
            System.Text.Json.JsonSerializer.Serialize(new
            {
                code = area.Code,
                code6 = area.Code6,
                name = area.Name,
                kind = KindName(area.Kind),
                prefecture = new { code = area.PrefectureCode, name = area.PrefectureName },
                municipality = area.Kind == AreaKind.DesignatedCityWard ? new { code = area.MunicipalityCode, name = area.MunicipalityName } : null,
                population2020 = area.Population,
                geometry = new RawGeometry(geometry),
            }, RawGeometry.SerializerOptions),
            "application/json; charset=utf-8");
    }

    private static object Summary(AdministrativeArea area) => new { code = area.Code, code6 = area.Code6, name = area.Name, kind = KindName(area.Kind) };

    private static string KindName(AreaKind kind) => kind switch
    {
        AreaKind.City => "city",
        AreaKind.DesignatedCity => "designated_city",
        AreaKind.DesignatedCityWard => "designated_city_ward",
        AreaKind.SpecialWard => "special_ward",
        AreaKind.Town => "town",
        AreaKind.Village => "village",
        AreaKind.Prefecture => "prefecture",
        _ => "unassigned",
    };

    private static double ParseCoordinate(string name, string? value, double min, double max, List<ProblemError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new ProblemError(name, "required", $"{name} は必須です。", $"{name} is required."));
            return 0;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < min || number > max)
        {
            errors.Add(new ProblemError(name, "coordinate-range", $"{name} は {min}〜{max} の数値で指定してください。", $"{name} must be a number from {min} to {max}."));
            return 0;
        }

        return number;
    }

    private static IResult Problem(Problem problem) => Validation.ProblemResult.Of(problem);
}
