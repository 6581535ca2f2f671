using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Alert.Geo.GeoJson;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Boundaries;

/// <summary>
/// Japan's administrative boundaries shipped inside this assembly: MLIT 国土数値情報 行政区域データ (N03, 2021-01-01),
/// simplified by SmartNews Media Research Institute, with the 2020 census population. See Data/ATTRIBUTION.md.
/// </summary>
public sealed class BoundaryDataset
{
    private const string ResourcePrefix = "AlertHub.Geo.";

    private BoundaryDataset(
        IReadOnlyList<AdministrativeArea> municipalities,
        IReadOnlyList<AdministrativeArea> wardLevel,
        IReadOnlyList<AdministrativeArea> prefectures,
        IReadOnlyList<AdministrativeArea> unassigned)
    {
        Municipalities = municipalities;
        WardLevel = wardLevel;
        Prefectures = prefectures;
        Unassigned = unassigned;
    }

    /// <summary>The 1,747 municipalities, designated cities as a whole.</summary>
    public IReadOnlyList<AdministrativeArea> Municipalities { get; }

    /// <summary>The 1,902 areas with designated cities split into their wards (the finest partition).</summary>
    public IReadOnlyList<AdministrativeArea> WardLevel { get; }

    public IReadOnlyList<AdministrativeArea> Prefectures { get; }

    /// <summary>所属未定地: land in a prefecture that belongs to no municipality.</summary>
    public IReadOnlyList<AdministrativeArea> Unassigned { get; }

    /// <summary>Loads the embedded data. Takes about a second; do it once per process.</summary>
    public static BoundaryDataset LoadEmbedded(GeometryFactory factory)
    {
        var population = ReadPopulation();
        var reader = new GeoJsonGeometryReader(factory);
        var prefectureNames = new Dictionary<string, string>(StringComparer.Ordinal);

        var prefectures = ReadFeatures("prefectures.geojson.gz", reader, (p, g) =>
        {
            var code = p.GetProperty("code").GetString()!;
            var name = p.GetProperty("name").GetString()!;
            prefectureNames[code] = name;
            return new AdministrativeArea(code, name, AreaKind.Prefecture, code, name, string.Empty, string.Empty,
                population.GetValueOrDefault(code + "000"), g);
        });

        var municipalities = ReadFeatures("municipalities.geojson.gz", reader, (p, g) => ReadMunicipality(p, g, population));
        var wardLevel = ReadFeatures("municipalities_wards.geojson.gz", reader, (p, g) => ReadMunicipality(p, g, population));
        var unassigned = ReadFeatures("unassigned_areas.geojson.gz", reader, (p, g) =>
        {
            var prefecture = p.GetProperty("pref_code").GetString()!;
            return new AdministrativeArea(string.Empty, p.GetProperty("name").GetString()!, AreaKind.Unassigned, prefecture,
                prefectureNames[prefecture], string.Empty, string.Empty, null, g);
        });

        return new BoundaryDataset(municipalities, wardLevel, prefectures, unassigned);
    }

    private static AdministrativeArea ReadMunicipality(JsonElement p, Geometry g, Dictionary<string, long> population)
    {
        var code = p.GetProperty("code").GetString()!;
        var name = p.GetProperty("name").GetString()!;
        var kind = p.GetProperty("kind").GetString() switch
        {
            "city" => AreaKind.City,
            "designated_city" => AreaKind.DesignatedCity,
            "designated_city_ward" => AreaKind.DesignatedCityWard,
            "special_ward" => AreaKind.SpecialWard,
            "town" => AreaKind.Town,
            "village" => AreaKind.Village,
            var other => throw new InvalidDataException($"Unknown municipality kind '{other}' for {code}."),
        };
        var municipalityCode = p.TryGetProperty("municipality_code", out var mc) ? mc.GetString()! : code;
        var municipalityName = p.TryGetProperty("municipality_name", out var mn) ? mn.GetString()! : name;
        return new AdministrativeArea(code, name, kind, p.GetProperty("pref_code").GetString()!, p.GetProperty("pref_name").GetString()!,
            municipalityCode, municipalityName, population.TryGetValue(code, out var people) ? people : null, g);
    }

    private static List<AdministrativeArea> ReadFeatures(
        string resource, GeoJsonGeometryReader reader, Func<JsonElement, Geometry, AdministrativeArea> create)
    {
        using var stream = OpenResource(resource);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
        var areas = new List<AdministrativeArea>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var geometry = reader.ReadTrusted(feature.GetProperty("geometry"));
            areas.Add(create(feature.GetProperty("properties"), geometry));
        }

        return areas;
    }

    private static Dictionary<string, long> ReadPopulation()
    {
        using var stream = OpenResource("population_2020.csv.gz");
        using var text = new StreamReader(stream);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        _ = text.ReadLine(); // header: code,name,population
        while (text.ReadLine() is { Length: > 0 } line)
        {
            var parts = line.Split(',');
            result[parts[0]] = long.Parse(parts[^1], CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static GZipStream OpenResource(string name)
    {
        var stream = typeof(BoundaryDataset).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Embedded boundary resource {name} is missing.");
        return new GZipStream(stream, CompressionMode.Decompress);
    }
}
