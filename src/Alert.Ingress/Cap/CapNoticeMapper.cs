using Alert.Ingress.Validation;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Alert.Contracts.Notices;
using Alert.Contracts.Vocabulary;
using Alert.Geo.Codes;

namespace Alert.Ingress.Cap;

/// <summary>
/// Reads a schema-valid CAP 1.2 alert as a hub notice. The Japanese <c>info</c> block (else the first) is used. An
/// evacuation is recognised by <c>alerthub:category</c>, by an event or level naming an evacuation level (old names
/// included), or by responseType Evacuate/Shelter; anything else becomes a notice (お知らせ). Areas map to
/// municipalities by JIS X 0402 geocode (5 or 6 digits, check digit verified), polygon (lat,lon) or circle; foreign
/// geocodes (SAME, FIPS, UGC…) are ignored with a warning, and a message with no area in Japan is refused.
/// </summary>
internal static partial class CapNoticeMapper
{
    private static readonly XNamespace Cap = CapSchema.Namespace;

    // Generous box around Japan's territory (Okinotorishima to Etorofu, Yonaguni to Minamitorishima).
    private const double South = 20, North = 46, West = 122, East = 154;

    public static CapIngest Map(XElement alert, string organisation)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var errors = new List<XmlFinding>();
        var warnings = new List<XmlFinding>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var msgType = alert.Element(Cap + "msgType")!.Value;
        var status = alert.Element(Cap + "status")!.Value switch
        {
            "Actual" => NoticeStatus.Actual,
            "Exercise" => NoticeStatus.Exercise,
            "Test" or "System" => NoticeStatus.Test,
            _ => string.Empty,
        };
        if (status.Length == 0)
        {
            errors.Add(new XmlFinding("/alert/status[1]", "draft-not-distributed", "status が Draft の CAP は配信しません（検証のみ可能です）。", "A Draft is never distributed (validate it instead)."));
        }

        if (msgType is "Ack" or "Error")
        {
            errors.Add(new XmlFinding("/alert/msgType[1]", "msgType-not-a-notice", $"msgType {msgType} は受信確認・エラー通知であり、お知らせではありません。", $"msgType {msgType} is an acknowledgement or error report, not a notice."));
        }

        var identifier = alert.Element(Cap + "identifier")!.Value;
        var sender = alert.Element(Cap + "sender")!.Value;
        var triples = (alert.Element(Cap + "references")?.Value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split(',')).Where(t => t.Length == 3).ToList();
        var noticeId = triples.Select(t => OwnIdentifier().Match(t[1])).FirstOrDefault(m => m.Success)?.Groups["id"].Value;
        var original = msgType == "Alert" || triples.Count == 0 ? identifier : (triples.FirstOrDefault(t => t[0] == sender) ?? triples[0])[1];
        var key = alert.Element(Cap + "incidents")?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? original;
        if (key.Length > 100)
        {
            key = "CAP " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        }

        var infos = alert.Elements(Cap + "info").ToList();
        var info = infos.FirstOrDefault(i => (i.Element(Cap + "language")?.Value ?? "en-US").StartsWith("ja", StringComparison.OrdinalIgnoreCase)) ?? infos.FirstOrDefault();
        var issuer = info is null ? null : Value(info, "parameter", "alerthub:issuer");
        issuer ??= organisation;
        var cancelReason = alert.Element(Cap + "note")?.Value is { Length: > 0 } note ? note : info?.Element(Cap + "description")?.Value ?? $"CAP Cancel {identifier}";
        if (cancelReason.Length > 500)
        {
            cancelReason = cancelReason[..500];
        }

        JsonObject? notice = null;
        if (msgType != "Cancel" && info is null)
        {
            errors.Add(new XmlFinding("/alert", "info-required", "Alert・Update には info が必要です。", "An Alert or Update needs an info block."));
        }
        else if (msgType != "Cancel" && info is not null)
        {
            notice = Notice(info, PathOf(info), status, issuer, key, errors, warnings, paths);
        }

        return new CapIngest(msgType, status, issuer, key, noticeId, cancelReason, notice, paths, errors, warnings);
    }

    private static JsonObject Notice(XElement info, string infoPath, string status, string issuer, string key, List<XmlFinding> errors, List<XmlFinding> warnings, Dictionary<string, string> paths)
    {
        var eventName = info.Element(Cap + "event")!.Value;
        var headline = info.Element(Cap + "headline")?.Value is { Length: > 0 } h ? h : eventName;
        var given = Value(info, "eventCode", "alerthub:level") ?? Value(info, "parameter", "alerthub:level");
        string? level = null;
        if (given is not null && Terms.EvacuationLevel.TryParse(given, out var parsed))
        {
            level = parsed;
        }
        else if (given is not null)
        {
            errors.Add(new XmlFinding(infoPath, "evacuation-level", $"alerthub:level「{given}」は警戒レベル（3, 4, 5 またはその名称）ではありません。",
                $"alerthub:level \"{given}\" is not an evacuation level (3, 4, 5 or its name)."));
        }

        level ??= Terms.EvacuationLevel.TryParse(eventName, out var named) ? named : null;
        var response = info.Elements(Cap + "responseType").Select(r => r.Value).ToList();
        var category = Value(info, "eventCode", "alerthub:category") ?? Value(info, "parameter", "alerthub:category")
            ?? (level is not null || response.Contains("Evacuate") || response.Contains("Shelter") ? NoticeCategory.Evacuation : NoticeCategory.Notice);
        if (category == NoticeCategory.Evacuation && level is null)
        {
            level = info.Element(Cap + "severity")?.Value switch { "Extreme" => "5", "Severe" => "4", _ => "3" };
            warnings.Add(new XmlFinding(infoPath + "/severity[1]", "level-from-severity", $"警戒レベルを severity から {level} と判断しました（alerthub:level で明示できます）。", $"The evacuation level was taken from severity as {level} (say it with alerthub:level)."));
        }

        var lifted = response.Contains("AllClear");
        var json = new JsonObject
        {
            ["category"] = category,
            ["status"] = status,
            ["issuer"] = issuer,
            ["headline"] = headline,
            ["disaster"] = key,
        };
        if (info.Element(Cap + "expires")?.Value is { } expires)
        {
            json["validUntil"] = expires;
        }

        var areas = new JsonArray();
        var inJapan = false;
        var anyArea = false;
        foreach (var area in info.Elements(Cap + "area"))
        {
            anyArea = true;
            var areaPath = PathOf(area);
            var name = area.Element(Cap + "areaDesc")!.Value;
            var codes = new List<string>();
            foreach (var geocode in area.Elements(Cap + "geocode"))
            {
                var valueName = geocode.Element(Cap + "valueName")!.Value;
                var value = geocode.Element(Cap + "value")!.Value;
                if (!IsJapaneseCodeName(valueName))
                {
                    warnings.Add(new XmlFinding(PathOf(geocode), "geocode-ignored", $"geocode「{valueName}」は日本の地方公共団体コードではないため使いません。", $"geocode \"{valueName}\" is not a Japanese local government code and is ignored."));
                    continue;
                }

                switch (LocalGovernmentCode.TryNormalise(value, out var five))
                {
                    case CodeParseResult.Ok:
                        codes.Add(five);
                        inJapan = true;
                        break;
                    case CodeParseResult.BadCheckDigit:
                        errors.Add(new XmlFinding(PathOf(geocode), "check-digit", $"コード {value} の検査数字が誤っています。", $"The check digit of code {value} is wrong."));
                        break;
                    default:
                        errors.Add(new XmlFinding(PathOf(geocode), "jis-x0402", $"「{value}」は 5 桁または 6 桁（検査数字付き）の市区町村コードではありません。", $"\"{value}\" is not a 5- or 6-digit (with check digit) municipality code."));
                        break;
                }
            }

            var shapes = new List<JsonObject>();
            foreach (var polygon in area.Elements(Cap + "polygon"))
            {
                inJapan |= polygon.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(CapValidator.Pair).Any(p => p is { } q && InJapan(q.Lat, q.Lon));
                shapes.Add(new JsonObject { ["polygon"] = polygon.Value });
            }

            foreach (var circle in area.Elements(Cap + "circle"))
            {
                var parts = circle.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (CapValidator.Pair(parts[0]) is { } centre && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius))
                {
                    inJapan |= InJapan(centre.Lat, centre.Lon);
                    shapes.Add(new JsonObject { ["circle"] = new JsonObject { ["lat"] = centre.Lat, ["lon"] = centre.Lon, ["radiusKm"] = radius } });
                }
            }

            // A shape with exactly one code is that municipality's part; otherwise shapes and codes are separate areas.
            var shapeCode = codes.Count == 1 && shapes.Count > 0 ? codes[0] : null;
            foreach (var shape in shapes)
            {
                shape["name"] = shapes.Count == 1 ? name : $"{name} ({areas.Count + 1})";
                if (shapeCode is not null)
                {
                    shape["municipality"] = shapeCode;
                }

                Add(areas, shape, areaPath, category, level, lifted, paths);
            }

            if (shapeCode is null)
            {
                foreach (var code in codes.Distinct(StringComparer.Ordinal))
                {
                    Add(areas, new JsonObject { ["municipality"] = code, ["name"] = name }, areaPath, category, level, lifted, paths);
                }
            }
        }

        if (anyArea && !inJapan)
        {
            errors.Add(new XmlFinding(infoPath, "outside-japan", "日本国内の地域（市区町村コードまたは国内の範囲）がありません。AlertHub は日本の地域だけを扱います。",
                "No area lies in Japan (no Japanese municipality code, no shape within Japan); AlertHub carries Japanese areas only."));
        }

        if (areas.Count > 0)
        {
            json["areas"] = areas;
        }

        if (category == NoticeCategory.Evacuation)
        {
            json["level"] = int.Parse(level!, CultureInfo.InvariantCulture);
            if (Value(info, "parameter", "alerthub:hazard") is { Length: > 0 } hazard)
            {
                json["hazard"] = hazard; // checked against the vocabulary by the JSON door's reader, like every field
            }

            foreach (var (field, name) in new[] { ("households", "alerthub:households"), ("persons", "alerthub:persons") })
            {
                if (int.TryParse(Value(info, "parameter", name), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    json[field] = count;
                }
            }
        }
        else
        {
            var text = string.Join("\n\n", new[] { info.Element(Cap + "description")?.Value, info.Element(Cap + "instruction")?.Value }.Where(t => !string.IsNullOrWhiteSpace(t)));
            var information = new JsonObject { ["title"] = headline };
            if (category == NoticeCategory.Notice)
            {
                information["category"] = info.Element(Cap + "category")!.Value;
                information["subcategory"] = eventName.Length <= 50 ? eventName : eventName[..50];
            }

            if (text.Length > 0)
            {
                information["text"] = text;
            }

            if (info.Element(Cap + "web")?.Value is { } web && Uri.TryCreate(web, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                information["url"] = web;
            }

            json["information"] = information;
        }

        return json;
    }

    private static void Add(JsonArray areas, JsonObject area, string capPath, string category, string? level, bool lifted, Dictionary<string, string> paths)
    {
        if (category == NoticeCategory.Evacuation)
        {
            area["level"] = int.Parse(level!, CultureInfo.InvariantCulture);
            area["state"] = lifted ? AreaStates.Lifted : AreaStates.Issued;
        }

        paths[$"areas[{areas.Count}]"] = capPath;
        areas.Add(area);
    }

    private static bool InJapan(double lat, double lon) => lat is >= South and <= North && lon is >= West and <= East;

    private static bool IsJapaneseCodeName(string valueName)
    {
        var name = valueName.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return name.Contains("X0402", StringComparison.Ordinal) || name is "LGCODE" or "JISCODE" or "MUNICIPALITY" or "全国地方公共団体コード";
    }

    private static string? Value(XElement info, string element, string name) =>
        info.Elements(Cap + element).FirstOrDefault(e => e.Element(Cap + "valueName")?.Value == name)?.Element(Cap + "value")?.Value;

    private static string PathOf(XElement element) => CapValidator.PathOf(element);

    [GeneratedRegex(@"^urn:alerthub:(?<id>\d{2}-[0-9a-f]{32}):\d+$")]
    private static partial Regex OwnIdentifier();
}
