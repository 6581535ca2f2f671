using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Alert.Broadcast.Subscriptions;
using Alert.Broadcast.Wire;
using Alert.Contracts.Notices;
using Google.Protobuf.WellKnownTypes;
using P = Alert.Contracts.Protos;

namespace Alert.Broadcast.Grpc;

/// <summary>
/// One gRPC subscriber's writer: the session's messages go into a small bounded channel that the call drains into its
/// response stream, so a slow reader backs up into its own session (which cuts it off) and never into anyone else.
/// </summary>
internal sealed class GrpcFeedSender(ChannelWriter<P.FeedMessage> stream) : INoticeSender
{
    // A live notice's wire message is shared by all of the host's subscribers, so its protobuf form is built once too.
    private static readonly ConditionalWeakTable<NoticeMessage, P.FeedMessage> Built = [];

    public async Task SendAsync(string connectionId, NoticeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await stream.WriteAsync(Built.GetValue(message, static m => new P.FeedMessage { Notice = ToEnvelope(m).ToProtobuf() }), cancellationToken);
    }

    public async Task SendHeartbeatAsync(string connectionId, HeartbeatMessage heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var beat = new P.Heartbeat { At = Timestamp.FromDateTimeOffset(heartbeat.At) };
        foreach (var (prefecture, sequence) in heartbeat.Sequences)
        {
            beat.Sequences[prefecture] = sequence;
        }
        await stream.WriteAsync(new P.FeedMessage { Heartbeat = beat }, cancellationToken);
    }

    /// <summary>The wire message carries everything the protobuf envelope does (not the submitting address, which never leaves).</summary>
    private static NoticeEnvelope ToEnvelope(NoticeMessage m) => new(
        m.Prefecture, m.Sequence, m.Id, m.Revision, m.Kind, m.Category, m.Status, m.Issuer,
        new NoticeContent(m.Headline, m.Disaster, m.Hazard, m.Level, m.Areas, m.Households, m.Persons, m.Shelters, m.Headquarters, m.Damage, m.Information),
        m.AffectedMunicipalities, m.Changes, m.Errata, m.ValidUntil, m.SubmittedBy, string.Empty, m.AcceptedAt, m.PublishedAt, m.EstimatedPopulation);
}
