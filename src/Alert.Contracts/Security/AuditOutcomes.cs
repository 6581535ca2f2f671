namespace Alert.Contracts.Security;

/// <summary>
/// How a request ended, as the audit log names it. A door whose protocol answers refusals with 200 (SOAP's
/// processResponse) says the outcome in <c>HttpContext.Items[AuditOutcomes.ItemKey]</c>.
/// </summary>
public static class AuditOutcomes
{
    public const string ItemKey = "alerthub.audit.outcome";

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
