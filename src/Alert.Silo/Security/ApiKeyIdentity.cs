namespace Alert.Silo.Security;

/// <summary>What an API key may do. The durable registry of organisations and keys replaces the source, not this shape.</summary>
public sealed record ApiKeyIdentity(
    string Organisation,
    string DisplayName,
    IReadOnlyList<string> IssueMunicipalities,
    IReadOnlyList<string> IssuePrefectures,
    bool Subscribe,
    bool Admin,
    bool ExerciseOnly = false,
    bool Relay = false);
