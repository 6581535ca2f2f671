using System.Globalization;
using Alert.Contracts.Notices;

namespace Alert.Broadcast.Formats.Cap;

/// <summary>
/// How a revision is named in CAP 1.2: one CAP message per revision, its <c>identifier</c> derived from the notice id
/// and revision (so every format and every host names it the same), its <c>sender</c> the issuing organisation at the
/// hub, and every time in Japan time with an explicit offset, as CAP requires (no <c>Z</c>, no fractions).
/// </summary>
public static class CapIdentity
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string ContentType = "application/cap+xml";

    private static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    public static string Sender(string issuer) => $"{issuer}@alerthub.jp";

    public static string Identifier(string noticeId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"urn:alerthub:{noticeId}:{revision}");

    public static string Identifier(NoticeEnvelope revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return Identifier(revision.Id, revision.Revision);
    }

    /// <summary>CAP's dateTime: <c>2026-11-25T09:30:00+09:00</c>.</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToOffset(JapanOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The <c>references</c> triple naming an earlier revision: sender,identifier,sent.</summary>
    public static string Reference(NoticeEnvelope earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return $"{Sender(earlier.Issuer)},{Identifier(earlier)},{Time(earlier.AcceptedAt)}";
    }
}
