using Alert.Geo.Measurement;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Matching;

/// <summary>
/// A polygon prepared for intersection areas by boundary integration instead of overlay. The spherical area formula
/// used throughout (<see cref="SphericalArea"/>) is a sum over boundary edges, and the boundary of A ∩ B is made of
/// the parts of A's boundary inside B and the parts of B's boundary inside A. So the overlap is the sum of those
/// parts' edge terms: no overlay graph, and edges far from the other polygon cost one envelope test. Rings are
/// oriented shells counter-clockwise, holes clockwise, so every part is summed with the same sense.
/// </summary>
internal sealed class BoundaryIntegral
{
    private readonly Coordinate[][] _rings;
    private readonly SegmentGrid _segments;
    private readonly IndexedPointInAreaLocator _locator;

    /// <param name="locator">The polygon's point locator when the caller already has one.</param>
    public BoundaryIntegral(Geometry polygonal, IndexedPointInAreaLocator? locator = null)
    {
        var rings = new List<Coordinate[]>();
        for (var i = 0; i < polygonal.NumGeometries; i++)
        {
            if (polygonal.GetGeometryN(i) is Polygon polygon)
            {
                rings.Add(Oriented(polygon.ExteriorRing.Coordinates, counterClockwise: true));
                rings.AddRange(polygon.InteriorRings.Select(h => Oriented(h.Coordinates, counterClockwise: false)));
            }
        }

        _rings = [.. rings];
        var segments = new List<(Coordinate, Coordinate)>();
        foreach (var ring in _rings)
        {
            for (var i = 0; i < ring.Length - 1; i++)
            {
                segments.Add((ring[i], ring[i + 1]));
            }
        }

        Envelope = polygonal.EnvelopeInternal;
        _segments = new SegmentGrid(segments, Envelope);
        _locator = locator ?? new IndexedPointInAreaLocator(polygonal);
    }

    public Envelope Envelope { get; }

    /// <summary>The rings, shells counter-clockwise and holes clockwise.</summary>
    internal Coordinate[][] Rings => _rings;

    /// <summary>The raw (unscaled) edge-term sum of this boundary's parts strictly inside <paramref name="within"/>.</summary>
    internal double SumInside(BoundaryIntegral within) => PartsInside(this, within, sameDirectionBorder: false);

    /// <summary>Converts a raw edge-term sum round a closed boundary to km².</summary>
    internal static double ToKm2(double sum) => Math.Abs(sum) * SphericalArea.EarthRadiusKm * SphericalArea.EarthRadiusKm / 2;

    /// <summary>Area of this ∩ other in km².</summary>
    public double OverlapKm2(BoundaryIntegral other)
    {
        var sum = PartsInside(this, other, sameDirectionBorder: true) + PartsInside(other, this, sameDirectionBorder: false);
        return Math.Abs(sum) * SphericalArea.EarthRadiusKm * SphericalArea.EarthRadiusKm / 2;
    }

    /// <summary>
    /// Sum of the edge terms of the parts of <paramref name="from"/>'s boundary inside <paramref name="within"/>.
    /// Parts lying on <paramref name="within"/>'s boundary count once, from one side only, when both boundaries run
    /// the same way there (shared borders running opposite ways bound nothing in common).
    /// </summary>
    private static double PartsInside(BoundaryIntegral from, BoundaryIntegral within, bool sameDirectionBorder)
    {
        var box = within.Envelope;
        var intersector = new RobustLineIntersector();
        var sum = 0.0;
        var crossings = new List<double>(4);
        var shared = new List<(double From, double To, bool SameWay)>(2);
        foreach (var ring in from._rings)
        {
            Location? status = null; // where the current point of the ring is, while known
            for (var i = 0; i < ring.Length - 1; i++)
            {
                var p = ring[i];
                var q = ring[i + 1];
                if (!box.Intersects(p, q))
                {
                    status = Location.Exterior;
                    continue;
                }

                within.FindContacts(p, q, intersector, crossings, shared);
                if (crossings.Count == 0 && status is { } known)
                {
                    // No contact: the whole edge lies where its start does.
                    if (known == Location.Interior)
                    {
                        sum += Term(p, q);
                    }

                    continue;
                }

                crossings.Add(0);
                crossings.Add(1);
                crossings.Sort();
                Location last = Location.Exterior;
                for (var k = 0; k < crossings.Count - 1; k++)
                {
                    var (t0, t1) = (crossings[k], crossings[k + 1]);
                    if (t1 - t0 <= 1e-15)
                    {
                        continue;
                    }

                    var middle = (t0 + t1) / 2;
                    var onBorder = shared.FindIndex(s => s.From <= middle && middle <= s.To);
                    if (onBorder >= 0)
                    {
                        last = Location.Boundary;
                        if (sameDirectionBorder && shared[onBorder].SameWay)
                        {
                            sum += Term(At(p, q, t0), At(p, q, t1));
                        }

                        continue;
                    }

                    last = within._locator.Locate(At(p, q, middle));
                    if (last == Location.Interior)
                    {
                        sum += Term(At(p, q, t0), At(p, q, t1));
                    }
                }

                // After contact the end point may sit on the border: find out again at the next edge.
                status = crossings.Count > 2 ? null : last;
            }
        }

        return sum;
    }

    /// <summary>
    /// Where edge p→q meets this boundary: the parameters (0…1 along p→q) of every contact point, and the stretches
    /// where it runs along this boundary. A segment listed in several grid cells is simply met more than once.
    /// </summary>
    private void FindContacts(Coordinate p, Coordinate q, RobustLineIntersector intersector, List<double> crossings, List<(double From, double To, bool SameWay)> shared)
    {
        crossings.Clear();
        shared.Clear();
        var (minX, maxX) = (Math.Min(p.X, q.X), Math.Max(p.X, q.X));
        var (minY, maxY) = (Math.Min(p.Y, q.Y), Math.Max(p.Y, q.Y));
        var (c0, c1, r0, r1) = _segments.Range(minX, minY, maxX, maxY);
        for (var row = r0; row <= r1; row++)
        {
            for (var column = c0; column <= c1; column++)
            {
                foreach (var number in _segments.Cell(column, row))
                {
                    var (a, b) = _segments.Segments[number];
                    if (Math.Max(a.X, b.X) < minX || Math.Min(a.X, b.X) > maxX || Math.Max(a.Y, b.Y) < minY || Math.Min(a.Y, b.Y) > maxY)
                    {
                        continue;
                    }

                    intersector.ComputeIntersection(p, q, a, b);
                    for (var k = 0; k < intersector.IntersectionNum; k++)
                    {
                        crossings.Add(Parameter(p, q, intersector.GetIntersection(k)));
                    }

                    if (intersector.IntersectionNum == 2)
                    {
                        // Collinear overlap: this stretch lies on the other boundary. A computed midpoint would land a
                        // hair to either side of it, so classify it from the overlap itself.
                        var (t0, t1) = (crossings[^2], crossings[^1]);
                        var sameWay = ((q.X - p.X) * (b.X - a.X)) + ((q.Y - p.Y) * (b.Y - a.Y)) > 0;
                        shared.Add((Math.Min(t0, t1), Math.Max(t0, t1), sameWay));
                    }
                }
            }
        }
    }

    // SphericalArea's edge term without its constant 2·Δλ, which sums to zero round any closed boundary that does not
    // enclose a pole: leaving it out keeps crossing points computed twice (once from each side) from adding rounding
    // noise of a whole 2·δλ·R² to the overlap.
    internal static double Term(Coordinate p, Coordinate q)
    {
        const double toRadians = Math.PI / 180;
        return (q.X - p.X) * toRadians * (Math.Sin(p.Y * toRadians) + Math.Sin(q.Y * toRadians));
    }

    internal static double Parameter(Coordinate p, Coordinate q, Coordinate x)
    {
        var dx = q.X - p.X;
        var dy = q.Y - p.Y;
        var t = Math.Abs(dx) >= Math.Abs(dy) ? (x.X - p.X) / dx : (x.Y - p.Y) / dy;
        return Math.Clamp(t, 0, 1);
    }

    internal static Coordinate At(Coordinate p, Coordinate q, double t) =>
        t <= 0 ? p : t >= 1 ? q : new Coordinate(p.X + ((q.X - p.X) * t), p.Y + ((q.Y - p.Y) * t));

    private static Coordinate[] Oriented(Coordinate[] ring, bool counterClockwise) =>
        Orientation.IsCCW(ring) == counterClockwise ? ring : [.. ring.Reverse()];
}
