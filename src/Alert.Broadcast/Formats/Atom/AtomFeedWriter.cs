using System.Text;
using System.Xml;
using Alert.Broadcast.Formats.Cap;
using Alert.Contracts.Notices;

namespace Alert.Broadcast.Formats.Atom;

/// <summary>
/// An Atom (RFC 4287) feed of CAP 1.2 entries, newest first, the way CAP aggregators and broadcasters' receivers
/// poll alerts: each entry is one revision, its content the full CAP <c>alert</c> inline.
/// </summary>
public sealed class AtomFeedWriter(CapAlertWriter cap)
{
    public const string Namespace = "http://www.w3.org/2005/Atom";
    public const string ContentType = "application/atom+xml";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        NewLineChars = "\n",
    };

    /// <param name="entries">Revisions, newest first, each with the notice's earlier revisions for CAP references.</param>
    public byte[] Write(AtomFeedHead head, IReadOnlyList<(NoticeEnvelope Revision, IReadOnlyList<NoticeEnvelope> Earlier)> entries, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(baseUri);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", Namespace);
            writer.WriteElementString("id", Namespace, head.Id);
            writer.WriteElementString("title", Namespace, head.Title);
            writer.WriteElementString("updated", Namespace, Time(entries.Count > 0 ? entries.Max(e => e.Revision.AcceptedAt) : DateTimeOffset.UnixEpoch));
            Link(writer, "self", ContentType, new Uri(baseUri, head.SelfPath));
            writer.WriteStartElement("author", Namespace);
            writer.WriteElementString("name", Namespace, "AlertHub");
            writer.WriteEndElement();
            foreach (var (revision, earlier) in entries)
            {
                var notice = new Uri(baseUri, $"/api/v1/notices/{revision.Id}");
                writer.WriteStartElement("entry", Namespace);
                writer.WriteElementString("id", Namespace, CapIdentity.Identifier(revision));
                writer.WriteElementString("title", Namespace, revision.Content.Headline);
                writer.WriteElementString("updated", Namespace, Time(revision.AcceptedAt));
                writer.WriteStartElement("category", Namespace);
                writer.WriteAttributeString("term", revision.Category);
                writer.WriteAttributeString("label", CapTerms.Event(revision));
                writer.WriteEndElement();
                Link(writer, "alternate", CapIdentity.ContentType, notice);
                writer.WriteElementString("summary", Namespace, $"{CapTerms.Event(revision)}（{revision.Kind}、第 {revision.Revision} 版）");
                writer.WriteStartElement("content", Namespace);
                writer.WriteAttributeString("type", CapIdentity.ContentType);
                cap.Write(writer, revision, earlier, notice);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void Link(XmlWriter writer, string relation, string type, Uri href)
    {
        writer.WriteStartElement("link", Namespace);
        writer.WriteAttributeString("rel", relation);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href.AbsoluteUri);
        writer.WriteEndElement();
    }

    // RFC 3339, as Atom requires.
    private static string Time(DateTimeOffset at) => CapIdentity.Time(at);
}

/// <summary>What names a feed: its permanent id, its title and its own path.</summary>
public sealed record AtomFeedHead(string Id, string Title, string SelfPath);
