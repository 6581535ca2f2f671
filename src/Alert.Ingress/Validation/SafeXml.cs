using System.Xml;
using System.Xml.Linq;

namespace Alert.Ingress.Validation;

/// <summary>
/// The only way XML enters the hub: no DTD (so no entity expansion and no external entities), no resolver (nothing is
/// ever fetched), and limits on size, depth and element count checked while streaming, before any tree is built.
/// </summary>
internal static class SafeXml
{
    public const int MaxCharacters = 4 * 1024 * 1024;
    public const int MaxDepth = 32;
    public const int MaxElements = 50_000;

    public static XmlReaderSettings Settings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        Async = false,
    };

    /// <summary>Parses the bytes, or says in both languages which rule they broke.</summary>
    /// <remarks>Read twice, without copying: a streaming pass for the limits, then the tree.</remarks>
    public static (XDocument? Document, XmlRefusal? Refusal) Parse(byte[] bytes)
    {
        try
        {
            // First pass: stream, counting, so a deep or huge document is refused before it costs memory.
            using (var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), Settings))
            {
                var elements = 0;
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (reader.Depth >= MaxDepth)
                    {
                        return (null, new XmlRefusal("max-depth", $"XML の入れ子が深すぎます（上限 {MaxDepth} 段）。", $"The XML is nested deeper than {MaxDepth} levels.", Line(reader)));
                    }

                    if (++elements > MaxElements)
                    {
                        return (null, new XmlRefusal("max-elements", $"XML の要素が多すぎます（上限 {MaxElements:N0}）。", $"The XML has more than {MaxElements:N0} elements.", Line(reader)));
                    }
                }
            }

            using var second = XmlReader.Create(new MemoryStream(bytes, writable: false), Settings);
            return (XDocument.Load(second, LoadOptions.SetLineInfo), null);
        }
        catch (XmlException failure) when (failure.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new XmlRefusal("dtd-prohibited", "DTD（DOCTYPE）は受け付けません。外部実体・実体展開は使えません。",
                "DTDs (DOCTYPE) are not accepted: no external or expanding entities.", failure.LineNumber));
        }
        catch (XmlException failure) when (failure.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || failure.Message.Contains("quota", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new XmlRefusal("max-size", $"XML が大きすぎます（上限 {MaxCharacters:N0} 文字）。", $"The XML is larger than {MaxCharacters:N0} characters.", failure.LineNumber));
        }
        catch (XmlException failure)
        {
            return (null, new XmlRefusal("well-formed", $"XML として読めません（{failure.LineNumber} 行 {failure.LinePosition} 桁）。", $"Not well-formed XML (line {failure.LineNumber}, position {failure.LinePosition}): {failure.Message}", failure.LineNumber));
        }
    }

    private static int Line(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;
}

/// <summary>Why an XML body was refused before it was read as anything: the rule, both languages, the line.</summary>
internal sealed record XmlRefusal(string Rule, string Message, string MessageEn, int Line);
