namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>Notices used across the end-to-end tests; the first is the README's example.</summary>
internal static class Notices
{
    public const string Municipality13101 = "dev-municipality-13101";
    public const string Prefecture13 = "dev-prefecture-13";
    public const string Broadcaster = "dev-broadcaster";

    /// <summary>
    /// The README's notice. Evacuation is a state kind (one notice per issuer × disaster), so each call names its own
    /// disaster unless told otherwise: tests sharing a host never collide.
    /// </summary>
    public static object ChiyodaEvacuation(string headline = "避難指示", string status = "actual", string? disaster = null) => new
    {
        category = "evacuation",
        status,
        issuer = "13101",
        headline,
        disaster = disaster ?? $"{headline} {Guid.NewGuid():N}",
        level = 4,
        areas = new object[] { new { municipality = "13101", name = "丸の内一丁目" } },
        households = 120,
        persons = 300,
    };

    /// <summary>A prefecture issuing on behalf of one of its municipalities (代行入力).</summary>
    public static object OnBehalf(string municipality, string headline) => new
    {
        category = "evacuation",
        status = "actual",
        issuer = municipality,
        headline,
        disaster = $"{headline} {Guid.NewGuid():N}",
        level = 3,
        areas = new object[] { new { municipality } },
    };
}
