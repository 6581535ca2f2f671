using Alert.Contracts.Notices;
using Alert.Contracts.Vocabulary;

namespace Alert.Broadcast.Formats.Cap;

/// <summary>
/// The hub's categories, kinds and levels in CAP 1.2's closed vocabularies (msgType, category, responseType, urgency,
/// severity, certainty). Where the hub knows nothing more specific, CAP's own "Unknown" is used rather than a guess.
/// </summary>
internal static class CapTerms
{
    public static string Status(string status) => status switch
    {
        NoticeStatus.Exercise => "Exercise",
        NoticeStatus.Test => "Test",
        _ => "Actual",
    };

    /// <summary>Revision 1 is an Alert; a withdrawal (取消) a Cancel; every other revision, ending or not, an Update.</summary>
    public static string MessageType(NoticeEnvelope revision) => revision.Kind switch
    {
        NoticeKind.Cancelled => "Cancel",
        _ when revision.Revision == 1 => "Alert",
        _ => "Update",
    };

    public static string Category(NoticeEnvelope revision) => revision.Category switch
    {
        NoticeCategory.Evacuation or NoticeCategory.Shelter => "Safety",
        NoticeCategory.Notice => revision.Content.Information?.Category switch
        {
            { } c when c.Contains("交通", StringComparison.Ordinal) || c.Contains("道路", StringComparison.Ordinal) => "Transport",
            { } c when c.Contains("ライフライン", StringComparison.Ordinal) => "Infra",
            _ => "Other",
        },
        NoticeCategory.Weather => "Met",
        NoticeCategory.Earthquake or NoticeCategory.Tsunami or NoticeCategory.Volcano => "Geo",
        _ => "Other",
    };

    /// <summary>The event in Japanese, as broadcasters name it: the evacuation level's name, otherwise the kind of information.</summary>
    public static string Event(NoticeEnvelope revision) => revision.Category switch
    {
        NoticeCategory.Evacuation when revision.Content.Level is { } level => Terms.EvacuationLevel.Japanese(level.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        NoticeCategory.Evacuation => "避難情報",
        NoticeCategory.Shelter => "避難所情報",
        NoticeCategory.Headquarters => "災害対策本部設置状況",
        NoticeCategory.Damage => "被害情報",
        NoticeCategory.Event => "イベント",
        _ when NoticeCategory.Relayed.Contains(revision.Category) => revision.Content.Information?.Category ?? "気象庁 防災情報",
        _ => "お知らせ",
    };

    public static string? ResponseType(NoticeEnvelope revision) => revision switch
    {
        { Kind: NoticeKind.Lifted or NoticeKind.Expired } => "AllClear",
        { Kind: NoticeKind.Cancelled } => null,
        { Category: NoticeCategory.Evacuation, Content.Level: 5 } => "Shelter", // 緊急安全確保: secure your life where you are
        { Category: NoticeCategory.Evacuation, Content.Level: 3 or 4 } => "Evacuate",
        _ => null,
    };

    public static (string Urgency, string Severity, string Certainty) Weight(NoticeEnvelope revision) => revision switch
    {
        { Ends: true } => ("Past", "Minor", "Observed"),
        { Category: NoticeCategory.Evacuation, Content.Level: 5 } => ("Immediate", "Extreme", "Observed"),
        { Category: NoticeCategory.Evacuation, Content.Level: 4 } => ("Immediate", "Severe", "Likely"),
        { Category: NoticeCategory.Evacuation, Content.Level: 3 } => ("Expected", "Moderate", "Likely"),
        { Category: NoticeCategory.Weather } => WeatherWeight(revision),
        _ => ("Unknown", "Unknown", "Unknown"),
    };

    /// <summary>A relayed weather report weighs as its strongest area in force (警戒レベル相当: 特別警報 5 … 注意報 2).</summary>
    private static (string Urgency, string Severity, string Certainty) WeatherWeight(NoticeEnvelope revision)
    {
        var highest = revision.Content.Areas.Where(a => a.State != AreaStates.Lifted).Max(a => a.Level);
        return highest switch
        {
            5 => ("Immediate", "Extreme", "Likely"),
            4 => ("Immediate", "Severe", "Likely"),
            3 => ("Expected", "Moderate", "Likely"),
            2 => ("Future", "Minor", "Possible"),
            _ => ("Unknown", "Unknown", "Unknown"),
        };
    }

    /// <summary>What people under an evacuation level are told to do (Cabinet Office guideline wording).</summary>
    public static string? Instruction(NoticeEnvelope revision) => revision switch
    {
        { Ends: true } => null,
        { Category: NoticeCategory.Evacuation, Content.Level: 5 } => "命の危険があります。直ちに身の安全を確保してください。",
        { Category: NoticeCategory.Evacuation, Content.Level: 4 } => "危険な場所から全員避難してください。",
        { Category: NoticeCategory.Evacuation, Content.Level: 3 } => "危険な場所から高齢者等は避難してください。",
        _ => null,
    };
}
