using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Geo;
using Alert.Geo.Matching;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alert.Ingress.Geography;

/// <summary>
/// <c>POST /api/v1/geo/match</c>: who an alert area reaches, before it is issued. The body carries one shape:
/// <c>geometry</c> (GeoJSON), <c>polygon</c> (CAP "lat,lon …") or <c>circle</c>. The ingest path uses the same matcher.
/// </summary>
internal static class MatchEndpoint
{
    public static void MapMatch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/geo/match", MatchAsync).RequireAuthorization(AlertHubPolicies.Read);

    private static async Task<IResult> MatchAsync(HttpContext context, JapanGeography geography, CancellationToken cancellationToken)
    {
        var (document, refused) = await JsonBody.ReadAsync(context, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var body = JsonFields.Of(document!.RootElement, null, errors);
            body?.Known("geometry", "polygon", "circle");
            var shape = body is null ? null : new ShapeReader(geography).Read(ShapeInput.Read(body), "$", errors);
            if (shape is null && !errors.Any)
            {
                errors.Add("geometry", "required", "geometry・polygon・circle のいずれかが必要です。", "One of geometry, polygon or circle is required.");
            }

            if (errors.Any)
            {
                return Problem(Problems.Invalid(errors.All));
            }

            var result = new AreaMatcher(geography).Match(shape!);
            return Results.Ok(new
            {
                areaKm2 = Math.Round(result.AlertAreaKm2, 6),
                estimatedPopulation = Math.Round(result.EstimatedPopulation),
                municipalities = result.Municipalities.Select(Overlap),
                wards = result.Wards.Select(Overlap),
                prefectures = result.Prefectures.Select(o => new
                {
                    code = o.Area.Code,
                    name = o.Area.Name,
                    overlapRatio = Math.Round(o.OverlapRatio, 6),
                    coverageRatio = Math.Round(o.CoverageRatio, 6),
                    estimatedPopulation = o.EstimatedPopulation is { } p ? Math.Round(p) : (double?)null,
                }),
                warnings = result.Warnings.Select(w => new { code = w.Code, message = w.Message, messageEn = w.MessageEn }),
            });
        }
    }

    private static object Overlap(AreaOverlap o) => new
    {
        code = o.Area.Code,
        name = o.Area.Name,
        prefecture = o.Area.PrefectureCode,
        prefectureName = o.Area.PrefectureName,
        overlapRatio = Math.Round(o.OverlapRatio, 6),
        coverageRatio = Math.Round(o.CoverageRatio, 6),
        estimatedPopulation = o.EstimatedPopulation is { } p ? Math.Round(p) : (double?)null,
    };

    private static IResult Problem(Problem problem) => ProblemResult.Of(problem);
}
