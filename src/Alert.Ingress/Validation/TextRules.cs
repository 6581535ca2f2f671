namespace Alert.Ingress.Validation;

/// <summary>Rules for free text shown to the public: no control or bidirectional-override characters.</summary>
internal static class TextRules
{
    /// <summary>Control characters (line breaks and tabs allowed only in multi-line text) and bidi overrides/isolates.</summary>
    public static bool HasForbiddenCharacters(string value, bool multiline = false)
    {
        foreach (var c in value)
        {
            if (IsForbidden(c, multiline))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One character of the rule above.</summary>
    public static bool IsForbidden(char c, bool multiline = false)
    {
        var allowedControl = multiline && c is '\n' or '\t' or '\r';
        return (char.IsControl(c) && !allowedControl) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
    }
}
