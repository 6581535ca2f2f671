using System.Runtime.Serialization;

namespace Alert.Broadcast.Wire;

/// <summary>
/// Hub method <c>heartbeat</c>, every few seconds: per subscribed prefecture, the sequence this connection's stream has
/// reached. Everything up to it that matches the subscription has been sent, so a client that has received less knows
/// at once that something is missing and resubscribes with <c>after</c> set to its last sequence; after a silent
/// period a client without filters can also tell that nothing was published.
/// </summary>
[DataContract]
public sealed record HeartbeatMessage(
    [property: DataMember(Name = "sequences")] IReadOnlyDictionary<string, long> Sequences,
    [property: DataMember(Name = "at")] DateTimeOffset At);
