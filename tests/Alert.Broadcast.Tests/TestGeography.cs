using Alert.Geo;

namespace Alert.Broadcast.Tests;

/// <summary>The shipped boundaries, loaded once for the whole test assembly.</summary>
internal static class TestGeography
{
    private static readonly Lazy<JapanGeography> Loaded = new(JapanGeography.LoadEmbedded);

    public static JapanGeography Instance => Loaded.Value;
}
