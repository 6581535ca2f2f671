namespace Alert.Geo.Tests;

/// <summary>The shipped boundaries, loaded once for every test that needs them.</summary>
public sealed class GeographyFixture
{
    public JapanGeography Geography { get; } = JapanGeography.LoadEmbedded();
}

[CollectionDefinition(Name)]
public sealed class GeographyCollection : ICollectionFixture<GeographyFixture>
{
    public const string Name = "geography";
}
