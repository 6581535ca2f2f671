using System.Runtime.Serialization;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// Argument of the hub method <c>Subscribe</c>: <c>{"prefectures":["13"],"after":{"13":0},"statuses":["actual"]}</c>.
/// <c>after</c> replays every envelope with a greater sequence before streaming live; a prefecture without an
/// <c>after</c> starts live. <c>statuses</c> (or one <c>status</c>) defaults to actual only: drills and tests are never
/// delivered unasked. <c>municipalities</c>, <c>categories</c>, <c>minLevel</c> and <c>location</c> narrow further;
/// all filters combine with AND (<see cref="SubscriptionFilter"/>). <c>prefectures</c> is required unless
/// <c>location</c> is given, in which case it defaults to the prefectures the location reaches.
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

    /// <summary>5- or 6-digit municipality codes; a notice passes when it affects any of them.</summary>
    [DataMember(Name = "municipalities")]
    public IReadOnlyList<string>? Municipalities { get; set; }

    /// <summary>Notice categories (evacuation, shelter, headquarters, damage, notice, event).</summary>
    [DataMember(Name = "categories")]
    public IReadOnlyList<string>? Categories { get; set; }

    /// <summary>The lowest alert level (1–5) of evacuation information to receive.</summary>
    [DataMember(Name = "minLevel")]
    public int? MinLevel { get; set; }

    [DataMember(Name = "location")]
    public SubscriberLocation? Location { get; set; }
}
