using System.Runtime.Serialization;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// An app's place: <c>{"lat":35.68,"lon":139.76,"radiusKm":0.5}</c>. It receives the notices whose areas contain the
/// point or reach the circle (the border counts as touching).
/// </summary>
[DataContract]
public sealed class SubscriberLocation
{
    [DataMember(Name = "lat")]
    public double? Lat { get; set; }

    [DataMember(Name = "lon")]
    public double? Lon { get; set; }

    [DataMember(Name = "radiusKm")]
    public double? RadiusKm { get; set; }
}
