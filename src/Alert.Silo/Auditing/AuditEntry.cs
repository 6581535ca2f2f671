namespace Alert.Silo.Auditing;

/// <summary>
/// One line of the audit log: who (organisation and key id, never the key), what (method and path, and where the
/// write led), when, from where, and the outcome.
/// </summary>
/// <param name="Outcome">accepted, refused, forbidden, authentication-failed, rate-limited or failed.</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string? Organisation,
    string? KeyId,
    string Method,
    string Path,
    int Status,
    string Outcome,
    string Source,
    string? Detail);
