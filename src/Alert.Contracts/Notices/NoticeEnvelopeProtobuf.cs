using Google.Protobuf.WellKnownTypes;

namespace Alert.Contracts.Notices;

/// <summary>Maps envelopes to and from the public protobuf contract (<c>Protos/notice_envelope.proto</c>).</summary>
public static class NoticeEnvelopeProtobuf
{
    public static Protos.NoticeEnvelope ToProtobuf(this NoticeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var message = new Protos.NoticeEnvelope
        {
            Prefecture = envelope.Prefecture,
            Sequence = envelope.Sequence,
            Id = envelope.Id,
            Revision = envelope.Revision,
            Category = envelope.Category,
            Status = envelope.Status,
            Issuer = envelope.Issuer,
            Headline = envelope.Headline,
            AcceptedAt = Timestamp.FromDateTimeOffset(envelope.AcceptedAt),
        };
        if (envelope.Level is { } level)
        {
            message.Level = level;
        }

        if (envelope.Households is { } households)
        {
            message.Households = households;
        }

        if (envelope.Persons is { } persons)
        {
            message.Persons = persons;
        }

        if (envelope.PublishedAt is { } publishedAt)
        {
            message.PublishedAt = Timestamp.FromDateTimeOffset(publishedAt);
        }

        message.Areas.AddRange(envelope.Areas.Select(a => new Protos.NoticeArea
        {
            Municipality = a.Municipality ?? string.Empty,
            Name = a.Name ?? string.Empty,
            GeometryGeojson = a.Geometry ?? string.Empty,
        }));
        message.AffectedMunicipalities.AddRange(envelope.AffectedMunicipalities);
        return message;
    }

    /// <summary>Reads a protobuf envelope back; times come back in UTC.</summary>
    public static NoticeEnvelope FromProtobuf(Protos.NoticeEnvelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new NoticeEnvelope(
            message.Prefecture, message.Sequence, message.Id, message.Revision, message.Category, message.Status, message.Issuer,
            message.Headline, message.HasLevel ? message.Level : null,
            [.. message.Areas.Select(a => new NoticeArea(NullIfEmpty(a.Municipality), NullIfEmpty(a.Name), NullIfEmpty(a.GeometryGeojson)))],
            message.HasHouseholds ? message.Households : null, message.HasPersons ? message.Persons : null,
            [.. message.AffectedMunicipalities], SubmittedBy: string.Empty,
            message.AcceptedAt.ToDateTimeOffset(), message.PublishedAt?.ToDateTimeOffset());
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
