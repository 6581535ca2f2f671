using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Matching;

/// <summary>
/// Walks an alert's boundary once across a whole partition (every municipality and ward), attributing each stretch to
/// the area it lies in: the alert's half of every overlap integral in one pass, instead of once per nearby area. The
/// area a stretch is in changes only where the boundary crosses a border, so a point look-up is needed only at the
/// start of each ring and after each contact; a stretch running along a border goes to the area whose border runs the
/// same way (the other side's border runs against it and bounds nothing in common).
/// </summary>
internal sealed class PartitionSweep
{
    private readonly SegmentGrid _borders;
    private readonly int[] _owner;
    private readonly Func<Coordinate, int> _locate;

    /// <param name="areas">Every area's boundary; the index in this list is the area's number.</param>
    /// <param name="locate">The number of the area containing a point, or −1.</param>
    public PartitionSweep(IReadOnlyList<BoundaryIntegral> areas, Func<Coordinate, int> locate)
    {
        var segments = new List<(Coordinate, Coordinate)>();
        var owner = new List<int>();
        var extent = new Envelope();
        for (var number = 0; number < areas.Count; number++)
        {
            extent.ExpandToInclude(areas[number].Envelope);
            foreach (var ring in areas[number].Rings)
            {
                for (var i = 0; i < ring.Length - 1; i++)
                {
                    segments.Add((ring[i], ring[i + 1]));
                    owner.Add(number);
                }
            }
        }

        // About one cell per 4 segments keeps cells short without a huge table.
        _borders = new SegmentGrid(segments, extent, cellsPerSegment: 4);
        _owner = [.. owner];
        _locate = locate;
    }

    /// <summary>Raw edge-term sums of the alert's boundary per area number (areas it never enters are absent).</summary>
    public Dictionary<int, double> Sweep(BoundaryIntegral alert)
    {
        var sums = new Dictionary<int, double>();
        var intersector = new RobustLineIntersector();
        var crossings = new List<double>(8);
        var along = new List<(double From, double To, int Owner, bool SameWay)>(4);
        foreach (var ring in alert.Rings)
        {
            int? current = null;
            for (var i = 0; i < ring.Length - 1; i++)
            {
                var (p, q) = (ring[i], ring[i + 1]);
                FindContacts(p, q, intersector, crossings, along);
                if (crossings.Count == 0 && current is { } area)
                {
                    Add(sums, area, BoundaryIntegral.Term(p, q));
                    continue;
                }

                crossings.Add(0);
                crossings.Add(1);
                crossings.Sort();
                int last = -1;
                for (var k = 0; k < crossings.Count - 1; k++)
                {
                    var (t0, t1) = (crossings[k], crossings[k + 1]);
                    if (t1 - t0 <= 1e-15)
                    {
                        continue;
                    }

                    var middle = (t0 + t1) / 2;
                    var term = BoundaryIntegral.Term(BoundaryIntegral.At(p, q, t0), BoundaryIntegral.At(p, q, t1));
                    var onBorder = false;
                    foreach (var stretch in along)
                    {
                        if (stretch.From <= middle && middle <= stretch.To)
                        {
                            onBorder = true;
                            if (stretch.SameWay)
                            {
                                Add(sums, stretch.Owner, term);
                                break;
                            }
                        }
                    }

                    if (onBorder)
                    {
                        last = -2; // unknown: the next stretch is looked up again
                        continue;
                    }

                    last = _locate(BoundaryIntegral.At(p, q, middle));
                    if (last >= 0)
                    {
                        Add(sums, last, term);
                    }
                }

                current = crossings.Count > 2 || last == -2 ? null : last;
            }
        }

        return sums;
    }

    private static void Add(Dictionary<int, double> sums, int area, double term)
    {
        if (area >= 0)
        {
            sums[area] = sums.GetValueOrDefault(area) + term;
        }
    }

    private void FindContacts(Coordinate p, Coordinate q, RobustLineIntersector intersector, List<double> crossings, List<(double, double, int, bool)> along)
    {
        crossings.Clear();
        along.Clear();
        var (minX, maxX) = (Math.Min(p.X, q.X), Math.Max(p.X, q.X));
        var (minY, maxY) = (Math.Min(p.Y, q.Y), Math.Max(p.Y, q.Y));
        var (c0, c1, r0, r1) = _borders.Range(minX, minY, maxX, maxY);
        for (var row = r0; row <= r1; row++)
        {
            for (var column = c0; column <= c1; column++)
            {
                foreach (var number in _borders.Cell(column, row))
                {
                    var (a, b) = _borders.Segments[number];
                    if (Math.Max(a.X, b.X) < minX || Math.Min(a.X, b.X) > maxX || Math.Max(a.Y, b.Y) < minY || Math.Min(a.Y, b.Y) > maxY)
                    {
                        continue;
                    }

                    intersector.ComputeIntersection(p, q, a, b);
                    for (var k = 0; k < intersector.IntersectionNum; k++)
                    {
                        crossings.Add(BoundaryIntegral.Parameter(p, q, intersector.GetIntersection(k)));
                    }

                    if (intersector.IntersectionNum == 2)
                    {
                        var (t0, t1) = (crossings[^2], crossings[^1]);
                        var sameWay = ((q.X - p.X) * (b.X - a.X)) + ((q.Y - p.Y) * (b.Y - a.Y)) > 0;
                        along.Add((Math.Min(t0, t1), Math.Max(t0, t1), _owner[number], sameWay));
                    }
                }
            }
        }
    }
}
