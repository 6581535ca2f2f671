using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using System.Xml.Schema;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Cap;

/// <summary>
/// CAP 1.2 conformance: the official schema, then the specification's semantic rules the schema cannot express.
/// Liberal where it is safe (any namespace prefix; whitespace around values, which is trimmed; an unclosed polygon,
/// which is closed, with a warning), specific where it is not: each finding names its path and rule, in Japanese
/// and English.
/// </summary>
internal static partial class CapValidator
{
    public static readonly XNamespace Namespace = CapSchema.Namespace;

    private static readonly XNamespace Cap = Namespace;

    public static CapValidation Validate(byte[] bytes)
    {
        var (document, refusal) = SafeXml.Parse(bytes);
        if (document is null)
        {
            return new CapValidation(null, [new XmlFinding("/", refusal!.Rule, refusal.Message, refusal.MessageEn)], []);
        }

        var errors = new List<XmlFinding>();
        var warnings = new List<XmlFinding>();
        var root = document.Root!;
        if (root.Name.LocalName != "alert" || root.Name.Namespace != Cap)
        {
            var found = root.Name.Namespace.NamespaceName;
            errors.Add(new XmlFinding("/" + root.Name.LocalName, "cap-namespace",
                $"CAP 1.2 の alert 要素（名前空間 {CapSchema.Namespace}）ではありません（{root.Name.LocalName}、名前空間「{found}」）。",
                $"Not a CAP 1.2 alert element in namespace {CapSchema.Namespace} (found {root.Name.LocalName} in \"{found}\")."));
            return new CapValidation(document, errors, warnings);
        }

        Normalise(root, warnings);
        document.Validate(CapSchema.Set, (sender, e) => errors.Add(new XmlFinding(PathOf(sender as XObject), "schema",
            $"スキーマ違反: {e.Message}", $"Schema violation: {e.Message}")));
        CheckSemantics(root, errors, warnings);
        return new CapValidation(document, errors, warnings);
    }

    /// <summary>Path of an element or attribute, 1-based among same-named siblings.</summary>
    public static string PathOf(XObject? node)
    {
        var element = node as XElement ?? node?.Parent;
        var attribute = node is XAttribute a ? "/@" + a.Name.LocalName : string.Empty;
        var parts = new List<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var index = e.Parent is null ? 1 : e.ElementsBeforeSelf(e.Name).Count() + 1;
            parts.Add(e.Parent is null ? e.Name.LocalName : $"{e.Name.LocalName}[{index}]");
        }

        parts.Reverse();
        return "/" + string.Join('/', parts) + attribute;
    }

    // Whitespace around simple values is layout, not meaning: trim it before the schema sees enumerations and dates.
    private static void Normalise(XElement root, List<XmlFinding> warnings)
    {
        foreach (var leaf in root.Descendants().Where(e => !e.HasElements))
        {
            if (leaf.Name.LocalName is "description" or "instruction" or "note" or "derefUri")
            {
                continue; // free text and embedded content keep their layout
            }

            var trimmed = leaf.Name.LocalName is "polygon" or "references" or "addresses"
                ? Whitespace().Replace(leaf.Value.Trim(), " ")
                : leaf.Value.Trim();
            if (trimmed != leaf.Value)
            {
                leaf.Value = trimmed;
            }
        }

        foreach (var polygon in root.Descendants(Cap + "polygon"))
        {
            var pairs = polygon.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (pairs.Length >= 3 && pairs[0] != pairs[^1] && Pair(pairs[0]) is { } first && Pair(pairs[^1]) is { } last && first != last)
            {
                polygon.Value += " " + pairs[0];
                warnings.Add(new XmlFinding(PathOf(polygon), "polygon-closed",
                    "polygon の始点と終点が異なるため、始点を末尾に加えて閉じました。", "The polygon was not closed (first point ≠ last); the first point was appended."));
            }
        }
    }

    private static void CheckSemantics(XElement alert, List<XmlFinding> errors, List<XmlFinding> warnings)
    {
        foreach (var name in new[] { "identifier", "sender" })
        {
            if (alert.Element(Cap + name) is { } field && field.Value.Any(c => char.IsWhiteSpace(c) || c is ',' or '<' or '&'))
            {
                errors.Add(new XmlFinding(PathOf(field), "restricted-characters",
                    $"{name} に空白・カンマ・< ・& は使えません。", $"{name} must not contain spaces, commas, < or &."));
            }
        }

        var msgType = alert.Element(Cap + "msgType")?.Value;
        var references = alert.Element(Cap + "references");
        if (references is not null)
        {
            var triples = references.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (triples.Length == 0)
            {
                warnings.Add(new XmlFinding(PathOf(references), "references-empty", "references が空です（無視しました）。", "references is empty (ignored)."));
            }

            foreach (var triple in triples)
            {
                var parts = triple.Split(',');
                if (parts.Length != 3 || parts.Any(p => p.Length == 0) || !CapTime().IsMatch(parts[2]))
                {
                    errors.Add(new XmlFinding(PathOf(references), "references-triple",
                        $"references の「{Shorten(triple)}」は sender,identifier,sent（sent は 2026-01-01T09:00:00+09:00 の形）ではありません。",
                        $"\"{Shorten(triple)}\" in references is not sender,identifier,sent (sent like 2026-01-01T09:00:00+09:00)."));
                }
            }

            if (msgType == "Alert" && triples.Length > 0)
            {
                warnings.Add(new XmlFinding(PathOf(references), "alert-with-references",
                    "msgType が Alert なのに references があります（新規として扱います）。", "msgType Alert carries references (treated as a new alert)."));
            }
        }
        else if (msgType is "Update" or "Cancel")
        {
            warnings.Add(new XmlFinding("/alert[1]/msgType[1]", "references-missing",
                $"{msgType} には対象を示す references が必要です。", $"An {msgType} should name what it revises in references."));
        }

        var scope = alert.Element(Cap + "scope")?.Value;
        if (scope == "Restricted" && alert.Element(Cap + "restriction") is null)
        {
            errors.Add(new XmlFinding("/alert[1]/scope[1]", "restriction-required", "scope が Restricted のときは restriction が必要です。", "scope Restricted requires restriction."));
        }

        if (scope == "Private" && string.IsNullOrWhiteSpace(alert.Element(Cap + "addresses")?.Value))
        {
            errors.Add(new XmlFinding("/alert[1]/scope[1]", "addresses-required", "scope が Private のときは addresses が必要です。", "scope Private requires addresses."));
        }

        if (msgType == "Alert" && !alert.Elements(Cap + "info").Any())
        {
            warnings.Add(new XmlFinding("/alert[1]", "info-missing", "info がないため、伝える内容がありません。", "There is no info block: nothing to tell anyone."));
        }

        var sent = Time(alert.Element(Cap + "sent"));
        foreach (var info in alert.Elements(Cap + "info"))
        {
            var expires = Time(info.Element(Cap + "expires"));
            if (expires is { } end && sent is { } start && end < start)
            {
                errors.Add(new XmlFinding(PathOf(info.Element(Cap + "expires")), "expires-after-sent",
                    "expires が sent より前です（発表時点で失効しています）。", "expires is before sent: the alert would be expired when issued."));
            }

            foreach (var polygon in info.Descendants(Cap + "polygon"))
            {
                CheckPolygon(polygon, errors);
            }

            foreach (var circle in info.Descendants(Cap + "circle"))
            {
                CheckCircle(circle, errors);
            }

            foreach (var area in info.Elements(Cap + "area").Where(a => !a.Elements().Any(e => e.Name.LocalName is "polygon" or "circle" or "geocode")))
            {
                warnings.Add(new XmlFinding(PathOf(area), "area-text-only", "areaDesc だけの地域は地図に対応づけられません。", "An area with only areaDesc cannot be mapped."));
            }
        }
    }

    private static void CheckPolygon(XElement polygon, List<XmlFinding> errors)
    {
        var pairs = polygon.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (pairs.Length < 4)
        {
            errors.Add(new XmlFinding(PathOf(polygon), "polygon-min-points", "polygon には 4 点以上（始点と終点は同じ）が必要です。", "A polygon needs at least 4 points, the first equal to the last."));
        }

        foreach (var pair in pairs)
        {
            if (Pair(pair) is not { } point)
            {
                errors.Add(new XmlFinding(PathOf(polygon), "polygon-point", $"「{Shorten(pair)}」は「緯度,経度」ではありません。", $"\"{Shorten(pair)}\" is not \"latitude,longitude\"."));
                return;
            }

            if (Math.Abs(point.Lat) > 90 || Math.Abs(point.Lon) > 180)
            {
                errors.Add(new XmlFinding(PathOf(polygon), "coordinate-range",
                    $"「{Shorten(pair)}」が範囲外です（緯度 −90〜90、経度 −180〜180、緯度が先）。", $"\"{Shorten(pair)}\" is out of range (latitude −90 to 90, longitude −180 to 180, latitude first)."));
                return;
            }
        }
    }

    private static void CheckCircle(XElement circle, List<XmlFinding> errors)
    {
        var parts = circle.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || Pair(parts[0]) is not { } centre || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || !double.IsFinite(radius) || radius < 0)
        {
            errors.Add(new XmlFinding(PathOf(circle), "circle-format", "circle は「緯度,経度 半径km」です（半径は 0 以上）。", "A circle is \"latitude,longitude radius-km\" (radius 0 or more)."));
            return;
        }

        if (Math.Abs(centre.Lat) > 90 || Math.Abs(centre.Lon) > 180)
        {
            errors.Add(new XmlFinding(PathOf(circle), "coordinate-range", "circle の中心が範囲外です（緯度が先）。", "The circle's centre is out of range (latitude first)."));
        }
    }

    /// <summary>"lat,lon" as two finite numbers.</summary>
    public static (double Lat, double Lon)? Pair(string text)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma > 0
            && double.TryParse(text.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(text.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.IsFinite(lat) && double.IsFinite(lon)
            ? (lat, lon)
            : null;
    }

    public static DateTimeOffset? Time(XElement? element) =>
        element is not null && CapTime().IsMatch(element.Value) && DateTimeOffset.TryParse(element.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")]
    private static partial Regex CapTime();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
