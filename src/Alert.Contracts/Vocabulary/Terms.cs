namespace Alert.Contracts.Vocabulary;

/// <summary>The hub's controlled vocabularies, following L-Alert's PCXML and the Cabinet Office guideline.</summary>
public static class Terms
{
    /// <summary>
    /// Evacuation levels (Cabinet Office guideline, names since 2021-05-20), with the old names still sent by older
    /// systems mapped on input: 避難準備・高齢者等避難開始 → 3, 避難勧告 and 避難指示(緊急) → 4, 災害発生情報 → 5.
    /// </summary>
    public static readonly Vocabulary EvacuationLevel = new("level",
        ("3", "高齢者等避難", ["避難準備・高齢者等避難開始", "避難準備", "elderly"]),
        ("4", "避難指示", ["避難勧告", "避難指示(緊急)", "evacuate"]),
        ("5", "緊急安全確保", ["災害発生情報", "emergency"]));

    /// <summary>An area's state: 発令 (issued) or 解除 (lifted).</summary>
    public static readonly Vocabulary AreaState = new("state",
        ("issued", "発令", []),
        ("lifted", "解除", []));

    /// <summary>The hazard an evacuation order is for.</summary>
    public static readonly Vocabulary Hazard = new("hazard",
        ("flood", "洪水", []),
        ("inland-flood", "内水氾濫", []),
        ("landslide", "土砂災害", ["土砂"]),
        ("storm-surge", "高潮", []),
        ("tsunami", "津波", []),
        ("earthquake", "地震", []),
        ("fire", "大規模な火事", ["火災"]),
        ("volcano", "火山", ["噴火"]),
        ("other", "その他", []));

    public static readonly Vocabulary ShelterStatus = new("status",
        ("not-opened", "未開設", []),
        ("opened", "開設", []),
        ("closed", "閉鎖", []),
        ("permanent", "常設", []));

    public static readonly Vocabulary Crowding = new("crowding",
        ("available", "空き", []),
        ("crowded", "混雑", []),
        ("full", "定員一杯", ["満員"]),
        ("unknown", "不明", []));

    public static readonly Vocabulary ShelterType = new("type",
        ("designated", "指定避難所", []),
        ("emergency-evacuation-site", "指定緊急避難場所", ["緊急避難場所"]),
        ("designated-and-emergency", "指定避難所兼指定緊急避難場所", []),
        ("welfare", "福祉避難所", []),
        ("temporary", "臨時避難所", []),
        ("other", "その他", []));

    public static readonly Vocabulary HeadquartersType = new("type",
        ("alert", "警戒本部", ["災害警戒本部"]),
        ("countermeasures", "対策本部", ["災害対策本部"]),
        ("information-liaison", "情報連絡室", ["情報連絡体制"]),
        ("other", "その他", []));

    public static readonly Vocabulary HeadquartersState = new("state",
        ("established", "設置", []),
        ("dissolved", "解散", ["廃止"]));
}
