using System.Runtime.Serialization;
namespace Alert.Contracts.Notices;

/// <summary>Why a revision corrects (訂正) or cancels (取消) an erroneous notice, and when that was said.</summary>
[DataContract, GenerateSerializer, Immutable, Alias("alerthub.Errata")]
public sealed record Errata(
    [property: Id(0), DataMember(Name = "reason")] string Reason,
    [property: Id(1), DataMember(Name = "at")] DateTimeOffset At);
