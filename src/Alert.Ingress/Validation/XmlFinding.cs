namespace Alert.Ingress.Validation;

/// <summary>One broken rule (or, as a warning, one thing accepted liberally) at a path in an XML message (CAP, EDXL, JMA).</summary>
/// <param name="Path">Where: <c>/alert/info[1]/area[2]/polygon[1]</c>.</param>
/// <param name="Rule">Which rule: <c>schema</c>, <c>polygon-closed</c>, <c>references-triple</c>, …</param>
internal sealed record XmlFinding(string Path, string Rule, string Message, string MessageEn);
