using System.Globalization;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Documents;

/// <summary>
/// When a document says it was sent, checked by <see cref="DocumentIngest"/> for every XML door (not at validation,
/// where old real messages must still pass):
/// a message sent more than a day ago is a replay or a mistake, not a live alert, and one from the future beyond
/// clock skew cannot be real. Issuers' clocks may drift by minutes; relays retry for hours, not days.
/// </summary>
internal static class SentTime
{
    public static readonly TimeSpan OldestAccepted = TimeSpan.FromHours(24);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    public static XmlFinding? Check(DateTimeOffset sent, DateTimeOffset now, string path)
    {
        if (sent < now - OldestAccepted)
        {
            return new XmlFinding(path, "sent-time", $"送信日時（{Shown(sent)}）が {OldestAccepted.TotalHours:0} 時間より前です。古い電文の再送は受け付けません。",
                $"The message was sent ({Shown(sent)}) more than {OldestAccepted.TotalHours:0} hours ago; an old message is not taken as a live alert.");
        }

        if (sent > now + ClockSkew)
        {
            return new XmlFinding(path, "sent-time", $"送信日時（{Shown(sent)}）が未来です（許容 {ClockSkew.TotalMinutes:0} 分）。送信側の時計を確認してください。",
                $"The message was sent ({Shown(sent)}) in the future (beyond {ClockSkew.TotalMinutes:0} minutes of clock skew); check the sender's clock.");
        }

        return null;
    }

    private static string Shown(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
