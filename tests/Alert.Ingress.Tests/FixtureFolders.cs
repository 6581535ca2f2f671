namespace Alert.Ingress.Tests;

/// <summary>Finds a folder of tests/Fixtures (real messages with their SOURCES.md) above the test assembly.</summary>
internal static class FixtureFolders
{
    public static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Fixtures", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/Fixtures/{name} not found above the test assembly.");
    }
}
