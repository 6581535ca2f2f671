using System.Buffers;
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
internal sealed class BoundaryIntegral : IDisposable
{
    private readonly bool _pooled;
    private readonly Coordinate[][] _rings;
    private readonly double[][] _sines;
    private readonly SegmentGrid _segments;
    private readonly IPointOnGeometryLocator _locator;

    /// <param name="polygonal">A polygon or multipolygon.</param>
    /// <param name="locator">The polygon's point locator when the caller keeps one for many look-ups; otherwise a
    /// strip locator, cheap to build for a polygon matched once, and the boundary must be disposed after use.</param>
    public BoundaryIntegral(Geometry polygonal, IPointOnGeometryLocator? locator = null)
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
        Envelope = polygonal.EnvelopeInternal;
        // A polygon without a kept locator is seen once (an alert): its scratch structures come from the pool.
        _pooled = locator is null;

        // Every edge term needs the sine of both ends' latitudes; computed once per vertex rather than twice per edge
        // (and again for every area the edge is summed for), they also give the polygon's own area for free.
        _sines = new double[_rings.Length][];
        var sum = 0.0;
        for (var r = 0; r < _rings.Length; r++)
        {
            var ring = _rings[r];
            var sines = _sines[r] = _pooled ? ArrayPool<double>.Shared.Rent(ring.Length) : new double[ring.Length];
            for (var i = 0; i < ring.Length; i++)
            {
                sines[i] = Math.Sin(ring[i].Y * ToRadians);
            }

            for (var i = 0; i < ring.Length - 1; i++)
            {
                sum += EdgeTerm(r, i);
            }
        }

        AreaKm2 = ToKm2(sum);
        _segments = new SegmentGrid(_rings, Envelope, pooled: _pooled);
        _locator = locator ?? new StripLocator(_rings, Envelope);
    }

    /// <summary>Returns an alert's pooled structures; a no-op for the partition's long-lived boundaries.</summary>
    public void Dispose()
    {
        if (_pooled)
        {
            _segments.Dispose();
            ((StripLocator)_locator).Dispose();
            foreach (var sines in _sines)
            {
                ArrayPool<double>.Shared.Return(sines);
            }
        }
    }

    public Envelope Envelope { get; }

    /// <summary>The polygon's spherical area in km² (shells less holes), from the same edge terms as every overlap.</summary>
    public double AreaKm2 { get; }

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
        var shared = new List<Stretch>(2);
        for (var r = 0; r < from._rings.Length; r++)
        {
            var ring = from._rings[r];
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

                SegmentContacts.Find(within._segments, p, q, intersector, crossings, shared);
                if (crossings.Count == 0 && status is { } known)
                {
                    // No contact: the whole edge lies where its start does.
                    if (known == Location.Interior)
                    {
                        sum += from.EdgeTerm(r, i);
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
                    var onBorder = IndexOfStretch(shared, middle);
                    if (onBorder >= 0)
                    {
                        last = Location.Boundary;
                        if (sameDirectionBorder && shared[onBorder].SameWay)
                        {
                            sum += Term(p, q, t0, t1);
                        }

                        continue;
                    }

                    last = within.Locate(p, q, middle);
                    if (last == Location.Interior)
                    {
                        sum += Term(p, q, t0, t1);
                    }
                }

                // After contact the end point may sit on the border: find out again at the next edge.
                status = crossings.Count > 2 ? null : last;
            }
        }

        return sum;
    }

    private static int IndexOfStretch(List<Stretch> stretches, double t)
    {
        for (var i = 0; i < stretches.Count; i++)
        {
            if (stretches[i].From <= t && t <= stretches[i].To)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Where the point at parameter t along p→q lies relative to this polygon.</summary>
    internal Location Locate(Coordinate p, Coordinate q, double t) => _locator is StripLocator strips
        ? strips.Locate(p.X + ((q.X - p.X) * t), p.Y + ((q.Y - p.Y) * t))
        : _locator.Locate(At(p, q, t));

    // SphericalArea's edge term without its constant 2·Δλ, which sums to zero round any closed boundary that does not
    // enclose a pole: leaving it out keeps crossing points computed twice (once from each side) from adding rounding
    // noise of a whole 2·δλ·R² to the overlap.
    /// <summary>The edge term of ring r's edge i, from the kept sines.</summary>
    internal double EdgeTerm(int r, int i) => (_rings[r][i + 1].X - _rings[r][i].X) * ToRadians * (_sines[r][i] + _sines[r][i + 1]);

    /// <summary>The edge term of the stretch of p→q between parameters t0 and t1.</summary>
    internal static double Term(Coordinate p, Coordinate q, double t0, double t1)
    {
        var (dx, dy) = (q.X - p.X, q.Y - p.Y);
        return t0 <= 0 && t1 >= 1
            ? Term(p.X, p.Y, q.X, q.Y)
            : Term(t0 <= 0 ? p.X : p.X + (dx * t0), t0 <= 0 ? p.Y : p.Y + (dy * t0), t1 >= 1 ? q.X : p.X + (dx * t1), t1 >= 1 ? q.Y : p.Y + (dy * t1));
    }

    private const double ToRadians = Math.PI / 180;

    private static double Term(double px, double py, double qx, double qy) =>
        (qx - px) * ToRadians * (Math.Sin(py * ToRadians) + Math.Sin(qy * ToRadians));

    internal static double Parameter(Coordinate p, Coordinate q, Coordinate x)
    {
        var dx = q.X - p.X;
        var dy = q.Y - p.Y;
        if (dx == 0 && dy == 0)
        {
            return 0; // a repeated vertex: the zero-length edge's only point (0/0 would put NaN among the crossings)
        }

        var t = Math.Abs(dx) >= Math.Abs(dy) ? (x.X - p.X) / dx : (x.Y - p.Y) / dy;
        return Math.Clamp(t, 0, 1);
    }

    internal static Coordinate At(Coordinate p, Coordinate q, double t) =>
        t <= 0 ? p : t >= 1 ? q : new Coordinate(p.X + ((q.X - p.X) * t), p.Y + ((q.Y - p.Y) * t));

    private static Coordinate[] Oriented(Coordinate[] ring, bool counterClockwise) =>
        Orientation.IsCCW(ring) == counterClockwise ? ring : [.. ring.Reverse()];
}
