namespace Alert.Silo.Security;

/// <summary>
/// Keys that exist only in the Development environment, listed in the README so the quick start works at once.
/// </summary>
internal static class DevelopmentKeys
{
    public static IReadOnlyDictionary<string, ApiKeyIdentity> All { get; } = new Dictionary<string, ApiKeyIdentity>(StringComparer.Ordinal)
    {
        ["dev-municipality-13101"] = new("13101", "千代田区 (development)", ["13101"], [], Subscribe: true, Admin: false),
        ["dev-prefecture-13"] = new("13", "東京都 (development)", [], ["13"], Subscribe: true, Admin: false),
        ["dev-prefecture-27"] = new("27", "大阪府 (development)", [], ["27"], Subscribe: true, Admin: false),
        ["dev-exercise-13101"] = new("13101", "千代田区 訓練専用 (development)", ["13101"], [], Subscribe: true, Admin: false, ExerciseOnly: true),
        ["dev-broadcaster"] = new("dev-broadcaster", "Development broadcaster", [], [], Subscribe: true, Admin: false),
        ["dev-relay"] = new("jma", "気象庁 relay (development)", [], [], Subscribe: false, Admin: false, Relay: true),
        ["dev-admin"] = new("admin", "Development administrator", [], [], Subscribe: true, Admin: true),
    };
}
