namespace Alert.Ingress.Tests.Jma;

/// <summary>The official JMA sample reports in tests/Fixtures/jma (provenance in its SOURCES.md).</summary>
internal static class JmaFixtures
{
    public static string Directory { get; } = FixtureFolders.Find("jma");

    public static IEnumerable<string> Names => System.IO.Directory.EnumerateFiles(Directory, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));
}
