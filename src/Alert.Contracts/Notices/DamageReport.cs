using System.Runtime.Serialization;
namespace Alert.Contracts.Notices;

/// <summary>被害情報: human damage (persons), house damage (in <see cref="HouseDamage.Unit"/>) and other damage with units.</summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.DamageReport")]
public sealed record DamageReport(
    [property: Id(0), DataMember(Name = "human")] HumanDamage? Human,
    [property: Id(1), DataMember(Name = "houses")] HouseDamage? Houses,
    [property: Id(2), DataMember(Name = "other")] IReadOnlyList<OtherDamage> Other);

/// <summary>人的被害, counted in persons (人): 死者, 行方不明者, 重傷者, 軽傷者.</summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.HumanDamage")]
public sealed record HumanDamage(
    [property: Id(0), DataMember(Name = "dead")] int Dead,
    [property: Id(1), DataMember(Name = "missing")] int Missing,
    [property: Id(2), DataMember(Name = "seriouslyInjured")] int SeriouslyInjured,
    [property: Id(3), DataMember(Name = "slightlyInjured")] int SlightlyInjured);

/// <summary>住家被害: 全壊, 半壊, 一部破損, 床上浸水, 床下浸水, counted in <see cref="Unit"/> (棟 buildings or 世帯 households).</summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.HouseDamage")]
public sealed record HouseDamage(
    [property: Id(0), DataMember(Name = "destroyed")] int Destroyed,
    [property: Id(1), DataMember(Name = "halfDestroyed")] int HalfDestroyed,
    [property: Id(2), DataMember(Name = "partiallyDamaged")] int PartiallyDamaged,
    [property: Id(3), DataMember(Name = "floodedAboveFloor")] int FloodedAboveFloor,
    [property: Id(4), DataMember(Name = "floodedBelowFloor")] int FloodedBelowFloor,
    [property: Id(5), DataMember(Name = "unit")] string Unit);

/// <summary>Any other damage (道路損壊, 停電, 火災 …) with its count and unit (箇所, 戸, 件 …).</summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.OtherDamage")]
public sealed record OtherDamage(
    [property: Id(0), DataMember(Name = "item")] string Item,
    [property: Id(1), DataMember(Name = "count")] int Count,
    [property: Id(2), DataMember(Name = "unit")] string Unit);
