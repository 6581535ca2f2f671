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

/// <summary>Marks drill and test headlines so that no screen can mistake them for a live notice.</summary>
public static class TrainingMark
{
    public const string Exercise = "【訓練】";
    public const string Test = "【試験】";

    public static string Apply(string status, string headline)
    {
        var mark = status switch
        {
            NoticeStatus.Exercise => Exercise,
            NoticeStatus.Test => Test,
            _ => null,
        };
        return mark is null || headline.StartsWith(mark, StringComparison.Ordinal) ? headline : mark + headline;
    }
}
