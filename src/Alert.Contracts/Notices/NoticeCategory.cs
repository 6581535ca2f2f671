namespace Alert.Contracts.Notices;

/// <summary>Information kinds carried by the hub (wire names). The full set and their bodies arrive with the information model.</summary>
public static class NoticeCategory
{
    /// <summary>避難情報.</summary>
    public const string Evacuation = "evacuation";

    /// <summary>避難所情報.</summary>
    public const string Shelter = "shelter";

    /// <summary>災害対策本部設置状況.</summary>
    public const string Headquarters = "headquarters";

    /// <summary>被害情報.</summary>
    public const string Damage = "damage";

    /// <summary>お知らせ.</summary>
    public const string Notice = "notice";

    /// <summary>イベント.</summary>
    public const string Event = "event";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Evacuation, Shelter, Headquarters, Damage, Notice, Event,
    };
}
