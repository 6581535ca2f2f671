namespace Alert.Ingress.Tests.Cap;

/// <summary>The real CAP 1.2 messages in tests/Fixtures/cap (provenance in its SOURCES.md).</summary>
internal static class CapFixtures
{
    public static string Directory { get; } = Find();

    public static IEnumerable<string> Messages => System.IO.Directory.EnumerateFiles(Directory, "*.xml").Order(StringComparer.Ordinal);

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Fixtures", "cap");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Fixtures/cap not found above the test assembly.");
    }
}
