namespace Alert.Contracts.Notices;

/// <summary>
/// Distribution mode. Only <see cref="Actual"/> (本番) reaches subscribers by default; <see cref="Exercise"/> (訓練)
/// and <see cref="Test"/> (試験) are delivered only to subscribers that ask for them.
/// </summary>
public static class NoticeStatus
{
    public const string Actual = "actual";
    public const string Exercise = "exercise";
    public const string Test = "test";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Actual, Exercise, Test };
}
