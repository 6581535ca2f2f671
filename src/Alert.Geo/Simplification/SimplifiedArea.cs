using NetTopologySuite.Geometries;

namespace Alert.Geo.Simplification;

/// <summary>
/// A geometry reduced to a channel's point budget that contains the original, and by how much it overshoots.
/// </summary>
/// <param name="MaxOvershootMetres">Largest distance from the simplified outline to the original area.</param>
/// <param name="ExtraAreaKm2">Area added beyond the original.</param>
public sealed record SimplifiedArea(
    Geometry Geometry, int OriginalPoints, int Points, double MaxOvershootMetres, double ExtraAreaKm2, bool ContainsOriginal);
