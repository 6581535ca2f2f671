using System.Xml.Linq;
using Alert.Contracts.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Alert.Ingress.Validation;

/// <summary>Reads an XML request body the same way at every XML door: an XML content type (415), at most 4 MiB (413).</summary>
internal static class XmlBody
{
    public const long MaxBytes = 4 * 1024 * 1024;

    public static async Task<(byte[]? Bytes, IResult? Refused)> ReadAsync(HttpContext context, IReadOnlyList<string> mediaTypes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !mediaTypes.Any(m => type.MediaType.Equals(m, StringComparison.OrdinalIgnoreCase)))
        {
            var list = string.Join(", ", mediaTypes);
            return (null, ProblemResult.Of(new Problem("https://alerthub.jp/problems/unsupported-media-type", "対応していない形式です", 415,
                $"Content-Type は {list} のいずれかにしてください。", "Unsupported media type", $"Send Content-Type: one of {list}.")));
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxBytes;
        }

        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            return buffer.Length > MaxBytes ? (null, ProblemResult.Of(JsonRequests.TooLarge(MaxBytes))) : (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ProblemResult.Of(JsonRequests.TooLarge(MaxBytes)));
        }
    }

    /// <summary>Reads the body and parses it safely (<see cref="SafeXml"/>): the document, or the 4xx problem that refused it.</summary>
    public static async Task<(XDocument? Document, IResult? Refused)> ReadDocumentAsync(HttpContext context, IReadOnlyList<string> mediaTypes, CancellationToken cancellationToken)
    {
        var (bytes, refused) = await ReadAsync(context, mediaTypes, cancellationToken);
        if (refused is not null)
        {
            return (null, refused);
        }

        var (document, refusal) = SafeXml.Parse(bytes!);
        return document is not null
            ? (document, null)
            : (null, Documents.DocumentResults.Malformed(new XmlFinding("/", refusal!.Rule, refusal.Message, refusal.MessageEn)));
    }
}
