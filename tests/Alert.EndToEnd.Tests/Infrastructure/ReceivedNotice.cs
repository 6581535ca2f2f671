using System.Runtime.Serialization;

namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>A subscriber's own view of the <c>notice</c> message; readable from JSON and MessagePack alike.</summary>
[DataContract]
public sealed class ReceivedNotice
{
    [DataMember(Name = "prefecture")]
    public string Prefecture { get; set; } = "";

    [DataMember(Name = "sequence")]
    public long Sequence { get; set; }

    [DataMember(Name = "id")]
    public string Id { get; set; } = "";

    [DataMember(Name = "revision")]
    public int Revision { get; set; }

    [DataMember(Name = "status")]
    public string Status { get; set; } = "";

    [DataMember(Name = "headline")]
    public string Headline { get; set; } = "";

    [DataMember(Name = "level")]
    public int? Level { get; set; }

    [DataMember(Name = "affectedMunicipalities")]
    public List<string> AffectedMunicipalities { get; set; } = [];
}
