namespace Alert.Silo.Security.Keys;

/// <summary>A key as the registry keeps it: never the key itself, only its id, scopes and life.</summary>
public sealed record RegisteredKey(string KeyId, string Organisation, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public bool Active => RevokedAt is null;
}
