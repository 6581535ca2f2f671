using System.Globalization;
using System.Xml.Linq;
using Alert.Contracts.Notices;
using Alert.Geo;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Jma;

/// <summary>
/// Reads a 気象庁防災情報XML <c>Report</c>. Control and Head are read strictly (the series, the report time, the status
/// that keeps drills off the actual feed); the Body is read by local name, so every report type's namespace reads the
/// same, and the places it names are taken from the finest tier it has: JMA's 7-digit 市町村等 codes where given,
/// otherwise the prefecture of a 府県予報区, a seismic 都道府県 or a 津波予報区.
/// </summary>
internal static class JmaReader
{
    public const string Namespace = "http://xml.kishou.go.jp/jmaxml1/";

    private static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["通常"] = NoticeStatus.Actual,
        ["訓練"] = NoticeStatus.Exercise,
        ["試験"] = NoticeStatus.Test,
    };

    private static readonly string[] InfoTypes = [JmaInfoTypes.Issued, JmaInfoTypes.Corrected, JmaInfoTypes.Cancelled];

    public static (JmaReport? Report, IReadOnlyList<XmlFinding> Errors, IReadOnlyList<XmlFinding> Warnings) Read(XElement root, JapanGeography geography)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(geography);
        var errors = new List<XmlFinding>();
        var warnings = new List<XmlFinding>();
        if (root.Name != XName.Get("Report", Namespace))
        {
            errors.Add(new XmlFinding("/", "jma-report", $"気象庁防災情報XML の Report 要素（名前空間 {Namespace}）がありません。",
                $"There is no JMA Report element (namespace {Namespace})."));
            return (null, errors, warnings);
        }

        var control = root.Element(XName.Get("Control", Namespace));
        var head = Child(root, "Head");
        var body = Child(root, "Body");
        string? Required(XElement? parent, string section, string name)
        {
            var value = parent is null ? null : Child(parent, name)?.Value.Trim();
            if (string.IsNullOrEmpty(value))
            {
                errors.Add(new XmlFinding($"/Report/{section}/{name}", "required", $"{section}/{name} は必須です。", $"{section}/{name} is required."));
                return null;
            }

            return value;
        }

        var controlTitle = Required(control, "Control", "Title");
        var statusText = Required(control, "Control", "Status");
        var editorialOffice = Child(control, "EditorialOffice")?.Value.Trim() ?? string.Empty;
        var title = Required(head, "Head", "Title");
        var reportTime = Time(Required(head, "Head", "ReportDateTime"), "/Report/Head/ReportDateTime", errors);
        var validTime = Child(head, "ValidDateTime")?.Value.Trim() is { Length: > 0 } valid ? Time(valid, "/Report/Head/ValidDateTime", errors) : null;
        var infoType = Required(head, "Head", "InfoType");
        var eventId = Child(head, "EventID")?.Value.Trim() ?? string.Empty;
        var infoKind = Child(head, "InfoKind")?.Value.Trim() ?? string.Empty;
        var headline = Child(Child(head, "Headline"), "Text")?.Value.Trim() ?? string.Empty;

        string? status = null;
        if (statusText is not null && !Statuses.TryGetValue(statusText, out status))
        {
            errors.Add(new XmlFinding("/Report/Control/Status", "allowed-value", "Control/Status は 通常・訓練・試験 のいずれかです。", "Control/Status must be 通常, 訓練 or 試験."));
        }

        if (infoType is not null && !InfoTypes.Contains(infoType))
        {
            errors.Add(new XmlFinding("/Report/Head/InfoType", "allowed-value", "Head/InfoType は 発表・訂正・取消 のいずれかです。", "Head/InfoType must be 発表, 訂正 or 取消."));
        }

        int? serial = null;
        if (Child(head, "Serial")?.Value.Trim() is { Length: > 0 } serialText)
        {
            if (int.TryParse(serialText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and < 100_000)
            {
                serial = parsed;
            }
            else
            {
                errors.Add(new XmlFinding("/Report/Head/Serial", "serial", "Head/Serial は正の整数です。", "Head/Serial must be a positive integer."));
            }
        }

        var category = controlTitle is null ? null : Category(body, controlTitle);
        if (controlTitle is not null && category is null)
        {
            errors.Add(new XmlFinding("/Report/Body", "jma-report-type",
                $"この種類の電文（{controlTitle}）は中継の対象外です（気象・地震・津波・火山の Body が必要です）。",
                $"This report type ({controlTitle}) is not relayed: it needs a meteorology, seismology or volcanology Body."));
        }

        if (errors.Count > 0)
        {
            return (null, errors, warnings);
        }

        var places = new PlaceCollector(geography, warnings);
        if (body is not null)
        {
            places.CollectFrom(body, category!);
        }

        if (places.IsEmpty && head is not null)
        {
            places.CollectFrom(head, category!);
        }

        // Some Body tiers name places without kinds (水位周知河川's 浸水想定地区): they take what the Headline says.
        var headlineKinds = PlaceCollector.HeadlineKinds(Child(head, "Headline"));
        var named = places.All.Select(p => p.Kinds.Count == 0 && headlineKinds.Count > 0 ? p with { Kinds = headlineKinds } : p).ToList();
        var report = new JmaReport(controlTitle!, status!, editorialOffice, title!, reportTime!.Value, validTime, eventId, infoType!, serial,
            infoKind, headline, category!, named);
        return (report, errors, warnings);
    }

    /// <summary>The hub category from the Body's namespace (each JMA body schema has its own) and, for seismology, the title.</summary>
    private static string? Category(XElement? body, string controlTitle) => body?.Name.NamespaceName switch
    {
        { } ns when ns.EndsWith("/body/meteorology1/", StringComparison.Ordinal) => NoticeCategory.Weather,
        { } ns when ns.EndsWith("/body/seismology1/", StringComparison.Ordinal) =>
            controlTitle.Contains("津波", StringComparison.Ordinal) ? NoticeCategory.Tsunami : NoticeCategory.Earthquake,
        { } ns when ns.EndsWith("/body/volcanology1/", StringComparison.Ordinal) => NoticeCategory.Volcano,
        _ => null,
    };

    private static DateTimeOffset? Time(string? value, string path, List<XmlFinding> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && value.Length >= 19
            && (value.EndsWith('Z') || value[^6] is '+' or '-'))
        {
            return time;
        }

        errors.Add(new XmlFinding(path, "date-time", $"{path} は時差付きの日時（2026-08-01T09:00:00+09:00）です。", $"{path} must be a date and time with its offset (2026-08-01T09:00:00+09:00)."));
        return null;
    }

    internal static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
