namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>Finds the repository and the built host from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>bin/&lt;Configuration&gt;/net10.0 of this test project, mirrored for the host.</summary>
    public static string SiloAssembly
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = output.Name;
            var configuration = output.Parent!.Name;
            var path = Path.Combine(Root, "src", "Alert.Silo", "bin", configuration, framework, "Alert.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first; the host was not found.", path);
        }
    }

    public static string JsClientDirectory => Path.Combine(Root, "tests", "Alert.EndToEnd.Tests", "js");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AlertHub.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("AlertHub.slnx not found above the test assembly.");
    }
}
