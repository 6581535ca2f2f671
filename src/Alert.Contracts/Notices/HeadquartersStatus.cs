using System.Runtime.Serialization;
namespace Alert.Contracts.Notices;

/// <summary>災害対策本部設置状況: which body (警戒本部, 対策本部, …), established 設置 or dissolved 解散, and when.</summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.HeadquartersStatus")]
public sealed record HeadquartersStatus(
    [property: Id(0), DataMember(Name = "type")] string Type,
    [property: Id(1), DataMember(Name = "state")] string State,
    [property: Id(2), DataMember(Name = "at")] DateTimeOffset? At);
