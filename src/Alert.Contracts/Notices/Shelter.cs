using System.Runtime.Serialization;
namespace Alert.Contracts.Notices;

/// <summary>One shelter (避難所) of a shelter notice, as of <see cref="CheckedAt"/>.</summary>
/// <param name="Status">not-opened 未開設 / opened 開設 / closed 閉鎖 / permanent 常設.</param>
/// <param name="Crowding">available 空き / crowded 混雑 / full 定員一杯 / unknown 不明.</param>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.Shelter")]
public sealed record Shelter(
    [property: Id(0), DataMember(Name = "municipality")] string Municipality,
    [property: Id(1), DataMember(Name = "name")] string Name,
    [property: Id(2), DataMember(Name = "address")] string? Address,
    [property: Id(3), DataMember(Name = "latitude")] double? Latitude,
    [property: Id(4), DataMember(Name = "longitude")] double? Longitude,
    [property: Id(5), DataMember(Name = "type")] string? Type,
    [property: Id(6), DataMember(Name = "status")] string Status,
    [property: Id(7), DataMember(Name = "capacity")] int? Capacity,
    [property: Id(8), DataMember(Name = "crowding")] string? Crowding,
    [property: Id(9), DataMember(Name = "persons")] int? Persons,
    [property: Id(10), DataMember(Name = "households")] int? Households,
    [property: Id(11), DataMember(Name = "checkedAt")] DateTimeOffset? CheckedAt)
{
    /// <summary>Identity of the shelter across revisions: its municipality and name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => $"{Municipality}/{Name}";
}
