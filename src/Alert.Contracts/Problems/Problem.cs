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

    public const string ContentType = "application/problem+json";
}
