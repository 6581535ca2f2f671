using System.Text.Json;
using Alert.Contracts.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Alert.Ingress.Validation;

/// <summary>
/// Reads a JSON request body the same way at every ingress door: JSON content type (415), at most 4 MiB (413), depth
/// 64, no duplicate names (400, with the line and byte), each refusal a bilingual problem (<see cref="JsonRequests"/>).
/// </summary>
public static class JsonBody
{
    /// <summary>Largest JSON body accepted; a notice with 2,000 areas and polygons fits well inside.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    public static Task<(JsonDocument? Document, IResult? Refused)> ReadAsync(HttpContext context, CancellationToken cancellationToken) =>
        ReadAsync(context, MaxBytes, cancellationToken);

    /// <summary>The same rules with a smaller limit, for doors whose bodies are small (administration).</summary>
    public static async Task<(JsonDocument? Document, IResult? Refused)> ReadAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasJsonContentType())
        {
            return (null, ProblemResult.Of(JsonRequests.UnsupportedMediaType()));
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        try
        {
            // Buffered (the limit is enforced while reading), so the bytes can be checked as UTF-8 before parsing.
            var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > maxBytes)
            {
                return (null, ProblemResult.Of(JsonRequests.TooLarge(maxBytes)));
            }

            var (document, problem) = JsonRequests.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return document is null ? (null, ProblemResult.Of(problem!)) : (document, null);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ProblemResult.Of(JsonRequests.TooLarge(maxBytes)));
        }
    }
}
