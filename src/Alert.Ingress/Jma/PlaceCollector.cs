using System.Xml.Linq;
using Alert.Contracts.Notices;
using Alert.Geo;
using Alert.Geo.Codes;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Jma;

/// <summary>
/// Gathers the places a part of a JMA report names, merging repeats (a municipality appears once per tier and per
/// kind) and keeping, per prefecture, only the finest tier: once a municipality of a prefecture is named, the
/// prefecture's coarser regions (府県予報区, 一次細分区域, 市町村等をまとめた地域) add nothing.
/// </summary>
internal sealed class PlaceCollector(JapanGeography geography, List<XmlFinding> warnings)
{
    private readonly Dictionary<(string Prefecture, string? Municipality, string Name), (string Code, bool Partial, List<JmaKind> Kinds)> _places = [];
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);

    public bool IsEmpty => _places.Count == 0;

    public IReadOnlyList<JmaPlace> All
    {
        get
        {
            var withMunicipalities = _places.Keys.Where(k => k.Municipality is not null).Select(k => k.Prefecture).ToHashSet(StringComparer.Ordinal);
            return [.. _places
                .Where(p => p.Key.Municipality is not null || !withMunicipalities.Contains(p.Key.Prefecture))
                .Select(p => new JmaPlace(p.Key.Prefecture, p.Key.Municipality, p.Key.Name, p.Value.Code, p.Value.Partial, p.Value.Kinds))
                .OrderBy(p => p.Prefecture, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)];
        }
    }

    public void CollectFrom(XElement section, string category)
    {
        foreach (var element in section.Descendants())
        {
            switch (element.Name.LocalName)
            {
                case "Area" or "City" when !Within(element, "Hypocenter"):
                    CollectArea(element, category);
                    break;
                case "Pref" when category == NoticeCategory.Earthquake:
                    // 地震情報／都道府県等: the prefecture code itself, with its highest intensity.
                    if (Code(element) is { Length: 2 } prefecture && geography.FindPrefecture(prefecture) is not null)
                    {
                        Add(prefecture, null, Name(element) ?? prefecture, prefecture, false, Intensity(element, "最大震度"));
                    }

                    break;
                case "TargetArea":
                    CollectForecastRegion(element);
                    break;
            }
        }
    }

    private void CollectArea(XElement area, string category)
    {
        var code = Code(area);
        var name = Name(area);
        if (code is null || name is null)
        {
            return;
        }

        var codeType = area.Parent?.Attribute("codeType")?.Value ?? area.Element(area.Name.Namespace + "Code")?.Attribute("type")?.Value ?? string.Empty;
        if (category == NoticeCategory.Tsunami && (Within(area, "Tsunami") || codeType.Contains("津波予報区", StringComparison.Ordinal)))
        {
            foreach (var prefecture in JmaRegions.PrefecturesOf(name, geography))
            {
                Add(prefecture, null, name, code, false, Kinds(area));
            }

            return;
        }

        if (code.Length == 7 && code.All(char.IsAsciiDigit))
        {
            CollectMunicipality(area, code, name, category);
            return;
        }

        if (code.Length == 6 && code.All(char.IsAsciiDigit) && IsForecastRegion(area, codeType))
        {
            CollectForecastRegion(area);
        }
    }

    private void CollectMunicipality(XElement area, string code, string name, string category)
    {
        // JMA's 市町村等 code is the 5-digit local government code and two digits: 00 for the whole municipality,
        // others for a part of it (浜松市北部). Either way the notice reaches that municipality.
        var municipality = geography.FindMunicipality(code[..5]);
        var kinds = area.Name.LocalName == "City" ? Intensity(area, "震度") : Kinds(area);
        if (municipality is not null)
        {
            Add(municipality.PrefectureCode, municipality.Code, name, code, !code.EndsWith("00", StringComparison.Ordinal), kinds);
            return;
        }

        if (_unknown.Add(code))
        {
            warnings.Add(new XmlFinding(Path(area), "known-municipality",
                $"{name}（{code}）は市区町村として見つかりません。都道府県全体として扱います。",
                $"{name} ({code}) is not a known municipality; it is treated as its whole prefecture."));
        }

        if (LocalGovernmentCode.IsPrefectureCode(code[..2]) && geography.FindPrefecture(code[..2]) is not null && category != NoticeCategory.Earthquake)
        {
            Add(code[..2], null, name, code, false, kinds);
        }
    }

    /// <summary>A 府県予報区 or one of its subdivisions (6 digits, the first two the prefecture's code): the prefecture.</summary>
    private void CollectForecastRegion(XElement area)
    {
        if (Code(area) is not { Length: 6 } code || !code.All(char.IsAsciiDigit))
        {
            return;
        }

        if (geography.FindPrefecture(code[..2]) is null)
        {
            if (_unknown.Add(code))
            {
                warnings.Add(new XmlFinding(Path(area), "known-prefecture", $"{Name(area)}（{code}）はどの都道府県の予報区でもありません。",
                    $"{Name(area)} ({code}) is not a forecast area of any prefecture."));
            }

            return;
        }

        Add(code[..2], null, Name(area) ?? code, code, false, Kinds(area));
    }

    private static bool IsForecastRegion(XElement area, string codeType) =>
        codeType.Contains("府県予報区", StringComparison.Ordinal)
        || area.Ancestors().Any(a => a.Attribute("type")?.Value is { } type
            && (type.Contains("府県予報区", StringComparison.Ordinal) || type.Contains("細分区域", StringComparison.Ordinal)
                || type.Contains("まとめた地域", StringComparison.Ordinal) || type.Contains("発表細分", StringComparison.Ordinal)));

    private void Add(string prefecture, string? municipality, string name, string code, bool partial, IEnumerable<JmaKind> kinds)
    {
        var key = (prefecture, municipality, name);
        if (!_places.TryGetValue(key, out var place))
        {
            place = (code, partial, []);
            _places[key] = place;
        }

        foreach (var kind in kinds)
        {
            if (!place.Kinds.Any(k => k.Name == kind.Name))
            {
                place.Kinds.Add(kind);
            }
        }
    }

    /// <summary>The kinds said of an area: its Item's Kind elements (tsunami: Item/Category/Kind), with Status or Condition.</summary>
    private static IEnumerable<JmaKind> Kinds(XElement area)
    {
        var item = area.Ancestors().FirstOrDefault(a => a.Name.LocalName == "Item");
        if (item is null)
        {
            yield break;
        }

        var kinds = item.Elements().Where(e => e.Name.LocalName == "Kind")
            .Concat(item.Elements().Where(e => e.Name.LocalName == "Category").Elements().Where(e => e.Name.LocalName == "Kind"));
        foreach (var kind in kinds)
        {
            var status = JmaReader.Child(kind, "Status")?.Value.Trim() ?? JmaReader.Child(kind, "Condition")?.Value.Trim();
            status = string.IsNullOrEmpty(status) ? null : status;
            if ((Name(kind) ?? status) is { } name)
            {
                // A Kind may carry only a Status (発表警報・注意報はなし): the status is then all that is said.
                yield return new JmaKind(name, status);
            }
        }
    }

    /// <summary>What the Headline says of the report as a whole (its Information items' kinds), for places the Body names without kinds.</summary>
    public static IReadOnlyList<JmaKind> HeadlineKinds(XElement? head) =>
        head is null ? [] : [.. head.Descendants().Where(e => e.Name.LocalName == "Areas").SelectMany(Kinds).DistinctBy(k => k.Name)];

    private static IEnumerable<JmaKind> Intensity(XElement element, string label)
    {
        if (JmaReader.Child(element, "MaxInt")?.Value.Trim() is { Length: > 0 } intensity)
        {
            yield return new JmaKind($"{label}{Shown(intensity)}", null);
        }
    }

    /// <summary>JMA writes intensities as 1–4, 5-, 5+, 6-, 6+, 7; people read 震度５弱 and ６強.</summary>
    private static string Shown(string intensity) => intensity switch
    {
        "5-" => "５弱",
        "5+" => "５強",
        "6-" => "６弱",
        "6+" => "６強",
        _ => intensity,
    };

    private static bool Within(XElement element, string localName) => element.Ancestors().Any(a => a.Name.LocalName == localName);

    private static string? Code(XElement element) => JmaReader.Child(element, "Code")?.Value.Trim() is { Length: > 0 } code ? code : null;

    private static string? Name(XElement element) => JmaReader.Child(element, "Name")?.Value.Trim() is { Length: > 0 } name ? name : null;

    private static string Path(XElement element) =>
        "/" + string.Join('/', element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName));
}
