namespace Alert.Ingress.Validation;

/// <summary>Rules for free text shown to the public: length caps and no control or bidirectional-override characters.</summary>
internal static class TextRules
{
    public static bool HasForbiddenCharacters(string value)
    {
        foreach (var c in value)
        {
            if ((char.IsControl(c) && c is not ('\n' or '\t')) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F')
            {
                return true;
            }
        }

        return false;
    }
}
