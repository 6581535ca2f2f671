namespace Alert.Geo.Codes;

/// <summary>Outcome of reading a local-government code.</summary>
public enum CodeParseResult
{
    Ok,
    Missing,
    BadFormat,
    BadCheckDigit,
}
