using System.Xml;
using System.Xml.Schema;

namespace Alert.Ingress.Cap;

/// <summary>The official OASIS CAP 1.2 schema, embedded (SOURCES.md) and compiled once.</summary>
internal static class CapSchema
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    public static XmlSchemaSet Set { get; } = Load();

    private static XmlSchemaSet Load()
    {
        using var stream = typeof(CapSchema).Assembly.GetManifestResourceStream("Alert.Ingress.Cap.cap12.xsd")
            ?? throw new InvalidOperationException("The embedded CAP 1.2 schema is missing.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }
}
