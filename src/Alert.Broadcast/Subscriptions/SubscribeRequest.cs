using System.Runtime.Serialization;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// Argument of the hub method <c>Subscribe</c>: <c>{"prefectures":["13"],"after":{"13":0},"statuses":["actual"]}</c>.
/// <c>after</c> replays every envelope with a greater sequence before streaming live; a prefecture without an
/// <c>after</c> starts live. <c>statuses</c> (or one <c>status</c>) defaults to actual only: drills and tests are never
/// delivered unasked.
/// </summary>
[DataContract]
public sealed class SubscribeRequest
{
    [DataMember(Name = "prefectures")]
    public IReadOnlyList<string>? Prefectures { get; set; }

    [DataMember(Name = "after")]
    public IReadOnlyDictionary<string, long>? After { get; set; }

    [DataMember(Name = "statuses")]
    public IReadOnlyList<string>? Statuses { get; set; }

    /// <summary>One status, as a shorthand for <see cref="Statuses"/> (<c>"status":"exercise"</c>).</summary>
    [DataMember(Name = "status")]
    public string? Status { get; set; }
}
