using NetTopologySuite.Geometries;

namespace Alert.Geo.Boundaries;

/// <summary>
/// One prefecture, municipality, designated-city ward or unassigned area with its boundary and 2020 population.
/// </summary>
/// <param name="Code">5-digit code (2-digit for a prefecture; empty for an unassigned area).</param>
/// <param name="MunicipalityCode">For a ward, the designated city's code; otherwise <paramref name="Code"/>.</param>
/// <param name="Population">2020 census preliminary count; null where the census has none (北方領土).</param>
public sealed record AdministrativeArea(
    string Code,
    string Name,
    AreaKind Kind,
    string PrefectureCode,
    string PrefectureName,
    string MunicipalityCode,
    string MunicipalityName,
    long? Population,
    Geometry Geometry)
{
    /// <summary>The 6-digit form with its check digit (empty for areas without a code).</summary>
    public string Code6 => Code.Length == 5 ? Code + Codes.LocalGovernmentCode.CheckDigit(Code).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
}
