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
    /// Parses a whole body, refusing invalid UTF-8 up front and unpaired surrogates spelt as <c>\u</c> escapes after: the
    /// parser checks structure, not what strings decode to, so either would otherwise surface later, when a field is
    /// read, as an exception instead of a 400.
    /// </summary>
    public static (JsonDocument? Document, Problem? Problem) Parse(ReadOnlyMemory<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return (null, Unreadable("utf-8", "本文が UTF-8 として正しくありません。", "The body is not valid UTF-8."));
        }

        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(body, ParserOptions);
        }
        catch (JsonException malformed)
        {
            return (null, Malformed(malformed));
        }
        catch (InvalidOperationException) when (LoneSurrogateEscape(body.Span) is not null)
        {
            // The duplicate-name check decodes escaped names, and throws on such a name: refused just below.
        }

        if (LoneSurrogateEscape(body.Span) is { } at)
        {
            document?.Dispose();
            return (null, Unreadable("unicode-escape",
                $"文字列の \\u エスケープが対になっていないサロゲートです（byte {at + 1}）。", $"A \\u escape in a string is an unpaired surrogate (byte {at + 1})."));
        }

        return (document!, null); // not null: Parse failed only on what the scan above refuses
    }

    // Valid UTF-8 can still spell an invalid string: "\uDE38" alone parses, then throws when the field is read. Only
    // escaped strings can hold one, so only those are decoded here. The byte offset of the first, or null.
    private static long? LoneSurrogateEscape(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = ParserOptions.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return null;
    }

    private static Problem Unreadable(string rule, string message, string messageEn) =>
        Problems.Malformed("$", message, messageEn) with { Errors = [new ProblemError("$", rule, message, messageEn)] };

    private static string Size(long bytes, bool japanese) => bytes % (1024 * 1024) == 0
        ? $"{bytes / 1024 / 1024} MiB"
        : japanese ? $"{bytes} バイト" : $"{bytes} bytes";
}
