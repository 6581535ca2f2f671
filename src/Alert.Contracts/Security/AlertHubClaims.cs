namespace Alert.Contracts.Security;

/// <summary>Claims an authenticated API key carries; every door authorises from these.</summary>
public static class AlertHubClaims
{
    /// <summary>The organisation the key belongs to: a 5-digit municipality code, 2-digit prefecture code or a slug.</summary>
    public const string Organisation = "alerthub:org";

    /// <summary>The key's id (never the key): who did what, in the audit log.</summary>
    public const string KeyId = "alerthub:key-id";

    /// <summary>May issue for this 5-digit municipality code (one claim per code).</summary>
    public const string IssueMunicipality = "alerthub:issue-municipality";

    /// <summary>May issue for any municipality of this 2-digit prefecture (代行入力 included).</summary>
    public const string IssuePrefecture = "alerthub:issue-prefecture";

    /// <summary>Whatever else the key may do, it never issues actual (本番) notices: exercises and tests only.</summary>
    public const string ExerciseOnly = "alerthub:exercise-only";

    /// <summary>May read feeds and subscribe.</summary>
    public const string Subscribe = "alerthub:subscribe";

    /// <summary>May relay another authority's reports (気象庁 防災情報XML through the JMA door), in every prefecture.</summary>
    public const string Relay = "alerthub:relay";

    /// <summary>May administer organisations and keys.</summary>
    public const string Admin = "alerthub:admin";
}
