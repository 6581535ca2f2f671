using System.ComponentModel.DataAnnotations;

namespace Alert.Broadcast.Delivery;

/// <summary>Delivery reporting, bound from <c>AlertHub:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "AlertHub:Delivery";

    /// <summary>How often a host flushes sent and acknowledged reports to the ledgers (250 ms by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a first send stays remembered so other connections of the organisation do not report it again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RememberReported { get; set; } = TimeSpan.FromMinutes(2);
}
