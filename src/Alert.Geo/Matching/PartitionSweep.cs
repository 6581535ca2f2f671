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
        var rings = new List<Coordinate[]>();
        var owner = new List<int>();
        var extent = new Envelope();
        for (var number = 0; number < areas.Count; number++)
        {
            extent.ExpandToInclude(areas[number].Envelope);
            foreach (var ring in areas[number].Rings)
            {
                rings.Add(ring);
                owner.AddRange(Enumerable.Repeat(number, Math.Max(0, ring.Length - 1)));
            }
        }

        // 16 cells per segment: cells short even in dense wards (a coarser grid left a few dozen borders per cell in
        // central Tokyo), for about 20 MB of cell table.
        _borders = new SegmentGrid(rings, extent, cellsPerSegment: 16);
        _owner = [.. owner];
        _locate = locate;
    }

    /// <summary>Raw edge-term sums of the alert's boundary per area number (areas it never enters are absent).</summary>
    public Dictionary<int, double> Sweep(BoundaryIntegral alert)
    {
        var sums = new Dictionary<int, double>();
        var intersector = new RobustLineIntersector();
        var crossings = new List<double>(8);
        var along = new List<Stretch>(4);
        for (var r = 0; r < alert.Rings.Length; r++)
        {
            var ring = alert.Rings[r];
            int? current = null;
            for (var i = 0; i < ring.Length - 1; i++)
            {
                var (p, q) = (ring[i], ring[i + 1]);
                SegmentContacts.Find(_borders, p, q, intersector, crossings, along);
                if (crossings.Count == 0 && current is { } area)
                {
                    Add(sums, area, alert.EdgeTerm(r, i));
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
                    var term = BoundaryIntegral.Term(p, q, t0, t1);
                    var onBorder = false;
                    foreach (var stretch in along)
                    {
                        if (stretch.From <= middle && middle <= stretch.To)
                        {
                            onBorder = true;
                            if (stretch.SameWay)
                            {
                                Add(sums, _owner[stretch.Segment], term);
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
}
