namespace Alert.Geo.Codes;

/// <summary>Outcome of reading a local-government code.</summary>
public enum CodeParseResult
{
    Ok,
    Missing,
    BadFormat,
    BadCheckDigit,

    /// <summary>A 7-digit JMA code that is a warning area, not a municipality.</summary>
    NotMunicipality,
}
