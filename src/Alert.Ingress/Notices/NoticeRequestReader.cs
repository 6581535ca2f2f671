using System.Text.Json;
using Alert.Contracts.Notices;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Notices;

/// <summary>
/// Reads the JSON body of <c>POST /api/v1/notices</c> field by field, so every error names its field and rule
/// (a typed model binder would stop at the first type mismatch with a framework message).
/// </summary>
internal static class NoticeRequestReader
{
    public const int MaxAreas = 2_000;
    public const int MaxHeadlineLength = 200;
    public const int MaxAreaNameLength = 200;

    private static readonly HashSet<string> KnownFields =
        ["category", "status", "issuer", "headline", "level", "areas", "households", "persons"];

    private static readonly HashSet<string> KnownAreaFields = ["municipality", "name", "geometry"];

    public static NoticeRequest? Read(JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "object", "本文は JSON オブジェクトにしてください。", "The body must be a JSON object.");
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                errors.Add(property.Name, "known-field", $"{property.Name} は未知の項目です（綴りを確認してください）。", $"{property.Name} is not a known field (check its spelling).");
            }
        }

        var category = ReadEnum(root, "category", NoticeCategory.All, errors);
        var status = ReadEnum(root, "status", NoticeStatus.All, errors);
        var issuer = ReadString(root, "issuer", errors, required: true);
        var headline = ReadText(root, "headline", MaxHeadlineLength, errors, required: true);
        var level = ReadInt(root, "level", errors);
        var households = ReadInt(root, "households", errors);
        var persons = ReadInt(root, "persons", errors);

        if (level is { } l && l is < 3 or > 5)
        {
            errors.Add("level", "evacuation-level", "level は 3（高齢者等避難）、4（避難指示）、5（緊急安全確保）のいずれかです。",
                "level must be 3 (高齢者等避難, elderly evacuate), 4 (避難指示, evacuate) or 5 (緊急安全確保, secure your life).");
        }

        if (category == NoticeCategory.Evacuation && level is null && !root.TryGetProperty("level", out _))
        {
            errors.Add("level", "required-for-evacuation", "避難情報には level（3〜5）が必要です。", "An evacuation notice needs a level (3 to 5).");
        }

        CheckNonNegative("households", households, errors);
        CheckNonNegative("persons", persons, errors);

        var areas = ReadAreas(root, errors);
        return errors.Any
            ? null
            : new NoticeRequest(category!, status!, issuer!, headline!, level, areas, households, persons);
    }

    private static List<AreaRequest> ReadAreas(JsonElement root, ValidationErrors errors)
    {
        var areas = new List<AreaRequest>();
        if (!root.TryGetProperty("areas", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Required("areas");
            return areas;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.WrongType("areas", "配列", "an array");
            return areas;
        }

        var count = element.GetArrayLength();
        if (count == 0)
        {
            errors.Add("areas", "non-empty", "areas に対象地域を 1 件以上指定してください。", "areas must list at least one area.");
            return areas;
        }

        if (count > MaxAreas)
        {
            errors.Add("areas", "max-areas", $"areas は {MaxAreas} 件までです。", $"areas may list at most {MaxAreas} areas.");
            return areas;
        }

        var index = 0;
        foreach (var area in element.EnumerateArray())
        {
            var path = $"areas[{index}]";
            if (area.ValueKind != JsonValueKind.Object)
            {
                errors.WrongType(path, "オブジェクト", "an object");
                index++;
                continue;
            }

            foreach (var property in area.EnumerateObject())
            {
                if (!KnownAreaFields.Contains(property.Name))
                {
                    errors.Add($"{path}.{property.Name}", "known-field", $"{path}.{property.Name} は未知の項目です。", $"{path}.{property.Name} is not a known field.");
                }
            }

            var municipality = ReadString(area, "municipality", errors, required: false, path);
            var name = ReadText(area, "name", MaxAreaNameLength, errors, required: false, path);
            JsonElement? geometry = area.TryGetProperty("geometry", out var g) && g.ValueKind != JsonValueKind.Null ? g.Clone() : null;
            if (municipality is null && geometry is null)
            {
                errors.Add(path, "municipality-or-geometry", $"{path} には municipality（市区町村コード）か geometry（GeoJSON）が必要です。",
                    $"{path} needs a municipality (code) or a geometry (GeoJSON).");
            }

            areas.Add(new AreaRequest(index, municipality, name, geometry));
            index++;
        }

        return areas;
    }

    private static string? ReadEnum(JsonElement root, string field, IReadOnlySet<string> allowed, ValidationErrors errors)
    {
        var value = ReadString(root, field, errors, required: true);
        if (value is not null && !allowed.Contains(value))
        {
            var list = string.Join(", ", allowed.Order(StringComparer.Ordinal));
            errors.Add(field, "allowed-value", $"{field} は次のいずれかです: {list}", $"{field} must be one of: {list}");
            return null;
        }

        return value;
    }

    private static string? ReadText(JsonElement root, string field, int maxLength, ValidationErrors errors, bool required, string? parent = null)
    {
        var path = parent is null ? field : $"{parent}.{field}";
        var value = ReadString(root, field, errors, required, parent);
        if (value is null)
        {
            return null;
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, "not-blank", $"{path} が空です。", $"{path} is blank.");
        }
        else if (value.Length > maxLength)
        {
            errors.Add(path, "max-length", $"{path} は {maxLength} 文字以内にしてください。", $"{path} must be at most {maxLength} characters.");
        }
        else if (TextRules.HasForbiddenCharacters(value))
        {
            errors.Add(path, "printable-text", $"{path} に制御文字または双方向制御文字が含まれています。", $"{path} contains control or bidirectional-override characters.");
        }

        return value;
    }

    private static string? ReadString(JsonElement root, string field, ValidationErrors errors, bool required, string? parent = null)
    {
        var path = parent is null ? field : $"{parent}.{field}";
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Required(path);
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.WrongType(path, "文字列", "a string");
            return null;
        }

        return element.GetString();
    }

    private static int? ReadInt(JsonElement root, string field, ValidationErrors errors)
    {
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            errors.WrongType(field, "整数", "an integer");
            return null;
        }

        return value;
    }

    private static void CheckNonNegative(string field, int? value, ValidationErrors errors)
    {
        if (value is < 0)
        {
            errors.Add(field, "non-negative", $"{field} は 0 以上にしてください。", $"{field} must be zero or more.");
        }
    }
}
