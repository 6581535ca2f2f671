namespace Alert.Geo.GeoJson;

/// <summary>Documented limits on geometries submitted by issuers.</summary>
public static class GeometryLimits
{
    /// <summary>Most positions accepted in one submitted geometry (all rings together).</summary>
    public const int MaxPositions = 20_000;

    /// <summary>Japan's extent with a margin of about 0.5° around the outermost islands.</summary>
    public static readonly NetTopologySuite.Geometries.Envelope JapanExtent = new(122.4, 154.5, 23.5, 46.1);
}
