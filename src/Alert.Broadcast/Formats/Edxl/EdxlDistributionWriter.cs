using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Alert.Broadcast.Formats.Cap;
using Alert.Contracts.Notices;
using Alert.Contracts.Vocabulary;
using NetTopologySuite.Geometries;

namespace Alert.Broadcast.Formats.Edxl;

/// <summary>
/// Writes one revision as an L-Alert distribution, as a transmitter's existing receiver expects: an EDXL-DE 1.0
/// envelope with FMMC's <c>commons</c> elements (targetArea per affected municipality with its JIS X 0402 code,
/// documentID = the notice id, documentRevision, category) carrying a PCXML <c>Report</c> (Control, Head, and the
/// category body: every area with its level, 発令/解除, counts and the issuer's polygon). distributionID is derived
/// from the notice and revision, so a receiver that sees the same revision twice sees the same distribution.
/// </summary>
public sealed class EdxlDistributionWriter(NoticePlaces places)
{
    public const string ContentType = "application/edxl+xml";
    public const string DeNamespace = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
    public const string CommonsNamespace = "http://xml.publiccommons.ne.jp/xml/edxl/";
    public const string ReportNamespace = "http://xml.publiccommons.ne.jp/pcxml1/3";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        NewLineChars = "\n",
    };

    public byte[] ToBytes(NoticeEnvelope revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            Write(writer, revision);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    public void Write(XmlWriter writer, NoticeEnvelope revision)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(revision);
        writer.WriteStartElement("edxlde", "EDXLDistribution", DeNamespace);
        writer.WriteAttributeString("xmlns", "commons", null, CommonsNamespace);
        De(writer, "distributionID", DistributionId(revision));
        De(writer, "senderID", $"{revision.Issuer}.alerthub.jp");
        De(writer, "dateTimeSent", CapIdentity.Time(revision.AcceptedAt));
        De(writer, "distributionStatus", CapTerms.Status(revision.Status));
        De(writer, "distributionType", revision.Kind == NoticeKind.Cancelled ? "Cancel" : revision.Revision == 1 ? "Report" : "Update");
        De(writer, "combinedConfidentiality", "UNCLASSIFIED AND NOT SENSITIVE");
        De(writer, "language", "ja-JP");
        foreach (var code in revision.AffectedMunicipalities)
        {
            writer.WriteStartElement("targetArea", CommonsNamespace);
            Commons(writer, "areaName", places.TerritoryName(code));
            Commons(writer, "jisX0402", places.Code6(code));
            writer.WriteEndElement();
        }

        writer.WriteStartElement("contentObject", CommonsNamespace);
        De(writer, "contentDescription", revision.Content.Headline);
        Commons(writer, "documentID", revision.Id);
        Commons(writer, "documentRevision", revision.Revision.ToString(CultureInfo.InvariantCulture));
        Commons(writer, "previousDocumentRevision", (revision.Revision - 1).ToString(CultureInfo.InvariantCulture));
        Commons(writer, "category", Category(revision.Category));
        Commons(writer, "publishingOfficeName", places.TerritoryName(revision.Issuer));
        Commons(writer, "publishingOfficeID", places.Code6(revision.Issuer));
        writer.WriteStartElement("xmlContent", DeNamespace);
        writer.WriteStartElement("embeddedXMLContent", DeNamespace);
        WriteReport(writer, revision);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private void WriteReport(XmlWriter writer, NoticeEnvelope revision)
    {
        writer.WriteStartElement("Report", ReportNamespace);
        writer.WriteStartElement("Control", ReportNamespace);
        Report(writer, "Title", CapTerms.Event(revision));
        Report(writer, "distributionStatus", CapTerms.Status(revision.Status));
        writer.WriteStartElement("EditorialOffice", ReportNamespace);
        Report(writer, "OfficeName", places.TerritoryName(revision.SubmittedBy.Length is 2 or 5 ? revision.SubmittedBy : revision.Issuer));
        writer.WriteEndElement();
        writer.WriteStartElement("PublishingOffice", ReportNamespace);
        Report(writer, "OfficeName", places.TerritoryName(revision.Issuer));
        Report(writer, "OrganizationCode", places.Code6(revision.Issuer));
        writer.WriteEndElement();
        if (revision.Errata is { } errata)
        {
            writer.WriteStartElement("Errata", ReportNamespace);
            Report(writer, "Description", errata.Reason);
            Report(writer, "DateTime", CapIdentity.Time(errata.At));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteStartElement("Head", ReportNamespace);
        Report(writer, "Title", CapTerms.Event(revision));
        Report(writer, "ReportDateTime", CapIdentity.Time(revision.AcceptedAt));
        Report(writer, "ValidDateTime", CapIdentity.Time(revision.ValidUntil));
        Report(writer, "documentID", revision.Id);
        Report(writer, "documentRevision", revision.Revision.ToString(CultureInfo.InvariantCulture));
        writer.WriteStartElement("Headline", ReportNamespace);
        Report(writer, "Text", revision.Content.Headline);
        writer.WriteEndElement();
        writer.WriteEndElement();
        WriteBody(writer, revision);
        writer.WriteEndElement();
    }

    private void WriteBody(XmlWriter writer, NoticeEnvelope revision)
    {
        var content = revision.Content;
        writer.WriteStartElement(Category(revision.Category), ReportNamespace);
        if (content.Disaster is { } disaster)
        {
            writer.WriteStartElement("Disaster", ReportNamespace);
            Report(writer, "DisasterName", disaster);
            Optional(writer, "DisasterKind", content.Hazard is { } hazard ? Terms.Hazard.Japanese(hazard) : null);
            writer.WriteEndElement();
        }

        switch (revision.Category)
        {
            case NoticeCategory.Evacuation:
                if (content.Households is not null || content.Persons is not null)
                {
                    writer.WriteStartElement("TotalNumber", ReportNamespace);
                    Count(writer, "Households", content.Households, "世帯");
                    Count(writer, "HeadCount", content.Persons, "人");
                    writer.WriteEndElement();
                }

                // One Detail per level and 発令/解除, as PCXML groups them.
                foreach (var group in content.Areas.GroupBy(a => (a.Level, a.State)))
                {
                    writer.WriteStartElement("Detail", ReportNamespace);
                    if (group.Key.Level is { } level)
                    {
                        Report(writer, "Sort", Terms.EvacuationLevel.Japanese(level.ToString(CultureInfo.InvariantCulture)));
                    }

                    Report(writer, "IssueOrLift", Terms.AreaState.Japanese(group.Key.State ?? AreaStates.Issued));
                    writer.WriteStartElement("Areas", ReportNamespace);
                    foreach (var area in group)
                    {
                        writer.WriteStartElement("Area", ReportNamespace);
                        writer.WriteStartElement("Location", ReportNamespace);
                        Report(writer, "areaName", area.Name ?? (area.Municipality is { } named && places.Territory(named) is { } municipality ? municipality.Name : string.Empty));
                        if (area.Municipality is { } code)
                        {
                            Report(writer, "jisX0402", places.Code6(code));
                        }

                        if (places.IssuerShape(area) is Polygon shape && NoticePlaces.LatLonRings(shape) is [var polygon])
                        {
                            Report(writer, "polygon", polygon);
                        }

                        writer.WriteEndElement();
                        Count(writer, "Households", area.Households, "世帯");
                        Count(writer, "HeadCount", area.Persons, "人");
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                break;
            case NoticeCategory.Shelter:
                writer.WriteStartElement("Informations", ReportNamespace);
                foreach (var shelter in content.Shelters)
                {
                    writer.WriteStartElement("Information", ReportNamespace);
                    writer.WriteStartElement("Location", ReportNamespace);
                    Report(writer, "areaName", shelter.Name);
                    Report(writer, "jisX0402", places.Code6(shelter.Municipality));
                    Optional(writer, "Address", shelter.Address);
                    if (shelter is { Latitude: { } lat, Longitude: { } lon })
                    {
                        Report(writer, "circle", string.Create(CultureInfo.InvariantCulture, $"{lat:R},{lon:R},0"));
                    }

                    writer.WriteEndElement();
                    Report(writer, "Name", shelter.Name);
                    Optional(writer, "Type", shelter.Type is { } type ? Terms.ShelterType.Japanese(type) : null);
                    Report(writer, "Status", Terms.ShelterStatus.Japanese(shelter.Status));
                    Count(writer, "Capacity", shelter.Capacity, "人");
                    Optional(writer, "Crowding", shelter.Crowding is { } crowding ? Terms.Crowding.Japanese(crowding) : null);
                    Count(writer, "HeadCount", shelter.Persons, "人");
                    Count(writer, "Households", shelter.Households, "世帯");
                    Optional(writer, "DateTime", shelter.CheckedAt is { } at ? CapIdentity.Time(at) : null);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                break;
            case NoticeCategory.Headquarters when content.Headquarters is { } hq:
                Report(writer, "Type", Terms.HeadquartersType.Japanese(hq.Type));
                Report(writer, "Status", Terms.HeadquartersState.Japanese(hq.State));
                Optional(writer, "DateTime", hq.At is { } when ? CapIdentity.Time(when) : null);
                break;
            case NoticeCategory.Damage when content.Damage is { } damage:
                if (damage.Human is { } human)
                {
                    writer.WriteStartElement("HumanDamage", ReportNamespace);
                    Count(writer, "Dead", human.Dead, "人");
                    Count(writer, "Missing", human.Missing, "人");
                    Count(writer, "SeriouslyInjured", human.SeriouslyInjured, "人");
                    Count(writer, "SlightlyInjured", human.SlightlyInjured, "人");
                    writer.WriteEndElement();
                }

                if (damage.Houses is { } houses)
                {
                    writer.WriteStartElement("HouseDamage", ReportNamespace);
                    writer.WriteAttributeString("unit", houses.Unit);
                    Count(writer, "Destroyed", houses.Destroyed, null);
                    Count(writer, "HalfDestroyed", houses.HalfDestroyed, null);
                    Count(writer, "PartiallyDamaged", houses.PartiallyDamaged, null);
                    Count(writer, "FloodedAboveFloor", houses.FloodedAboveFloor, null);
                    Count(writer, "FloodedBelowFloor", houses.FloodedBelowFloor, null);
                    writer.WriteEndElement();
                }

                break;
            default:
                if (content.Information is { } information)
                {
                    Optional(writer, "Category", information.Category);
                    Optional(writer, "SubCategory", information.Subcategory);
                    Report(writer, "Title", information.Title);
                    Optional(writer, "Text", information.Text);
                    Optional(writer, "URL", information.Url);
                }

                break;
        }

        writer.WriteEndElement();
    }

    private static string Category(string category) => category switch
    {
        NoticeCategory.Evacuation => "EvacuationOrder",
        NoticeCategory.Shelter => "Shelter",
        NoticeCategory.Headquarters => "AntidisasterHeadquarter",
        NoticeCategory.Damage => "DamageInformation",
        NoticeCategory.Event => "Event",
        _ => "GeneralInformation",
    };

    // A name-based UUID: the same notice revision is always the same distribution.
    private static string DistributionId(NoticeEnvelope revision)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"alerthub:{revision.Id}:{revision.Revision}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static void De(XmlWriter writer, string name, string value) => writer.WriteElementString("edxlde", name, DeNamespace, value);

    private static void Commons(XmlWriter writer, string name, string value) => writer.WriteElementString("commons", name, CommonsNamespace, value);

    private static void Report(XmlWriter writer, string name, string value) => writer.WriteElementString(name, ReportNamespace, value);

    private static void Optional(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            Report(writer, name, value);
        }
    }

    private static void Count(XmlWriter writer, string name, int? value, string? unit)
    {
        if (value is not { } number)
        {
            return;
        }

        writer.WriteStartElement(name, ReportNamespace);
        if (unit is not null)
        {
            writer.WriteAttributeString("unit", unit);
        }

        writer.WriteString(number.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
    }
}
