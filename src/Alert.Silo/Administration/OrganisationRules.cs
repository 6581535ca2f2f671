using System.Text.RegularExpressions;
using Alert.Contracts.Problems;
using Alert.Geo;
using Alert.Silo.Security.Keys;

namespace Alert.Silo.Administration;

/// <summary>
/// Who may be registered as what: a municipality by its real 5-digit code, a prefecture by its 2-digit code (names
/// come from the boundaries), anyone else by a slug. A municipality or prefecture needs no registration of its own:
/// it is registered when the first key is made for it.
/// </summary>
public static partial class OrganisationRules
{
    public static (Organisation? Organisation, ProblemError? Error) Check(string id, OrganisationKind kind, string? name, JapanGeography geography)
    {
        ArgumentNullException.ThrowIfNull(geography);
        var known = kind switch
        {
            OrganisationKind.Municipality => geography.FindMunicipality(id) is { Kind: not Geo.Boundaries.AreaKind.DesignatedCityWard } m && m.Code == id ? m.Name : null,
            OrganisationKind.Prefecture => id.Length == 2 ? geography.FindPrefecture(id)?.Name : null,
            _ => Slug().IsMatch(id) ? name : null,
        };
        if (kind is OrganisationKind.Municipality or OrganisationKind.Prefecture && known is null)
        {
            return (null, new ProblemError("id", "organisation-code", $"{id} は{(kind == OrganisationKind.Municipality ? "市区町村（5 桁）" : "都道府県（2 桁）")}のコードではありません。",
                $"{id} is not a {(kind == OrganisationKind.Municipality ? "5-digit municipality" : "2-digit prefecture")} code."));
        }

        if (kind is not (OrganisationKind.Municipality or OrganisationKind.Prefecture) && !Slug().IsMatch(id))
        {
            return (null, new ProblemError("id", "organisation-slug", "id は英小文字・数字・ハイフンの 3〜64 文字で、英字で始めてください。",
                "id must be 3–64 lower-case letters, digits or hyphens, starting with a letter."));
        }

        var display = string.IsNullOrWhiteSpace(name) ? known ?? id : name.Trim();
        if (display.Length > 100 || display.Any(char.IsControl))
        {
            return (null, new ProblemError("name", "text", "name は制御文字を含まない 100 文字以内です。", "name must be at most 100 characters without control characters."));
        }

        return (new Organisation(id, kind, display, DateTimeOffset.MinValue), null);
    }

    /// <summary>
    /// The registered organisation, or a municipality or prefecture known by its code that is not registered yet (the
    /// caller registers it once the request is found valid, so a refused request registers nothing).
    /// </summary>
    public static Organisation? Resolve(string id, SqliteKeyRegistry registry, JapanGeography geography)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (registry.FindOrganisation(id) is { } existing)
        {
            return existing;
        }

        var kind = id.Length == 2 ? OrganisationKind.Prefecture : OrganisationKind.Municipality;
        return id.Length is 2 or 5 && Check(id, kind, null, geography) is ({ } organisation, null) ? organisation : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{2,63}$")]
    private static partial Regex Slug();
}
