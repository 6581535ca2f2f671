namespace Alert.Silo.Security.Keys;

/// <summary>
/// What a key may do, as the strings an administrator grants and the API answers: <c>issue:13101</c> (issue for that
/// municipality), <c>issue-prefecture:13</c> (issue for the prefecture and on behalf of its municipalities, 代行入力),
/// <c>exercise-only</c> (never an actual notice), <c>subscribe</c> (read feeds and subscribe), <c>relay</c> (relay
/// 気象庁防災情報XML) and <c>admin</c> (organisations, keys, audit).
/// </summary>
public static class KeyScopes
{
    public const string IssuePrefix = "issue:";
    public const string IssuePrefecturePrefix = "issue-prefecture:";
    public const string ExerciseOnly = "exercise-only";
    public const string Subscribe = "subscribe";
    public const string Relay = "relay";
    public const string Admin = "admin";

    /// <summary>Whether an organisation of this kind may hold the scope, for its own id.</summary>
    public static bool IsAllowed(OrganisationKind kind, string organisation, string scope) => kind switch
    {
        OrganisationKind.Municipality => scope == IssuePrefix + organisation || scope is ExerciseOnly or Subscribe,
        OrganisationKind.Prefecture => scope == IssuePrefecturePrefix + organisation || scope is ExerciseOnly or Subscribe
            || (scope.StartsWith(IssuePrefix, StringComparison.Ordinal) && scope.Length == IssuePrefix.Length + 5 && scope.AsSpan(IssuePrefix.Length, 2).SequenceEqual(organisation)),
        OrganisationKind.Transmitter => scope is Subscribe,
        OrganisationKind.Relay => scope is Relay or Subscribe,
        OrganisationKind.Administrator => scope is Admin or Subscribe,
        _ => false,
    };

    /// <summary>What a new key of an organisation gets when the administrator names no scopes.</summary>
    public static IReadOnlyList<string> Defaults(OrganisationKind kind, string organisation) => kind switch
    {
        OrganisationKind.Municipality => [IssuePrefix + organisation, Subscribe],
        OrganisationKind.Prefecture => [IssuePrefecturePrefix + organisation, Subscribe],
        OrganisationKind.Relay => [Relay],
        OrganisationKind.Administrator => [Admin, Subscribe],
        _ => [Subscribe],
    };

    /// <summary>The identity the hub's doors authorise from: the same shape as a development key's.</summary>
    public static ApiKeyIdentity ToIdentity(string organisation, string name, IReadOnlyCollection<string> scopes) => new(
        organisation,
        name,
        [.. scopes.Where(s => s.StartsWith(IssuePrefix, StringComparison.Ordinal)).Select(s => s[IssuePrefix.Length..])],
        [.. scopes.Where(s => s.StartsWith(IssuePrefecturePrefix, StringComparison.Ordinal)).Select(s => s[IssuePrefecturePrefix.Length..])],
        Subscribe: scopes.Contains(Subscribe),
        Admin: scopes.Contains(Admin),
        ExerciseOnly: scopes.Contains(ExerciseOnly),
        Relay: scopes.Contains(Relay));

    public static string Describe(IEnumerable<string> scopes) => string.Join(", ", scopes);
}
