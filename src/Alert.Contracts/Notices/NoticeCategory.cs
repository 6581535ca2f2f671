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

    /// <summary>気象警報・注意報, 土砂災害警戒情報, 指定河川洪水予報 and other JMA weather reports, relayed.</summary>
    public const string Weather = "weather";

    /// <summary>震度速報 and 震源・震度に関する情報 (JMA), relayed.</summary>
    public const string Earthquake = "earthquake";

    /// <summary>津波警報・注意報・予報 and 津波情報 (JMA), relayed.</summary>
    public const string Tsunami = "tsunami";

    /// <summary>噴火警報・予報 and 噴火速報 (JMA), relayed.</summary>
    public const string Volcano = "volcano";

    /// <summary>What municipalities and prefectures issue themselves (the JSON, CAP and L-Alert doors).</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Evacuation, Shelter, Headquarters, Damage, Notice, Event,
    };

    /// <summary>What only a relay (気象庁 through the JMA door) issues: never accepted from a municipality's key.</summary>
    public static readonly IReadOnlySet<string> Relayed = new HashSet<string>(StringComparer.Ordinal)
    {
        Weather, Earthquake, Tsunami, Volcano,
    };

    /// <summary>Every category a subscriber may ask for.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(All.Concat(Relayed), StringComparer.Ordinal);

    /// <summary>Categories whose areas carry a level and an issued/lifted state: the notice ends when every area is lifted.</summary>
    public static bool HasAreaStates(string category) => category == Evacuation || Relayed.Contains(category);
}
