using System.Globalization;
using System.Text.Json;

namespace Alert.Ingress.Validation;

/// <summary>
/// Reads one JSON object field by field against declared rules, recording every broken rule with the field's JSON
/// path instead of throwing. Fields not declared with <see cref="Known"/> are reported as unknown, so a misspelt
/// field is never silently ignored.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly string? _path;

    private JsonFields(JsonElement element, string? path, ValidationErrors errors)
    {
        _element = element;
        _path = path;
        Errors = errors;
    }

    public ValidationErrors Errors { get; }

    /// <summary>Null (with an error) when the element is not an object.</summary>
    public static JsonFields? Of(JsonElement element, string? path, ValidationErrors errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return new JsonFields(element, path, errors);
        }

        errors.WrongType(path ?? "$", "オブジェクト", "an object");
        return null;
    }

    public string PathOf(string field) => _path is null ? field : $"{_path}.{field}";

    public bool Has(string field) => _element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Reports every field of the object that is not in <paramref name="fields"/>.</summary>
    public void Known(params string[] fields)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (System.Array.IndexOf(fields, property.Name) < 0)
            {
                var path = PathOf(property.Name);
                Errors.Add(path, "known-field", $"{path} は未知の項目、またはこの種別では使えない項目です（綴りを確認してください）。",
                    $"{path} is not a known field, or not one for this category (check its spelling).");
            }
        }
    }

    public string? String(string field, bool required = false)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.WrongType(PathOf(field), "文字列", "a string");
            return null;
        }

        return value.GetString();
    }

    /// <summary>Public text: trimmed, not blank when required, length-capped, no control or bidirectional characters.</summary>
    public string? Text(string field, int maxLength, bool required = false, bool multiline = false)
    {
        var value = String(field, required)?.Trim();
        var path = PathOf(field);
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0)
        {
            if (required)
            {
                Errors.Add(path, "not-blank", $"{path} が空です。", $"{path} is blank.");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Errors.Add(path, "max-length", $"{path} は {maxLength} 文字以内にしてください。", $"{path} must be at most {maxLength} characters.");
        }
        else if (TextRules.HasForbiddenCharacters(value, multiline))
        {
            Errors.Add(path, "printable-text", $"{path} に制御文字または双方向制御文字が含まれています。", $"{path} contains control or bidirectional-override characters.");
        }

        return value;
    }

    public int? Int(string field, int min = 0, int max = int.MaxValue, bool required = false)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Errors.WrongType(PathOf(field), "整数", "an integer");
            return null;
        }

        if (number < min || number > max)
        {
            var path = PathOf(field);
            Errors.Add(path, "range", $"{path} は {min}〜{max} の範囲にしてください。", $"{path} must be from {min} to {max}.");
            return null;
        }

        return number;
    }

    public double? Number(string field, double min, double max, bool required = false)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Errors.WrongType(PathOf(field), "有限の数値", "a finite number");
            return null;
        }

        if (number < min || number > max)
        {
            var path = PathOf(field);
            Errors.Add(path, "range", $"{path} は {min}〜{max} の範囲にしてください。", $"{path} must be from {min} to {max}.");
            return null;
        }

        return number;
    }

    /// <summary>A term of a controlled vocabulary, given as its code or Japanese name (numbers accepted as codes).</summary>
    public string? Term(string field, Contracts.Vocabulary.Vocabulary vocabulary, bool required = false)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }

        var input = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (vocabulary.TryParse(input, out var code))
        {
            return code;
        }

        var path = PathOf(field);
        Errors.Add(path, "allowed-value", $"{path} は次のいずれかです: {vocabulary.Describe()}", $"{path} must be one of: {vocabulary.Describe()}");
        return null;
    }

    /// <summary>An ISO 8601 date-time with an offset (2026-11-25T09:00:00+09:00).</summary>
    public DateTimeOffset? Time(string field, bool required = false)
    {
        var value = String(field, required);
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        var path = PathOf(field);
        Errors.Add(path, "date-time", $"{path} は時差付きの日時（例: 2026-11-25T09:00:00+09:00）で指定してください。",
            $"{path} must be a date-time with an offset, e.g. 2026-11-25T09:00:00+09:00.");
        return null;
    }

    public JsonFields? Object(string field, bool required = false) =>
        TryGet(field, required, out var value) ? Of(value, PathOf(field), Errors) : null;

    /// <summary>The elements of an array field with their paths; null when absent or not an array.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)>? Array(string field, int maxItems, bool required = false, bool nonEmpty = false)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }

        var path = PathOf(field);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.WrongType(path, "配列", "an array");
            return null;
        }

        var count = value.GetArrayLength();
        if (nonEmpty && count == 0)
        {
            Errors.Add(path, "non-empty", $"{path} に 1 件以上指定してください。", $"{path} must list at least one item.");
            return null;
        }

        if (count > maxItems)
        {
            Errors.Add(path, "max-items", $"{path} は {maxItems} 件までです。", $"{path} may list at most {maxItems} items.");
            return null;
        }

        return [.. value.EnumerateArray().Select((element, i) => (element.Clone(), $"{path}[{i}]"))];
    }

    /// <summary>The raw value of a field (e.g. a GeoJSON geometry, validated elsewhere).</summary>
    public JsonElement? Raw(string field) => TryGet(field, required: false, out var value) ? value.Clone() : null;

    private bool TryGet(string field, bool required, out JsonElement value)
    {
        if (_element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Errors.Required(PathOf(field));
        }

        return false;
    }
}
