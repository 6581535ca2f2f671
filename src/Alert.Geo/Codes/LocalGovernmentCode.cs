namespace Alert.Geo.Codes;

/// <summary>
/// 全国地方公共団体コード (JIS X 0401 + X 0402): 2-digit prefecture + 3-digit municipality, optionally followed by a
/// check digit. The check digit is the last digit of 11 − (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5) mod 11.
/// </summary>
public static class LocalGovernmentCode
{
    /// <summary>Computes the check digit of a 5-digit code.</summary>
    public static int CheckDigit(ReadOnlySpan<char> fiveDigits)
    {
        if (fiveDigits.Length != 5 || !IsAllDigits(fiveDigits))
        {
            throw new ArgumentException("A 5-digit code is required.", nameof(fiveDigits));
        }

        var sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += (fiveDigits[i] - '0') * (6 - i);
        }

        return (11 - (sum % 11)) % 10;
    }

    /// <summary>
    /// Normalises a 5-digit code, a 6-digit code whose check digit is right, or a JMA 7-digit municipality code
    /// (5 digits + "00") to the 5-digit form.
    /// </summary>
    public static CodeParseResult TryNormalise(string? value, out string fiveDigits)
    {
        fiveDigits = string.Empty;
        if (string.IsNullOrEmpty(value))
        {
            return CodeParseResult.Missing;
        }

        if (!IsAllDigits(value) || value.Length is not (5 or 6 or 7))
        {
            return CodeParseResult.BadFormat;
        }

        // JMA writes municipalities as 7 digits: the 5-digit code and "00" (奈良市 2920100). Other 7-digit JMA codes
        // are warning areas (二次細分区域), not municipalities.
        if (value.Length == 7)
        {
            if (!value.EndsWith("00", StringComparison.Ordinal))
            {
                return CodeParseResult.NotMunicipality;
            }

            fiveDigits = value[..5];
            return CodeParseResult.Ok;
        }

        if (value.Length == 6 && CheckDigit(value.AsSpan(0, 5)) != value[5] - '0')
        {
            return CodeParseResult.BadCheckDigit;
        }

        fiveDigits = value[..5];
        return CodeParseResult.Ok;
    }

    /// <summary>True for a 2-digit prefecture code 01…47.</summary>
    public static bool IsPrefectureCode(string? value) =>
        value is { Length: 2 } && IsAllDigits(value) && int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 47;

    private static bool IsAllDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
