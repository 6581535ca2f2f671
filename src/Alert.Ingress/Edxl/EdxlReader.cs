using System.Globalization;
using System.Xml.Linq;
using Alert.Geo.Codes;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Edxl;

/// <summary>
/// Reads an L-Alert distribution: an OASIS EDXL-DE 1.0 envelope (FMMC's <c>commons</c> extensions) carrying a PCXML
/// <c>Report</c>. The envelope's required elements and vocabularies are checked strictly (these are the "schema"
/// violations a SOAP caller hears as code 402); inside the Report, elements are found by local name, so the PCXML
/// revisions' differing namespaces all read the same.
/// </summary>
internal static class EdxlReader
{
    public const string DeNamespace = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
    public const string CommonsNamespace = "http://xml.publiccommons.ne.jp/xml/edxl/";

    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "EvacuationOrder", "Shelter", "AntidisasterHeadquarter", "DamageInformation", "GeneralInformation", "Event",
    };

    private static readonly XNamespace De = DeNamespace;
    private static readonly string[] Statuses = ["Actual", "Exercise", "System", "Test"];
    private static readonly string[] Types = ["Report", "Update", "Cancel", "Request", "Response", "Dispatch", "Ack", "Error"];

    /// <summary>Reads a parsed document's root (the distribution itself, or anything holding it, such as a SOAP body).</summary>
    public static (EdxlMessage? Message, IReadOnlyList<XmlFinding> Errors) Read(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = new List<XmlFinding>();
        var distribution = root.Name == De + "EDXLDistribution" ? root : root.Descendants(De + "EDXLDistribution").FirstOrDefault();
        if (distribution is null)
        {
            errors.Add(new XmlFinding("/", "edxl-distribution", $"EDXL-DE の EDXLDistribution 要素（名前空間 {DeNamespace}）がありません。",
                $"There is no EDXL-DE EDXLDistribution element (namespace {DeNamespace})."));
            return (null, errors);
        }

        string? Required(string name, IReadOnlyList<string>? allowed = null)
        {
            var value = distribution.Element(De + name)?.Value.Trim();
            if (string.IsNullOrEmpty(value))
            {
                errors.Add(new XmlFinding($"/EDXLDistribution/{name}", "required", $"{name} は必須です。", $"{name} is required."));
                return null;
            }

            if (allowed is not null && !allowed.Contains(value))
            {
                errors.Add(new XmlFinding($"/EDXLDistribution/{name}", "allowed-value", $"{name} は {string.Join(", ", allowed)} のいずれかです。", $"{name} must be one of {string.Join(", ", allowed)}."));
                return null;
            }

            return value;
        }

        var id = Required("distributionID");
        var sender = Required("senderID");
        var sentText = Required("dateTimeSent");
        var status = Required("distributionStatus", Statuses);
        var type = Required("distributionType", Types);
        Required("combinedConfidentiality");
        DateTimeOffset sent = default;
        if (sentText is not null && !DateTimeOffset.TryParse(sentText, CultureInfo.InvariantCulture, DateTimeStyles.None, out sent))
        {
            errors.Add(new XmlFinding("/EDXLDistribution/dateTimeSent", "date-time", "dateTimeSent は 2026-11-25T09:00:00+09:00 の形です。", "dateTimeSent must look like 2026-11-25T09:00:00+09:00."));
        }

        var codes = new List<string>();
        foreach (var code in distribution.Elements().Where(e => e.Name.LocalName == "targetArea").SelectMany(a => a.Elements().Where(e => e.Name.LocalName == "jisX0402")))
        {
            switch (LocalGovernmentCode.TryNormalise(code.Value.Trim(), out var five))
            {
                case CodeParseResult.Ok:
                    codes.Add(five);
                    break;
                case CodeParseResult.BadCheckDigit:
                    errors.Add(new XmlFinding("/EDXLDistribution/targetArea/jisX0402", "check-digit", $"コード {code.Value} の検査数字が誤っています。", $"The check digit of code {code.Value} is wrong."));
                    break;
                default:
                    errors.Add(new XmlFinding("/EDXLDistribution/targetArea/jisX0402", "jis-x0402", $"「{code.Value}」は地方公共団体コードではありません。", $"\"{code.Value}\" is not a local government code."));
                    break;
            }
        }

        var content = distribution.Elements().FirstOrDefault(e => e.Name.LocalName == "contentObject");
        var report = content?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Report");
        if (report is null)
        {
            errors.Add(new XmlFinding("/EDXLDistribution/contentObject", "report-required", "contentObject の embeddedXMLContent に PCXML の Report がありません。", "contentObject carries no PCXML Report in embeddedXMLContent."));
        }

        var body = report?.Elements().FirstOrDefault(e => Categories.Contains(e.Name.LocalName));
        var category = Find(content, "category") ?? body?.Name.LocalName;
        if (report is not null && body is null)
        {
            errors.Add(new XmlFinding("/EDXLDistribution/contentObject/Report", "category-body", $"Report に本文（{string.Join(", ", Categories)}）がありません。", $"The Report has no body ({string.Join(", ", Categories)})."));
        }

        var revisionText = Find(content, "documentRevision");
        int? revision = int.TryParse(revisionText, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : null;
        if (revisionText is not null && revision is null)
        {
            errors.Add(new XmlFinding("/EDXLDistribution/contentObject/documentRevision", "positive-integer", "documentRevision は 1 以上の整数です。", "documentRevision must be a whole number from 1."));
        }

        return errors.Count > 0 && (id is null || status is null || type is null)
            ? (null, errors)
            : (new EdxlMessage(id ?? string.Empty, sender ?? string.Empty, sent, status ?? string.Empty, type ?? string.Empty, Find(content, "documentID"), revision, category,
                Find(content, "publishingOfficeID") ?? Find(report, "OrganizationCode"), Find(content, "contentDescription"), codes, report, body), errors);
    }

    /// <summary>The first descendant with this local name, trimmed; null when absent or empty.</summary>
    public static string? Find(XElement? scope, string localName) =>
        scope?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName && !e.HasElements)?.Value.Trim() is { Length: > 0 } value ? value : null;
}
