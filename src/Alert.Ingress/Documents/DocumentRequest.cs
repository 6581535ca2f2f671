using System.Text.Json.Nodes;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Documents;

/// <summary>
/// A notice that arrived as a standard document (CAP, L-Alert EDXL), read into the JSON door's form, with what it
/// does to the notice it follows.
/// </summary>
/// <param name="Action">Issue, Revise (a new snapshot of the notice in force, or a new notice if there is none) or Cancel.</param>
/// <param name="Key">The incident or document the notice follows across messages; it is the notice's disaster name.</param>
/// <param name="NoticeId">The hub notice a message names directly (by one of the hub's own identifiers), if any.</param>
/// <param name="Notice">The notice as the JSON door would have received it; null for a Cancel.</param>
/// <param name="Correction">The reason, when the revision is a correction (訂正).</param>
/// <param name="Source">The issuer's document and revision, where the format numbers revisions: only a higher one is applied.</param>
/// <param name="Paths">JSON path prefixes (<c>areas[2]</c>) to the document path they came from.</param>
/// <param name="Sent">When the document says it was sent, and where it says so: checked at ingest (<see cref="SentTime"/>).</param>
internal sealed record DocumentRequest(
    DocumentAction Action,
    string Issuer,
    string Status,
    string Key,
    string? NoticeId,
    JsonObject? Notice,
    string CancelReason,
    string? Correction,
    IReadOnlyDictionary<string, string> Paths,
    IReadOnlyList<XmlFinding> Warnings,
    Contracts.Notices.SourceDocument? Source = null,
    (DateTimeOffset At, string Path)? Sent = null);

internal enum DocumentAction
{
    Issue,
    Revise,
    Cancel,
}
