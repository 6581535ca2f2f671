namespace Alert.Ingress.Cap;

/// <summary>One broken rule (or, as a warning, one thing accepted liberally) at a path in the CAP message.</summary>
/// <param name="Path">Where: <c>/alert/info[1]/area[2]/polygon[1]</c>.</param>
/// <param name="Rule">Which rule: <c>schema</c>, <c>polygon-closed</c>, <c>references-triple</c>, …</param>
internal sealed record CapFinding(string Path, string Rule, string Message, string MessageEn);

/// <summary>What validation found; the document is set when it could be read at all.</summary>
internal sealed record CapValidation(System.Xml.Linq.XDocument? Document, IReadOnlyList<CapFinding> Errors, IReadOnlyList<CapFinding> Warnings)
{
    public bool Valid => Errors.Count == 0;
}
