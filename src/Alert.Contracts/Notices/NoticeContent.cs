namespace Alert.Contracts.Notices;

/// <summary>
/// What an issuer says in one revision: a full snapshot, never a delta. Only the part for the notice's category is
/// filled (areas for evacuation, shelters, headquarters, damage, information for notices and events).
/// </summary>
/// <param name="Households">Total households (世帯) under issued evacuation areas.</param>
/// <param name="Persons">Total persons (人) under issued evacuation areas.</param>
[GenerateSerializer, Immutable, Alias("alerthub.NoticeContent")]
public sealed record NoticeContent(
    [property: Id(0)] string Headline,
    [property: Id(1)] string? Disaster,
    [property: Id(2)] string? Hazard,
    [property: Id(3)] int? Level,
    [property: Id(4)] IReadOnlyList<NoticeArea> Areas,
    [property: Id(5)] int? Households,
    [property: Id(6)] int? Persons,
    [property: Id(7)] IReadOnlyList<Shelter> Shelters,
    [property: Id(8)] HeadquartersStatus? Headquarters,
    [property: Id(9)] DamageReport? Damage,
    [property: Id(10)] Information? Information);
