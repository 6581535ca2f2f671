using Alert.Geo.Measurement;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace Alert.Geo.Simplification;

/// <summary>
/// Simplifies an alert area to a channel's point budget (e.g. 250 for cell broadcast or a TV map) without ever
/// shrinking coverage: buffer outwards by a distance d, simplify with tolerance ≤ d (Douglas–Peucker moves an outline
/// by at most its tolerance, so it stays outside the original), round to the 6 decimals that are sent, and check
/// containment in longitude and latitude; grow d until the result fits. Falls back to the convex hull and finally the
/// bounding box, which contain the original by construction.
/// </summary>
public static class CoverageSimplifier
{
    /// <summary>Smallest budget: a closed quadrilateral.</summary>
    public const int MinPoints = 5;

    private static readonly GeometryPrecisionReducer SentPrecision = new(new PrecisionModel(1e6)) { Pointwise = true };

    public static SimplifiedArea Simplify(Geometry original, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, MinPoints);
        var originalPoints = original.NumPoints;
        if (originalPoints <= maxPoints)
        {
            return new SimplifiedArea(original, originalPoints, originalPoints, 0, 0, true);
        }

        var projection = new LocalProjection(original.EnvelopeInternal);
        var projected = projection.Forward(original);
        var size = Math.Max(projected.EnvelopeInternal.Width, projected.EnvelopeInternal.Height);
        var parameters = new BufferParameters(quadrantSegments: 2, endCapStyle: EndCapStyle.Round, joinStyle: JoinStyle.Mitre, mitreLimit: 2);

        for (var distance = Math.Max(1, size / 2000); distance < size; distance *= 1.4)
        {
            var grown = BufferOp.Buffer(projected, distance, parameters);
            var reduced = TopologyPreservingSimplifier.Simplify(grown, distance * 0.9);
            if (reduced.NumPoints > maxPoints)
            {
                continue;
            }

            if (Accept(original, projection.Inverse(reduced)) is { } accepted)
            {
                return Describe(original, accepted, originalPoints, projection);
            }
        }

        var hull = original.ConvexHull();
        if (hull.NumPoints <= maxPoints && Accept(original, hull) is { } convex)
        {
            return Describe(original, convex, originalPoints, projection);
        }

        var box = original.Factory.ToGeometry(Widen(original.EnvelopeInternal));
        return Describe(original, box, originalPoints, projection);
    }

    /// <summary>The candidate as it will be sent (6 decimals), if it still covers the original.</summary>
    private static Geometry? Accept(Geometry original, Geometry candidate)
    {
        var sent = SentPrecision.Reduce(candidate);
        return sent.IsValid && sent.Covers(original) ? sent : null;
    }

    /// <summary>A bounding box widened by the rounding step, so it covers the original after rounding too.</summary>
    private static Envelope Widen(Envelope envelope)
    {
        const double step = 1e-6;
        return new Envelope(
            Math.Floor(envelope.MinX / step) * step, Math.Ceiling(envelope.MaxX / step) * step,
            Math.Floor(envelope.MinY / step) * step, Math.Ceiling(envelope.MaxY / step) * step);
    }

    private static SimplifiedArea Describe(Geometry original, Geometry simplified, int originalPoints, LocalProjection projection)
    {
        // Overshoot: the farthest any point of the simplified outline lies from the original area, in metres.
        var from = new IndexedFacetDistance(projection.Forward(original));
        var outline = projection.Forward(simplified.Boundary);
        var densified = NetTopologySuite.Densify.Densifier.Densify(outline, Math.Max(1, outline.Length / 4000));
        var overshoot = densified.Coordinates.Max(c => from.Distance(original.Factory.CreatePoint(c)));
        var extra = Math.Max(0, SphericalArea.SquareKilometres(simplified) - SphericalArea.SquareKilometres(original));
        return new SimplifiedArea(simplified, originalPoints, simplified.NumPoints, overshoot, extra, simplified.Covers(original));
    }
}
