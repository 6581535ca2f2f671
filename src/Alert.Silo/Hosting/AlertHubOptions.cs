using System.ComponentModel.DataAnnotations;

namespace Alert.Silo.Hosting;

/// <summary>Settings of the embedded default: where data lives and the silo's local ports. Section "AlertHub".</summary>
public sealed class AlertHubOptions
{
    public const string Section = "AlertHub";

    /// <summary>Directory for the journal and other durable state; relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Orleans silo-to-silo port on loopback.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port on loopback.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The first silo's port when several hosts on this machine form one cluster (each with its own ports, the same
    /// data directory); unset for the single-silo default.
    /// </summary>
    [Range(1, 65535)]
    public int? PrimarySiloPort { get; set; }

    /// <summary>
    /// A cleartext HTTP/2 (h2c) port on the same addresses for the gRPC feed: gRPC needs HTTP/2, which browsers'
    /// cleartext endpoints do not speak. Unset: gRPC only where HTTP/2 is negotiated (HTTPS endpoints configured under
    /// Kestrel:Endpoints).
    /// </summary>
    [Range(1, 65535)]
    public int? GrpcPort { get; set; }

    [Required]
    public string ClusterId { get; set; } = "alerthub";

    [Required]
    public string ServiceId { get; set; } = "alerthub";
}
