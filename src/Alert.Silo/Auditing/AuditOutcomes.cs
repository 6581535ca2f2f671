namespace Alert.Silo.Auditing;

/// <summary>How a request ended, as the audit log names it.</summary>
public static class AuditOutcomes
{
    public const string Accepted = "accepted";
    public const string Refused = "refused";
    public const string Forbidden = "forbidden";
    public const string AuthenticationFailed = "authentication-failed";
    public const string RateLimited = "rate-limited";
    public const string Failed = "failed";

    public static string Of(int status) => status switch
    {
        < 400 => Accepted,
        401 => AuthenticationFailed,
        403 => Forbidden,
        429 => RateLimited,
        < 500 => Refused,
        _ => Failed,
    };
}
