namespace Alert.Ingress.Jma;

/// <summary>
/// One 気象庁防災情報XML report (JMA disaster-prevention XML) as the hub needs it: what it is, which series it belongs
/// to, and the places it names, each with the warning or intensity kinds said of it.
/// </summary>
/// <param name="ControlTitle">Control/Title: the report type (気象特別警報・警報・注意報, 震度速報, …).</param>
/// <param name="Status">The hub's status for Control/Status: 通常 actual, 訓練 exercise, 試験 test.</param>
/// <param name="Title">Head/Title (奈良県気象警報・注意報, 渡島・檜山地方土砂災害警戒情報, …).</param>
/// <param name="EventId">Head/EventID: the phenomenon a series follows (empty for warnings, which follow their area).</param>
/// <param name="InfoType">Head/InfoType: 発表 (issued), 訂正 (corrected) or 取消 (cancelled).</param>
/// <param name="Serial">Head/Serial where numbered.</param>
/// <param name="Category">The hub category it is relayed as: weather, earthquake, tsunami or volcano.</param>
/// <param name="Places">Every municipality and region named, merged across the Headline and the Body.</param>
internal sealed record JmaReport(
    string ControlTitle,
    string Status,
    string EditorialOffice,
    string Title,
    DateTimeOffset ReportDateTime,
    DateTimeOffset? ValidDateTime,
    string EventId,
    string InfoType,
    int? Serial,
    string InfoKind,
    string HeadlineText,
    string Category,
    IReadOnlyList<JmaPlace> Places)
{
    public bool IsCancellation => InfoType == JmaInfoTypes.Cancelled;

    public bool IsCorrection => InfoType == JmaInfoTypes.Corrected;
}

/// <summary>Head/InfoType values.</summary>
internal static class JmaInfoTypes
{
    public const string Issued = "発表";
    public const string Corrected = "訂正";
    public const string Cancelled = "取消";
}

/// <summary>
/// A place a report names: a municipality (JMA's 7-digit 市町村等 code, which may be a part of one such as 浜松市北部)
/// or, where the report names only a JMA region (a 津波予報区, a 府県予報区, a seismic 都道府県), the prefecture.
/// </summary>
/// <param name="Municipality">5-digit code of the municipality or ward; null when only the prefecture is known.</param>
/// <param name="Code">The code as the report gave it.</param>
/// <param name="Partial">The JMA area is part of the municipality (a 7-digit code not ending in 00).</param>
internal sealed record JmaPlace(string Prefecture, string? Municipality, string Name, string Code, bool Partial, IReadOnlyList<JmaKind> Kinds);

/// <summary>One warning, advisory or intensity said of a place, with its Status (発表, 継続, 解除, なし, …) where given.</summary>
internal sealed record JmaKind(string Name, string? Status)
{
    /// <summary>In force unless said lifted (解除) or nothing (なし, 発表警報・注意報はなし, 津波なし).</summary>
    public bool InForce => !Lifted && !Status.EndsWithOrdinal("なし") && !Name.EndsWithOrdinal("なし");

    /// <summary>Said lifted (解除), as opposed to never issued (なし).</summary>
    public bool Lifted => Status == "解除" || Name == "解除" || Name.EndsWithOrdinal("解除") || Name.Contains("：解除", StringComparison.Ordinal);

    public override string ToString() => Status is null or "" ? Name : $"{Name}（{Status}）";
}

file static class Text
{
    public static bool EndsWithOrdinal(this string? value, string suffix) => value?.EndsWith(suffix, StringComparison.Ordinal) == true;
}
