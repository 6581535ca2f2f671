using Google.Protobuf.WellKnownTypes;
using P = Alert.Contracts.Protos;

namespace Alert.Contracts.Notices;

/// <summary>
/// Maps envelopes to and from the public protobuf contract (<c>Protos/notice_envelope.proto</c>). The client address
/// of the audit history is not part of it: it never leaves the hub's administration.
/// </summary>
public static class NoticeEnvelopeProtobuf
{
    public static P.NoticeEnvelope ToProtobuf(this NoticeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var content = envelope.Content;
        var message = new P.NoticeEnvelope
        {
            Prefecture = envelope.Prefecture,
            Sequence = envelope.Sequence,
            Id = envelope.Id,
            Revision = envelope.Revision,
            Kind = envelope.Kind,
            Category = envelope.Category,
            Status = envelope.Status,
            Issuer = envelope.Issuer,
            Headline = content.Headline,
            Disaster = content.Disaster ?? string.Empty,
            Hazard = content.Hazard ?? string.Empty,
            ValidUntil = Timestamp.FromDateTimeOffset(envelope.ValidUntil),
            SubmittedBy = envelope.SubmittedBy,
            AcceptedAt = Timestamp.FromDateTimeOffset(envelope.AcceptedAt),
            PublishedAt = Time(envelope.PublishedAt),
            Headquarters = content.Headquarters is { } hq ? new P.Headquarters { Type = hq.Type, State = hq.State, At = Time(hq.At) } : null,
            Damage = content.Damage is { } damage ? ToProtobuf(damage) : null,
            Information = content.Information is { } info ? new P.Information
            {
                Category = info.Category ?? string.Empty,
                Subcategory = info.Subcategory ?? string.Empty,
                Title = info.Title,
                Text = info.Text ?? string.Empty,
                Url = info.Url ?? string.Empty,
            } : null,
            Errata = envelope.Errata is { } errata ? new P.Errata { Reason = errata.Reason, At = Timestamp.FromDateTimeOffset(errata.At) } : null,
        };
        if (content.Level is { } level)
        {
            message.Level = level;
        }

        if (envelope.EstimatedPopulation is { } population)
        {
            message.EstimatedPopulation = population;
        }

        if (content.Households is { } households)
        {
            message.Households = households;
        }

        if (content.Persons is { } persons)
        {
            message.Persons = persons;
        }

        message.Areas.AddRange(content.Areas.Select(ToProtobuf));
        message.Shelters.AddRange(content.Shelters.Select(ToProtobuf));
        message.AffectedMunicipalities.AddRange(envelope.AffectedMunicipalities);
        message.Changes.AddRange(envelope.Changes.Select(c => new P.ItemChange { Key = c.Key, Change = c.Change, Fields = { c.Fields } }));
        return message;
    }

    /// <summary>Reads a protobuf envelope back; times come back in UTC.</summary>
    public static NoticeEnvelope FromProtobuf(P.NoticeEnvelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = new NoticeContent(
            message.Headline, Text(message.Disaster), Text(message.Hazard), message.HasLevel ? message.Level : null,
            [.. message.Areas.Select(FromProtobuf)], message.HasHouseholds ? message.Households : null, message.HasPersons ? message.Persons : null,
            [.. message.Shelters.Select(FromProtobuf)],
            message.Headquarters is { } hq ? new HeadquartersStatus(hq.Type, hq.State, hq.At?.ToDateTimeOffset()) : null,
            message.Damage is { } damage ? FromProtobuf(damage) : null,
            message.Information is { } info ? new Information(Text(info.Category), Text(info.Subcategory), info.Title, Text(info.Text), Text(info.Url)) : null);
        return new NoticeEnvelope(
            message.Prefecture, message.Sequence, message.Id, message.Revision, message.Kind, message.Category, message.Status, message.Issuer,
            content, [.. message.AffectedMunicipalities],
            [.. message.Changes.Select(c => new ItemChange(c.Key, c.Change, [.. c.Fields]))],
            message.Errata is { } errata ? new Errata(errata.Reason, errata.At.ToDateTimeOffset()) : null,
            message.ValidUntil.ToDateTimeOffset(), message.SubmittedBy, SubmittedFrom: string.Empty,
            message.AcceptedAt.ToDateTimeOffset(), message.PublishedAt?.ToDateTimeOffset(),
            message.HasEstimatedPopulation ? message.EstimatedPopulation : null);
    }

    private static P.NoticeArea ToProtobuf(NoticeArea area)
    {
        var message = new P.NoticeArea
        {
            Municipality = area.Municipality ?? string.Empty,
            Name = area.Name ?? string.Empty,
            GeometryGeojson = area.Geometry ?? string.Empty,
            State = area.State ?? string.Empty,
        };
        if (area.Level is { } level)
        {
            message.Level = level;
        }

        if (area.Households is { } households)
        {
            message.Households = households;
        }

        if (area.Persons is { } persons)
        {
            message.Persons = persons;
        }

        return message;
    }

    private static NoticeArea FromProtobuf(P.NoticeArea a) => new(
        Text(a.Municipality), Text(a.Name), Text(a.GeometryGeojson), a.HasLevel ? a.Level : null, Text(a.State),
        a.HasHouseholds ? a.Households : null, a.HasPersons ? a.Persons : null);

    private static P.Shelter ToProtobuf(Shelter shelter)
    {
        var message = new P.Shelter
        {
            Municipality = shelter.Municipality,
            Name = shelter.Name,
            Address = shelter.Address ?? string.Empty,
            Type = shelter.Type ?? string.Empty,
            Status = shelter.Status,
            Crowding = shelter.Crowding ?? string.Empty,
            CheckedAt = Time(shelter.CheckedAt),
        };
        if (shelter.Latitude is { } latitude)
        {
            message.Latitude = latitude;
        }

        if (shelter.Longitude is { } longitude)
        {
            message.Longitude = longitude;
        }

        if (shelter.Capacity is { } capacity)
        {
            message.Capacity = capacity;
        }

        if (shelter.Persons is { } persons)
        {
            message.Persons = persons;
        }

        if (shelter.Households is { } households)
        {
            message.Households = households;
        }

        return message;
    }

    private static Shelter FromProtobuf(P.Shelter s) => new(
        s.Municipality, s.Name, Text(s.Address), s.HasLatitude ? s.Latitude : null, s.HasLongitude ? s.Longitude : null, Text(s.Type),
        s.Status, s.HasCapacity ? s.Capacity : null, Text(s.Crowding), s.HasPersons ? s.Persons : null, s.HasHouseholds ? s.Households : null,
        s.CheckedAt?.ToDateTimeOffset());

    private static P.Damage ToProtobuf(DamageReport damage)
    {
        var message = new P.Damage
        {
            Human = damage.Human is { } h ? new P.HumanDamage { Dead = h.Dead, Missing = h.Missing, SeriouslyInjured = h.SeriouslyInjured, SlightlyInjured = h.SlightlyInjured } : null,
            Houses = damage.Houses is { } d ? new P.HouseDamage
            {
                Destroyed = d.Destroyed,
                HalfDestroyed = d.HalfDestroyed,
                PartiallyDamaged = d.PartiallyDamaged,
                FloodedAboveFloor = d.FloodedAboveFloor,
                FloodedBelowFloor = d.FloodedBelowFloor,
                Unit = d.Unit,
            } : null,
        };
        message.Other.AddRange(damage.Other.Select(o => new P.OtherDamage { Item = o.Item, Count = o.Count, Unit = o.Unit }));
        return message;
    }

    private static DamageReport FromProtobuf(P.Damage d) => new(
        d.Human is { } h ? new HumanDamage(h.Dead, h.Missing, h.SeriouslyInjured, h.SlightlyInjured) : null,
        d.Houses is { } x ? new HouseDamage(x.Destroyed, x.HalfDestroyed, x.PartiallyDamaged, x.FloodedAboveFloor, x.FloodedBelowFloor, x.Unit) : null,
        [.. d.Other.Select(o => new OtherDamage(o.Item, o.Count, o.Unit))]);

    private static Timestamp? Time(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    private static string? Text(string value) => value.Length == 0 ? null : value;
}
