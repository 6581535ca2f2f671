using System.Text.Json;
using Alert.Contracts.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Alert.Ingress.Validation;

/// <summary>
/// Reads a JSON request body the same way at every ingress door: JSON content type (415), at most 4 MiB (413), depth
/// 64, no duplicate names (400, with the line and byte), each refusal a bilingual problem.
/// </summary>
internal static class JsonBody
{
    /// <summary>Largest JSON body accepted; a notice with 2,000 areas and polygons fits well inside.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    public static async Task<(JsonDocument? Document, IResult? Refused)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ProblemResult.Of(new Problem("https://alerthub.jp/problems/unsupported-media-type", "対応していない形式です", 415,
                "Content-Type: application/json で送ってください。", "Unsupported media type", "Send the body as Content-Type: application/json.")));
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxBytes;
        }

        try
        {
            // Duplicate names are refused: with {"level":3,...,"level":5} different readers would act on different levels.
            var options = new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false };
            return (await JsonDocument.ParseAsync(context.Request.Body, options, cancellationToken), null);
        }
        catch (JsonException malformed)
        {
            var at = $"line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine + 1}";
            return (null, ProblemResult.Of(Problems.Malformed(malformed.Path ?? "$", $"JSON として解釈できません（{at}）。", $"The body is not valid JSON ({at}).")));
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ProblemResult.Of(new Problem("https://alerthub.jp/problems/payload-too-large", "本文が大きすぎます", 413,
                $"本文は {MaxBytes / 1024 / 1024} MiB までです。", "Payload too large", $"The body may be at most {MaxBytes / 1024 / 1024} MiB.")));
        }
    }
}
