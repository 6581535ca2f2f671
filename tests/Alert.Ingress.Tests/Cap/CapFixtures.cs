namespace Alert.Ingress.Tests.Cap;

/// <summary>The real CAP 1.2 messages in tests/Fixtures/cap (provenance in its SOURCES.md).</summary>
internal static class CapFixtures
{
    public static string Directory { get; } = FixtureFolders.Find("cap");

    public static IEnumerable<string> Messages => System.IO.Directory.EnumerateFiles(Directory, "*.xml").Order(StringComparer.Ordinal);

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));
}
