using Alert.Geo;

namespace Alert.Ingress.Jma;

/// <summary>
/// The prefectures a JMA region lies in, by the name the report gives it. Most 津波予報区 and seismic 細分区域 carry
/// their prefecture's name (岩手県, 千葉県九十九里・外房, 静岡県中部); the few named after a sea, a bay or islands are
/// listed here. JMA's region code tables are not in the hub's data, so a region is never narrowed to municipalities:
/// it reaches every municipality of its prefectures, which over-reaches rather than misses a coast.
/// </summary>
internal static class JmaRegions
{
    private static readonly IReadOnlyDictionary<string, string[]> Named = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["オホーツク海沿岸"] = ["01"],
        ["陸奥湾"] = ["02"],
        ["東北地方太平洋沿岸"] = ["02", "03", "04", "07"],
        ["東京湾内湾"] = ["12", "13", "14"],
        ["伊豆諸島"] = ["13"],
        ["小笠原諸島"] = ["13"],
        ["相模湾・三浦半島"] = ["14"],
        ["佐渡"] = ["15"],
        ["伊勢・三河湾"] = ["23", "24"],
        ["淡路島南部"] = ["28"],
        ["隠岐"] = ["32"],
        ["有明・八代海"] = ["40", "41", "42", "43"],
        ["壱岐・対馬"] = ["42"],
        ["種子島・屋久島地方"] = ["46"],
        ["奄美諸島・トカラ列島"] = ["46"],
        ["奄美群島・トカラ列島"] = ["46"],
        ["沖縄本島地方"] = ["47"],
        ["大東島地方"] = ["47"],
        ["宮古島・八重山地方"] = ["47"],
    };

    /// <summary>The prefecture codes of a region named <paramref name="name"/>; empty when the name says none.</summary>
    public static IReadOnlyList<string> PrefecturesOf(string name, JapanGeography geography)
    {
        ArgumentNullException.ThrowIfNull(geography);
        if (Named.TryGetValue(name, out var listed))
        {
            return listed;
        }

        // Full names with their suffix (都, 道, 府, 県), so 東京都 never reads as 京都府.
        return [.. geography.Dataset.Prefectures.Where(p => name.StartsWith(p.Name, StringComparison.Ordinal)).Select(p => p.Code)];
    }
}
