using System.Runtime.Serialization;

namespace Alert.Broadcast.Summary;

/// <summary>
/// What an L字 ticker shows for a prefecture: per municipality the highest evacuation level in force, households and
/// persons per level, open shelters with occupancy, and the disaster headquarters' status; then prefecture totals.
/// </summary>
[DataContract]
public sealed record PrefectureSummary(
    [property: DataMember(Name = "prefecture")] string Prefecture,
    [property: DataMember(Name = "status")] string Status,
    [property: DataMember(Name = "generatedAt")] DateTimeOffset GeneratedAt,
    [property: DataMember(Name = "municipalities")] IReadOnlyList<MunicipalitySummary> Municipalities,
    [property: DataMember(Name = "totals")] SummaryFigures Totals,
    [property: DataMember(Name = "headquarters")] HeadquartersSummary? Headquarters);

/// <summary>One municipality's line of the summary.</summary>
[DataContract]
public sealed record MunicipalitySummary(
    [property: DataMember(Name = "code")] string Code,
    [property: DataMember(Name = "name")] string Name,
    [property: DataMember(Name = "figures")] SummaryFigures Figures,
    [property: DataMember(Name = "headquarters")] HeadquartersSummary? Headquarters);

/// <summary>Evacuation and shelter figures for a municipality or the whole prefecture.</summary>
/// <param name="Levels">Per level 3, 4, 5 ("高齢者等避難", "避難指示", "緊急安全確保"): areas, households, persons.</param>
[DataContract]
public sealed record SummaryFigures(
    [property: DataMember(Name = "highestLevel")] int? HighestLevel,
    [property: DataMember(Name = "levels")] IReadOnlyList<LevelFigures> Levels,
    [property: DataMember(Name = "shelters")] ShelterFigures Shelters);

[DataContract]
public sealed record LevelFigures(
    [property: DataMember(Name = "level")] int Level,
    [property: DataMember(Name = "name")] string Name,
    [property: DataMember(Name = "areas")] int Areas,
    [property: DataMember(Name = "households")] long Households,
    [property: DataMember(Name = "persons")] long Persons);

/// <summary>Shelters open (開設 or 常設), their capacity, and the evacuees counted in them.</summary>
[DataContract]
public sealed record ShelterFigures(
    [property: DataMember(Name = "open")] int Open,
    [property: DataMember(Name = "capacity")] long Capacity,
    [property: DataMember(Name = "persons")] long Persons,
    [property: DataMember(Name = "households")] long Households);

[DataContract]
public sealed record HeadquartersSummary(
    [property: DataMember(Name = "type")] string Type,
    [property: DataMember(Name = "typeName")] string TypeName,
    [property: DataMember(Name = "state")] string State,
    [property: DataMember(Name = "stateName")] string StateName,
    [property: DataMember(Name = "at")] DateTimeOffset? At);
