namespace Alert.Contracts.Notices;

/// <summary>
/// How long a revision stays in force when the issuer gives no <c>validUntil</c>. State notices are meant to be
/// refreshed or lifted; the default keeps a forgotten one from showing for ever (shelters expire after days unless
/// refreshed, as in L-Alert).
/// </summary>
public static class NoticeValidity
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    public static TimeSpan Default(string category) => category switch
    {
        NoticeCategory.Evacuation => TimeSpan.FromDays(3),
        NoticeCategory.Shelter => TimeSpan.FromDays(3),
        NoticeCategory.Headquarters => TimeSpan.FromDays(7),
        NoticeCategory.Damage => TimeSpan.FromDays(14),
        NoticeCategory.Event => TimeSpan.FromDays(7),
        NoticeCategory.Volcano => TimeSpan.FromDays(7), // 噴火警報 stay in force for weeks and are re-issued, not refreshed hourly
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>State kinds keep one notice per issuer × disaster × category (× status); others get one each.</summary>
    public static bool IsStateCategory(string category) =>
        category is NoticeCategory.Evacuation or NoticeCategory.Shelter or NoticeCategory.Headquarters or NoticeCategory.Damage;
}
