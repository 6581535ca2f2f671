using System.Runtime.Serialization;

namespace Alert.Broadcast.Subscriptions;

/// <summary>What <c>Subscribe</c> answers: the prefectures and statuses now subscribed.</summary>
[DataContract]
public sealed record SubscribeResult(
    [property: DataMember(Name = "prefectures")] IReadOnlyList<string> Prefectures,
    [property: DataMember(Name = "statuses")] IReadOnlyList<string> Statuses);
