using System.Globalization;
using System.Text;
using System.Xml;
using Alert.Contracts.Notices;
using Alert.Contracts.Vocabulary;

namespace Alert.Broadcast.Formats.Cap;

/// <summary>
/// Writes one revision as a CAP 1.2 <c>alert</c>, strictly: the schema's element order, its vocabularies, times with
/// an offset, <c>references</c> to every earlier revision, and for each area the exact polygon(s) it covers (the
/// issuer's shape, or the municipality's boundary when the area was named by code) beside its JIS X 0402 geocode, so
/// no receiver has to map a text name. CAP polygons have no holes: a hole is left covered, never cut away.
/// </summary>
public sealed class CapAlertWriter(NoticePlaces places)
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        NewLineChars = "\n",
        OmitXmlDeclaration = false,
    };

    /// <summary>The revision as a CAP document (UTF-8).</summary>
    /// <param name="earlier">The notice's earlier revisions, oldest first: they become <c>references</c>.</param>
    /// <param name="web">Where the notice can be read, if known.</param>
    public byte[] ToBytes(NoticeEnvelope revision, IReadOnlyList<NoticeEnvelope> earlier, Uri? web = null)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            Write(writer, revision, earlier, web);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>Writes the <c>alert</c> element at the writer's position (inside an Atom entry, for example).</summary>
    public void Write(XmlWriter writer, NoticeEnvelope revision, IReadOnlyList<NoticeEnvelope> earlier, Uri? web = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(earlier);
        writer.WriteStartElement("alert", CapIdentity.Namespace);
        writer.WriteElementString("identifier", CapIdentity.Namespace, CapIdentity.Identifier(revision));
        writer.WriteElementString("sender", CapIdentity.Namespace, CapIdentity.Sender(revision.Issuer));
        writer.WriteElementString("sent", CapIdentity.Namespace, CapIdentity.Time(revision.AcceptedAt));
        writer.WriteElementString("status", CapIdentity.Namespace, CapTerms.Status(revision.Status));
        writer.WriteElementString("msgType", CapIdentity.Namespace, CapTerms.MessageType(revision));
        writer.WriteElementString("source", CapIdentity.Namespace, "AlertHub");
        writer.WriteElementString("scope", CapIdentity.Namespace, "Public");
        if (Note(revision) is { } note)
        {
            writer.WriteElementString("note", CapIdentity.Namespace, note);
        }

        var references = earlier.Where(e => e.Id == revision.Id && e.Revision < revision.Revision).OrderBy(e => e.Revision).ToList();
        if (references.Count > 0)
        {
            writer.WriteElementString("references", CapIdentity.Namespace, string.Join(' ', references.Select(CapIdentity.Reference)));
        }

        writer.WriteElementString("incidents", CapIdentity.Namespace, revision.Id);
        WriteInfo(writer, revision, web);
        writer.WriteEndElement();
    }

    private void WriteInfo(XmlWriter writer, NoticeEnvelope revision, Uri? web)
    {
        writer.WriteStartElement("info", CapIdentity.Namespace);
        writer.WriteElementString("language", CapIdentity.Namespace, "ja-JP");
        writer.WriteElementString("category", CapIdentity.Namespace, CapTerms.Category(revision));
        writer.WriteElementString("event", CapIdentity.Namespace, CapTerms.Event(revision));
        if (CapTerms.ResponseType(revision) is { } response)
        {
            writer.WriteElementString("responseType", CapIdentity.Namespace, response);
        }

        var (urgency, severity, certainty) = CapTerms.Weight(revision);
        writer.WriteElementString("urgency", CapIdentity.Namespace, urgency);
        writer.WriteElementString("severity", CapIdentity.Namespace, severity);
        writer.WriteElementString("certainty", CapIdentity.Namespace, certainty);
        WriteValue(writer, "eventCode", "alerthub:category", revision.Category);
        if (revision.Content.Level is { } level)
        {
            WriteValue(writer, "eventCode", "alerthub:level", level.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteElementString("effective", CapIdentity.Namespace, CapIdentity.Time(revision.AcceptedAt));
        writer.WriteElementString("expires", CapIdentity.Namespace, CapIdentity.Time(revision.ValidUntil));
        writer.WriteElementString("senderName", CapIdentity.Namespace, places.FullName(revision.Issuer));
        writer.WriteElementString("headline", CapIdentity.Namespace, revision.Content.Headline);
        if (Description(revision) is { Length: > 0 } description)
        {
            writer.WriteElementString("description", CapIdentity.Namespace, description);
        }

        if (CapTerms.Instruction(revision) is { } instruction)
        {
            writer.WriteElementString("instruction", CapIdentity.Namespace, instruction);
        }

        if (revision.Content.Information?.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            writer.WriteElementString("web", CapIdentity.Namespace, url);
        }
        else if (web is not null)
        {
            writer.WriteElementString("web", CapIdentity.Namespace, web.AbsoluteUri);
        }

        WriteValue(writer, "parameter", "alerthub:notice", revision.Id);
        WriteValue(writer, "parameter", "alerthub:revision", revision.Revision.ToString(CultureInfo.InvariantCulture));
        WriteValue(writer, "parameter", "alerthub:kind", revision.Kind);
        WriteValue(writer, "parameter", "alerthub:prefecture", revision.Prefecture);
        WriteValue(writer, "parameter", "alerthub:sequence", revision.Sequence.ToString(CultureInfo.InvariantCulture));
        if (revision.Content.Hazard is { } hazard)
        {
            WriteValue(writer, "parameter", "alerthub:hazard", hazard);
        }

        if (revision.Content.Households is { } households)
        {
            WriteValue(writer, "parameter", "alerthub:households", households.ToString(CultureInfo.InvariantCulture));
        }

        if (revision.Content.Persons is { } persons)
        {
            WriteValue(writer, "parameter", "alerthub:persons", persons.ToString(CultureInfo.InvariantCulture));
        }

        if (revision.Errata is { } errata)
        {
            WriteValue(writer, "parameter", "alerthub:errata", errata.Reason);
        }

        foreach (var area in Areas(revision))
        {
            WriteArea(writer, area);
        }

        writer.WriteEndElement();
    }

    private static void WriteValue(XmlWriter writer, string element, string name, string value)
    {
        writer.WriteStartElement(element, CapIdentity.Namespace);
        writer.WriteElementString("valueName", CapIdentity.Namespace, name);
        writer.WriteElementString("value", CapIdentity.Namespace, value);
        writer.WriteEndElement();
    }

    private static void WriteArea(XmlWriter writer, CapArea area)
    {
        writer.WriteStartElement("area", CapIdentity.Namespace);
        writer.WriteElementString("areaDesc", CapIdentity.Namespace, area.Description);
        foreach (var polygon in area.Polygons)
        {
            writer.WriteElementString("polygon", CapIdentity.Namespace, polygon);
        }

        if (area.Circle is { } circle)
        {
            writer.WriteElementString("circle", CapIdentity.Namespace, circle);
        }

        if (area.Geocode is { } geocode)
        {
            WriteValue(writer, "geocode", geocode.Name, geocode.Value);
        }

        writer.WriteEndElement();
    }

    private static string? Note(NoticeEnvelope revision) => revision switch
    {
        { Kind: NoticeKind.Cancelled, Errata: { } errata } => $"取消: {errata.Reason}",
        { Kind: NoticeKind.Corrected, Errata: { } errata } => $"訂正: {errata.Reason}",
        { Kind: NoticeKind.Lifted } => "解除",
        { Kind: NoticeKind.Expired } => "期限切れ",
        _ => null,
    };

    private string Description(NoticeEnvelope revision)
    {
        var content = revision.Content;
        var text = new StringBuilder();
        void Line(string line) => text.Append(text.Length > 0 ? "\n" : string.Empty).Append(line);
        if (content.Disaster is { } disaster)
        {
            Line($"災害名: {disaster}");
        }

        if (content.Hazard is { } hazard)
        {
            Line($"災害種別: {Terms.Hazard.Japanese(hazard)}");
        }

        if (content.Households is not null || content.Persons is not null)
        {
            Line($"対象: {content.Households?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} 世帯 {content.Persons?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} 人");
        }

        foreach (var area in content.Areas)
        {
            var level = area.Level is { } l ? Terms.EvacuationLevel.Japanese(l.ToString(CultureInfo.InvariantCulture)) : null;
            var state = area.State is { } s ? Terms.AreaState.Japanese(s) : null;
            Line($"・{places.MunicipalityName(area.Municipality)} {area.Name}: {string.Join(' ', new[] { level, state }.Where(x => x is not null))}".TrimEnd(' ', ':'));
        }

        foreach (var shelter in content.Shelters)
        {
            var crowding = shelter.Crowding is { } c ? $" {Terms.Crowding.Japanese(c)}" : string.Empty;
            var capacity = shelter.Capacity is { } cap ? $" 収容 {cap} 人" : string.Empty;
            var persons = shelter.Persons is { } p ? $" 避難者 {p} 人" : string.Empty;
            Line($"・{shelter.Name}（{Terms.ShelterStatus.Japanese(shelter.Status)}）{shelter.Address}{capacity}{persons}{crowding}");
        }

        if (content.Headquarters is { } hq)
        {
            Line($"{Terms.HeadquartersType.Japanese(hq.Type)} {Terms.HeadquartersState.Japanese(hq.State)}{(hq.At is { } at ? " " + CapIdentity.Time(at) : string.Empty)}");
        }

        if (content.Damage is { } damage)
        {
            if (damage.Human is { } human)
            {
                Line($"人的被害: 死者 {human.Dead} 人、行方不明者 {human.Missing} 人、重傷者 {human.SeriouslyInjured} 人、軽傷者 {human.SlightlyInjured} 人");
            }

            if (damage.Houses is { } houses)
            {
                Line($"住家被害（{houses.Unit}）: 全壊 {houses.Destroyed}、半壊 {houses.HalfDestroyed}、一部破損 {houses.PartiallyDamaged}、床上浸水 {houses.FloodedAboveFloor}、床下浸水 {houses.FloodedBelowFloor}");
            }

            foreach (var other in damage.Other)
            {
                Line($"{other.Item}: {other.Count} {other.Unit}");
            }
        }

        if (content.Information is { } information)
        {
            Line(information.Title);
            if (information.Text is { } body)
            {
                Line(body);
            }
        }

        if (revision.Errata is { } errata)
        {
            Line($"{(revision.Kind == NoticeKind.Cancelled ? "取消" : "訂正")}理由: {errata.Reason}");
        }

        return text.ToString();
    }

    private IEnumerable<CapArea> Areas(NoticeEnvelope revision)
    {
        var content = revision.Content;
        foreach (var area in content.Areas)
        {
            var shape = places.Shape(area);
            var name = $"{places.MunicipalityName(area.Municipality)} {area.Name}".Trim();
            yield return new CapArea(name, shape is null ? [] : NoticePlaces.LatLonRings(shape), null, Geocode(area.Municipality));
        }

        foreach (var shelter in content.Shelters)
        {
            var circle = shelter is { Latitude: { } lat, Longitude: { } lon }
                ? string.Create(CultureInfo.InvariantCulture, $"{lat:R},{lon:R} 0")
                : null;
            yield return new CapArea($"{shelter.Name}（{places.MunicipalityName(shelter.Municipality)}）", [], circle, Geocode(shelter.Municipality));
        }

        if (content.Areas.Count == 0 && content.Shelters.Count == 0)
        {
            // Headquarters, damage, notices and events concern the issuer's whole territory.
            var territory = places.Territory(revision.Issuer);
            if (territory is not null)
            {
                yield return new CapArea(places.FullName(revision.Issuer), NoticePlaces.LatLonRings(territory.Geometry), null, Geocode(revision.Issuer));
            }
        }
    }

    private (string Name, string Value)? Geocode(string? code) => code switch
    {
        { Length: 5 } when places.Code6(code) is { Length: 6 } code6 => ("JIS X 0402", code6),
        { Length: 2 } => ("JIS X 0401", code),
        _ => null,
    };

    private sealed record CapArea(string Description, IReadOnlyList<string> Polygons, string? Circle, (string Name, string Value)? Geocode);
}
