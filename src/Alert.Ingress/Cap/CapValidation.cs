using Alert.Ingress.Validation;

namespace Alert.Ingress.Cap;

/// <summary>What validation found; the document is set when it could be read at all.</summary>
internal sealed record CapValidation(System.Xml.Linq.XDocument? Document, IReadOnlyList<XmlFinding> Errors, IReadOnlyList<XmlFinding> Warnings)
{
    public bool Valid => Errors.Count == 0;
}
