using System.Security.Claims;
using Alert.Contracts.Security;

namespace Alert.Ingress.Notices;

/// <summary>What the caller's key may issue for: listed municipalities, and every municipality of listed prefectures.</summary>
internal sealed class IssuerScope(ClaimsPrincipal user)
{
    private readonly HashSet<string> _municipalities = [.. user.FindAll(AlertHubClaims.IssueMunicipality).Select(c => c.Value)];
    private readonly HashSet<string> _prefectures = [.. user.FindAll(AlertHubClaims.IssuePrefecture).Select(c => c.Value)];

    public string Organisation { get; } = user.FindFirstValue(AlertHubClaims.Organisation) ?? "unknown";

    /// <summary>The key may issue exercise (訓練) and test (試験) notices only.</summary>
    public bool ExerciseOnly { get; } = user.HasClaim(c => c.Type == AlertHubClaims.ExerciseOnly);

    /// <summary>May the key issue as this issuer (a 5-digit municipality or 2-digit prefecture code)?</summary>
    public bool MayIssueAs(string issuer) =>
        issuer.Length == 2 ? _prefectures.Contains(issuer) : _municipalities.Contains(issuer) || _prefectures.Contains(issuer[..2]);

    /// <summary>
    /// The scope a relay's report is issued under in one prefecture: as that prefecture, for its municipalities only, so
    /// the resolver's territory rules hold for relayed notices exactly as for the prefecture's own.
    /// </summary>
    public static IssuerScope RelayIn(string organisation, string prefecture) => new(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(AlertHubClaims.Organisation, organisation), new Claim(AlertHubClaims.IssuePrefecture, prefecture)], "Relay")));

    /// <summary>May the key issue for an area of this municipality (5-digit code, designated cities as a whole)?</summary>
    public bool MayIssueFor(string municipality) =>
        _municipalities.Contains(municipality) || _prefectures.Contains(municipality[..2]);
}
