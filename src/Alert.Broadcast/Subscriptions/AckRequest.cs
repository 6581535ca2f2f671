using System.Runtime.Serialization;

namespace Alert.Broadcast.Subscriptions;

/// <summary>Argument of the hub method <c>Ack</c>: <c>{"prefecture":"13","sequence":42}</c>.</summary>
[DataContract]
public sealed class AckRequest
{
    [DataMember(Name = "prefecture")]
    public string? Prefecture { get; set; }

    [DataMember(Name = "sequence")]
    public long? Sequence { get; set; }
}
