using System.Text.Json.Serialization;

namespace Alert.Contracts.Problems;

/// <summary>
/// RFC 7807 problem details, Japanese first (<see cref="Title"/>, <see cref="Detail"/>) with English beside it.
/// </summary>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string TitleEn,
    string DetailEn)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProblemError>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; init; }

    /// <summary>On a conflict: the notice now in force for that id or document.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CurrentId { get; init; }

    /// <summary>On a conflict: the revision now in force; send it as <c>If-Match</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CurrentRevision { get; init; }

    public const string ContentType = "application/problem+json";
}
