using System.Text.Json;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Alert.Geo.GeoJson;
using Alert.Geo.Simplification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alert.Broadcast.Feeds;

/// <summary>
/// <c>GET /api/v1/notices/{id}/areas/{index}/geometry?maxPoints=250</c>: one area's geometry as a GeoJSON Feature —
/// the issuer's shape, or the municipality's boundary for an area named by code — optionally simplified to a channel's
/// point budget without ever shrinking coverage, with the overshoot reported.
/// </summary>
internal static class AreaGeometryEndpoint
{
    public const int MaxPointsLimit = 100_000;

    public static void MapAreaGeometry(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/notices/{id}/areas/{index:int}/geometry", GetAsync).RequireAuthorization(AlertHubPolicies.Read);

    private static async Task<IResult> GetAsync(
        string id, int index, int? maxPoints, IGrainFactory grains, Formats.NoticePlaces places, CancellationToken cancellationToken)
    {
        if (maxPoints is < CoverageSimplifier.MinPoints or > MaxPointsLimit)
        {
            var problem = Problems.Invalid([new ProblemError("maxPoints", "range",
                $"maxPoints は {CoverageSimplifier.MinPoints}〜{MaxPointsLimit} です。", $"maxPoints must be from {CoverageSimplifier.MinPoints} to {MaxPointsLimit}.")]) with { Status = 400 };
            return Results.Json(problem, statusCode: 400, contentType: Problem.ContentType);
        }

        var notice = NoticeId.TryGetPrefecture(id, out var prefecture) && PrefectureCodes.IsValid(prefecture)
            ? await grains.GetGrain<IPrefectureGrain>(prefecture).GetNotice(id, cancellationToken)
            : null;
        if (notice is null || index < 0 || index >= notice.Content.Areas.Count)
        {
            var problem = Problems.NotFound($"お知らせ {id} に地域 {index} はありません。", $"Notice {id} has no area {index}.");
            return Results.Json(problem, statusCode: 404, contentType: Problem.ContentType);
        }

        var area = notice.Content.Areas[index];
        var original = places.Shape(area)!;
        var simplified = maxPoints is { } budget ? CoverageSimplifier.Simplify(original, budget) : new SimplifiedArea(original, original.NumPoints, original.NumPoints, 0, 0, true);

        return Results.Text(Feature(notice, index, area, simplified, maxPoints), "application/geo+json; charset=utf-8");
    }

    private static string Feature(NoticeEnvelope notice, int index, NoticeArea area, SimplifiedArea simplified, int? maxPoints)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WritePropertyName("geometry");
            GeoJsonGeometryWriter.Write(writer, simplified.Geometry);
            writer.WriteStartObject("properties");
            writer.WriteString("notice", notice.Id);
            writer.WriteNumber("revision", notice.Revision);
            writer.WriteNumber("area", index);
            writer.WriteString("municipality", area.Municipality);
            writer.WriteString("name", area.Name);
            writer.WriteString("source", area.Geometry is null ? "municipality-boundary" : "issuer-shape");
            writer.WriteNumber("originalPoints", simplified.OriginalPoints);
            writer.WriteNumber("points", simplified.Points);
            if (maxPoints is { } budget)
            {
                writer.WriteNumber("maxPoints", budget);
            }

            writer.WriteNumber("maxOvershootMetres", Math.Round(simplified.MaxOvershootMetres, 1));
            writer.WriteNumber("extraAreaKm2", Math.Round(simplified.ExtraAreaKm2, 4));
            writer.WriteBoolean("containsOriginal", simplified.ContainsOriginal);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
