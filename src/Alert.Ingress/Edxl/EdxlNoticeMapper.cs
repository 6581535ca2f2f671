using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Alert.Contracts.Notices;
using Alert.Contracts.Vocabulary;
using Alert.Geo.Codes;
using Alert.Ingress.Documents;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Edxl;

/// <summary>
/// An L-Alert distribution as a hub notice. The state categories keep one document per issuer × disaster × category,
/// which is exactly the sequencer's identity, so the disaster name (DisasterName) is the key; notices and events,
/// one document each, follow their documentID. distributionType Report issues, or revises the document in force (a
/// re-sent Report is a full snapshot); Update revises (a correction when Errata is given); Cancel withdraws (取消).
/// </summary>
internal static class EdxlNoticeMapper
{
    public static (DocumentRequest? Request, IReadOnlyList<XmlFinding> Errors) Map(EdxlMessage message, string organisation)
    {
        ArgumentNullException.ThrowIfNull(message);
        var errors = new List<XmlFinding>();
        var warnings = new List<XmlFinding>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var status = message.DistributionStatus switch
        {
            "Actual" => NoticeStatus.Actual,
            "Exercise" => NoticeStatus.Exercise,
            _ => NoticeStatus.Test,
        };
        var action = message.DistributionType switch
        {
            "Report" => DocumentAction.Revise, // a snapshot: revises the document in force, or issues it
            "Update" => DocumentAction.Revise,
            "Cancel" => DocumentAction.Cancel,
            _ => (DocumentAction?)null,
        };
        if (action is null)
        {
            errors.Add(new XmlFinding("/EDXLDistribution/distributionType", "distribution-type", $"distributionType {message.DistributionType} はお知らせではありません（Report, Update, Cancel）。", $"distributionType {message.DistributionType} is not a notice (Report, Update, Cancel)."));
        }

        if (message.DocumentId is null)
        {
            errors.Add(new XmlFinding("/EDXLDistribution/contentObject/documentID", "required", "documentID は必須です。", "documentID is required."));
        }

        var category = message.Category switch
        {
            "EvacuationOrder" => NoticeCategory.Evacuation,
            "Shelter" => NoticeCategory.Shelter,
            "AntidisasterHeadquarter" => NoticeCategory.Headquarters,
            "DamageInformation" => NoticeCategory.Damage,
            "GeneralInformation" => NoticeCategory.Notice,
            "Event" => NoticeCategory.Event,
            _ => null,
        };
        if (category is null || message.Body is null)
        {
            errors.Add(new XmlFinding("/EDXLDistribution/contentObject/category", "category", "category（EvacuationOrder, Shelter, AntidisasterHeadquarter, DamageInformation, GeneralInformation, Event）と本文が必要です。",
                "A category (EvacuationOrder, Shelter, AntidisasterHeadquarter, DamageInformation, GeneralInformation, Event) and its body are required."));
        }

        var issuer = Code(message.PublishingOfficeId) ?? (message.TargetCodes.Count == 1 ? message.TargetCodes[0] : null) ?? organisation;
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var body = message.Body!;
        var report = message.Report!;
        var disaster = EdxlReader.Find(body, "DisasterName");
        var key = category is NoticeCategory.Notice or NoticeCategory.Event || disaster is null ? message.DocumentId! : disaster;
        var errata = report.Descendants().FirstOrDefault(e => e.Name.LocalName == "Errata");
        var errataReason = errata is null ? null : EdxlReader.Find(errata, "Description") ?? EdxlReader.Find(errata, "Reason");
        var headline = EdxlReader.Find(report.Elements().FirstOrDefault(e => e.Name.LocalName == "Head")?.Elements().FirstOrDefault(e => e.Name.LocalName == "Headline"), "Text")
            ?? message.Description ?? EdxlReader.Find(report, "Title") ?? category;
        var json = new JsonObject { ["category"] = category, ["status"] = status, ["issuer"] = issuer, ["headline"] = headline, ["disaster"] = key };
        if (EdxlReader.Find(report, "ValidDateTime") is { } valid)
        {
            json["validUntil"] = valid;
        }

        switch (category)
        {
            case NoticeCategory.Evacuation:
                Evacuation(body, json, message, paths);
                break;
            case NoticeCategory.Shelter:
                json["shelters"] = Shelters(body, issuer, paths);
                break;
            case NoticeCategory.Headquarters:
                json["headquarters"] = Clean(new JsonObject
                {
                    ["type"] = EdxlReader.Find(body, "Type"),
                    ["state"] = EdxlReader.Find(body, "Status"),
                    ["at"] = EdxlReader.Find(body, "DateTime"),
                });
                break;
            case NoticeCategory.Damage:
                json["damage"] = Damage(body);
                break;
            default:
                json["information"] = Clean(new JsonObject
                {
                    ["category"] = category == NoticeCategory.Notice ? EdxlReader.Find(body, "Category") : null,
                    ["subcategory"] = category == NoticeCategory.Notice ? EdxlReader.Find(body, "SubCategory") : null,
                    ["title"] = EdxlReader.Find(body, "Title") ?? headline,
                    ["text"] = EdxlReader.Find(body, "Text"),
                    ["url"] = EdxlReader.Find(body, "URL") ?? EdxlReader.Find(body, "Url"),
                });
                break;
        }

        var cancelReason = errataReason ?? $"L-Alert Cancel {message.DocumentId}";
        var correction = message.DistributionType == "Update" ? errataReason : null;
        return (new DocumentRequest(action!.Value, issuer, status, key, null, action == DocumentAction.Cancel ? null : json, cancelReason, correction, paths, warnings,
            new SourceDocument("edxl", message.DocumentId!, message.DocumentRevision ?? 1), (message.Sent, "/EDXLDistribution/dateTimeSent")), errors);
    }

    private static void Evacuation(XElement body, JsonObject json, EdxlMessage message, Dictionary<string, string> paths)
    {
        var areas = new JsonArray();
        var detailIndex = 0;
        foreach (var detail in body.Elements().Where(e => e.Name.LocalName == "Detail"))
        {
            detailIndex++;
            var sort = EdxlReader.Find(detail, "Sort");
            var level = sort is not null && Terms.EvacuationLevel.TryParse(sort, out var code) ? int.Parse(code, CultureInfo.InvariantCulture) : (int?)null;
            var lifted = EdxlReader.Find(detail, "IssueOrLift") is "解除" or "lifted";
            var areaIndex = 0;
            foreach (var area in detail.Descendants().Where(e => e.Name.LocalName == "Area" && e.Elements().Any(c => c.Name.LocalName == "Location")))
            {
                areaIndex++;
                var location = area.Elements().First(c => c.Name.LocalName == "Location");
                var entry = Clean(new JsonObject
                {
                    ["municipality"] = Code(EdxlReader.Find(location, "jisX0402")) ?? (message.TargetCodes.Count == 1 ? message.TargetCodes[0] : null),
                    ["name"] = EdxlReader.Find(location, "areaName"),
                    ["polygon"] = EdxlReader.Find(location, "polygon"),
                    ["level"] = level,
                    ["state"] = lifted ? AreaStates.Lifted : AreaStates.Issued,
                    ["households"] = Number(EdxlReader.Find(area, "Households")),
                    ["persons"] = Number(EdxlReader.Find(area, "HeadCount")),
                });
                if (EdxlReader.Find(location, "circle") is { } circle && Circle(circle) is { } shape)
                {
                    entry["circle"] = shape;
                }

                paths[$"areas[{areas.Count}]"] = $"/EDXLDistribution/contentObject/Report/EvacuationOrder/Detail[{detailIndex}]/Areas/Area[{areaIndex}]";
                areas.Add(entry);
            }
        }

        json["areas"] = areas;
        if (EdxlReader.Find(body, "DisasterKind") is { } hazard)
        {
            json["hazard"] = hazard;
        }

        var total = body.Elements().FirstOrDefault(e => e.Name.LocalName == "TotalNumber");
        if (Number(EdxlReader.Find(total, "Households")) is { } households)
        {
            json["households"] = households;
        }

        if (Number(EdxlReader.Find(total, "HeadCount")) is { } persons)
        {
            json["persons"] = persons;
        }
    }

    private static JsonArray Shelters(XElement body, string issuer, Dictionary<string, string> paths)
    {
        var shelters = new JsonArray();
        var index = 0;
        foreach (var information in body.Descendants().Where(e => e.Name.LocalName == "Information"))
        {
            index++;
            var location = information.Elements().FirstOrDefault(c => c.Name.LocalName == "Location");
            var circle = Circle(EdxlReader.Find(location, "circle") ?? string.Empty);
            var shelter = Clean(new JsonObject
            {
                ["municipality"] = Code(EdxlReader.Find(location, "jisX0402")) ?? issuer,
                ["name"] = EdxlReader.Find(information, "Name") ?? EdxlReader.Find(location, "areaName"),
                ["address"] = EdxlReader.Find(location, "Address") ?? EdxlReader.Find(information, "Address"),
                ["type"] = EdxlReader.Find(information, "Type"),
                ["status"] = EdxlReader.Find(information, "Status"),
                ["capacity"] = Number(EdxlReader.Find(information, "Capacity")),
                ["crowding"] = EdxlReader.Find(information, "Crowding"),
                ["persons"] = Number(EdxlReader.Find(information, "HeadCount")),
                ["households"] = Number(EdxlReader.Find(information, "Households")),
                ["checkedAt"] = EdxlReader.Find(information, "DateTime"),
            });
            if (circle is not null)
            {
                shelter["location"] = new JsonObject { ["lat"] = circle["lat"]!.GetValue<double>(), ["lon"] = circle["lon"]!.GetValue<double>() };
            }

            paths[$"shelters[{shelters.Count}]"] = $"/EDXLDistribution/contentObject/Report/Shelter/Information[{index}]";
            shelters.Add(shelter);
        }

        return shelters;
    }

    private static JsonObject Damage(XElement body)
    {
        var damage = new JsonObject();
        var human = body.Descendants().FirstOrDefault(e => e.Name.LocalName == "HumanDamage");
        if (human is not null)
        {
            damage["human"] = Clean(new JsonObject
            {
                ["dead"] = Number(EdxlReader.Find(human, "Dead")),
                ["missing"] = Number(EdxlReader.Find(human, "Missing")),
                ["seriouslyInjured"] = Number(EdxlReader.Find(human, "SeriouslyInjured")),
                ["slightlyInjured"] = Number(EdxlReader.Find(human, "SlightlyInjured")),
            });
        }

        var houses = body.Descendants().FirstOrDefault(e => e.Name.LocalName == "HouseDamage");
        if (houses is not null)
        {
            damage["houses"] = Clean(new JsonObject
            {
                ["destroyed"] = Number(EdxlReader.Find(houses, "Destroyed")),
                ["halfDestroyed"] = Number(EdxlReader.Find(houses, "HalfDestroyed")),
                ["partiallyDamaged"] = Number(EdxlReader.Find(houses, "PartiallyDamaged")),
                ["floodedAboveFloor"] = Number(EdxlReader.Find(houses, "FloodedAboveFloor")),
                ["floodedBelowFloor"] = Number(EdxlReader.Find(houses, "FloodedBelowFloor")),
                ["unit"] = houses.Attribute("unit")?.Value ?? "棟",
            });
        }

        return damage;
    }

    /// <summary>EDXL-DE circles are "lat,lon radius" (FMMC writes "lat,lon,radius"); radius in km.</summary>
    private static JsonObject? Circle(string text)
    {
        var parts = text.Replace(' ', ',').Split(',', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius)
            ? new JsonObject { ["lat"] = lat, ["lon"] = lon, ["radiusKm"] = radius }
            : null;
    }

    private static string? Code(string? value) => value is not null && LocalGovernmentCode.TryNormalise(value, out var five) == CodeParseResult.Ok ? five : value is { Length: 2 } ? value : null;

    // Counts stay text when they are not numbers, so the JSON door names the field and the rule.
    private static JsonNode? Number(string? text) =>
        text is null ? null : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(text);

    private static JsonObject Clean(JsonObject node)
    {
        foreach (var name in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(name);
        }

        return node;
    }
}
