using Alert.Ingress.Validation;
using System.Text.Json.Nodes;

namespace Alert.Ingress.Cap;

/// <summary>
/// A valid CAP message turned into what the hub does with it: the notice as the JSON door would have received it (so
/// one set of rules checks both doors), what it revises, and where each JSON field came from in the CAP message.
/// </summary>
/// <param name="MessageType">Alert, Update or Cancel.</param>
/// <param name="Key">The CAP incident the notice follows across messages: <c>incidents</c>, else the first message's identifier.</param>
/// <param name="NoticeId">The hub notice named by a reference to one of its CAP identifiers, if any.</param>
/// <param name="Notice">The notice in the JSON door's form; null for a Cancel.</param>
/// <param name="Paths">JSON path prefixes (<c>areas[2]</c>) to the CAP path they came from.</param>
internal sealed record CapIngest(
    string MessageType,
    string Status,
    string Issuer,
    string Key,
    string? NoticeId,
    string CancelReason,
    JsonObject? Notice,
    IReadOnlyDictionary<string, string> Paths,
    IReadOnlyList<XmlFinding> Errors,
    IReadOnlyList<XmlFinding> Warnings);
