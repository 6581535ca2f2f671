using System.Text.Json;

namespace Alert.Contracts.Problems;

/// <summary>
/// How every door of the hub reads a JSON request body, whichever project serves it: the same parser limits and the
/// same bilingual problems for a wrong content type (415), a body over the limit (413) and malformed JSON (400).
/// </summary>
public static class JsonRequests
{
    /// <summary>
    /// Depth 64 and no duplicate names: with <c>{"level":3,…,"level":5}</c> different readers would act on different levels.
    /// </summary>
    public static JsonDocumentOptions ParserOptions { get; } = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static Problem UnsupportedMediaType() => new("https://alerthub.jp/problems/unsupported-media-type", "対応していない形式です", 415,
        "Content-Type: application/json で送ってください。", "Unsupported media type", "Send the body as Content-Type: application/json.");

    public static Problem TooLarge(long maxBytes) => new("https://alerthub.jp/problems/payload-too-large", "本文が大きすぎます", 413,
        $"本文は {Size(maxBytes, japanese: true)} までです。", "Payload too large", $"The body may be at most {Size(maxBytes, japanese: false)}.");

    public static Problem Malformed(JsonException malformed)
    {
        ArgumentNullException.ThrowIfNull(malformed);
        var path = malformed.Path ?? "$";
        if (malformed.LineNumber is null)
        {
            // The parser reports a repeated name without a position.
            return Problems.Malformed(path, $"同じ名前の項目が 2 回以上あります（{path}）。どちらを使うか決められないため受け付けません。",
                $"A property name appears more than once ({path}); the body is refused rather than guessing which one counts.");
        }

        var at = $"line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine + 1}";
        return Problems.Malformed(path, $"JSON として解釈できません（{at}）。", $"The body is not valid JSON ({at}).");
    }

    /// <summary>
    /// Parses a whole body, refusing invalid UTF-8 up front: the parser checks structure, not the bytes inside strings,
    /// so a bad sequence would otherwise surface later, when a field is read, as an exception instead of a 400.
    /// </summary>
    public static (JsonDocument? Document, Problem? Problem) Parse(ReadOnlyMemory<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return (null, Problems.Malformed("$", "本文が UTF-8 として正しくありません。", "The body is not valid UTF-8.") with
            {
                Errors = [new ProblemError("$", "utf-8", "本文が UTF-8 として正しくありません。", "The body is not valid UTF-8.")],
            });
        }

        try
        {
            return (JsonDocument.Parse(body, ParserOptions), null);
        }
        catch (JsonException malformed)
        {
            return (null, Malformed(malformed));
        }
    }

    private static string Size(long bytes, bool japanese) => bytes % (1024 * 1024) == 0
        ? $"{bytes / 1024 / 1024} MiB"
        : japanese ? $"{bytes} バイト" : $"{bytes} bytes";
}
