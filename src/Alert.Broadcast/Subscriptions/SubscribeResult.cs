using System.Runtime.Serialization;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// What <c>Subscribe</c> answers: the prefectures and statuses now subscribed, and per prefecture the sequence the
/// stream starts after (every later envelope will be delivered; resume from the last one received), and how often a
/// <c>heartbeat</c> message lists, per prefecture, the sequence the stream has reached.
/// </summary>
[DataContract]
public sealed record SubscribeResult(
    [property: DataMember(Name = "prefectures")] IReadOnlyList<string> Prefectures,
    [property: DataMember(Name = "statuses")] IReadOnlyList<string> Statuses,
    [property: DataMember(Name = "after")] IReadOnlyDictionary<string, long> After,
    [property: DataMember(Name = "heartbeatSeconds")] double HeartbeatSeconds);
