using System.Runtime.Serialization;
namespace Alert.Contracts.Notices;

/// <summary>
/// How one area or shelter changed against the previous revision, so a receiver can tell "shelter opened"
/// (status changed) from "shelter's address corrected" (address changed) without diffing snapshots itself.
/// </summary>
/// <param name="Key">The item's identity: municipality/name for areas and shelters; the category for single items.</param>
/// <param name="Change">added, changed, unchanged, lifted or removed (see <see cref="ItemChangeKind"/>).</param>
/// <param name="Fields">For changed items, the fields that differ (e.g. "status", "address").</param>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.ItemChange")]
public sealed record ItemChange(
    [property: Id(0), DataMember(Name = "key")] string Key,
    [property: Id(1), DataMember(Name = "change")] string Change,
    [property: Id(2), DataMember(Name = "fields")] IReadOnlyList<string> Fields);

public static class ItemChangeKind
{
    public const string Added = "added";
    public const string Changed = "changed";
    public const string Unchanged = "unchanged";
    public const string Lifted = "lifted";
    public const string Removed = "removed";
}
