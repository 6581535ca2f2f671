namespace Alert.Ingress.Validation;

/// <summary>Rules for free text shown to the public: no control or bidirectional-override characters.</summary>
internal static class TextRules
{
    /// <summary>Control characters (line breaks and tabs allowed only in multi-line text) and bidi overrides/isolates.</summary>
    public static bool HasForbiddenCharacters(string value, bool multiline = false)
    {
        foreach (var c in value)
        {
            var allowedControl = multiline && c is '\n' or '\t' or '\r';
            if ((char.IsControl(c) && !allowedControl) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F')
            {
                return true;
            }
        }

        return false;
    }
}
