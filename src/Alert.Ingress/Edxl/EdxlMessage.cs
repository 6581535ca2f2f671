using System.Xml.Linq;

namespace Alert.Ingress.Edxl;

/// <summary>
/// One L-Alert distribution as read: the EDXL-DE envelope fields, FMMC's commons extensions and the embedded PCXML
/// <c>Report</c> (Control / Head / the category body).
/// </summary>
/// <param name="Category">The PCXML body element: EvacuationOrder, Shelter, AntidisasterHeadquarter, DamageInformation, GeneralInformation or Event.</param>
/// <param name="TargetCodes">The 5-digit codes of the envelope's <c>commons:targetArea</c> (from <c>jisX0402</c>).</param>
internal sealed record EdxlMessage(
    string DistributionId,
    string SenderId,
    DateTimeOffset Sent,
    string DistributionStatus,
    string DistributionType,
    string? DocumentId,
    int? DocumentRevision,
    string? Category,
    string? PublishingOfficeId,
    string? Description,
    IReadOnlyList<string> TargetCodes,
    XElement? Report,
    XElement? Body);
