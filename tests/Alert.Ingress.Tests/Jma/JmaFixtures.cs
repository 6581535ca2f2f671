namespace Alert.Ingress.Tests.Jma;

/// <summary>The official JMA sample reports in tests/Fixtures/jma (provenance in its SOURCES.md).</summary>
internal static class JmaFixtures
{
    public static string Directory { get; } = Find();

    public static IEnumerable<string> Names => System.IO.Directory.EnumerateFiles(Directory, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Fixtures", "jma");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Fixtures/jma not found above the test assembly.");
    }
}
