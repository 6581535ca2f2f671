using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Matching;

/// <summary>
/// Point-in-polygon for a polygon seen once (an incoming alert): its segments bucketed into horizontal strips, so a
/// look-up casts a ray against one strip's few segments. Building it is two passes over flat arrays, several times
/// cheaper than <see cref="IndexedPointInAreaLocator"/>'s interval tree, which pays off only over many look-ups (the
/// partition's areas keep theirs). The crossing rule is <see cref="RayCrossingCounter"/>'s, with its robust
/// orientation where the fast one cannot decide, so a point on the boundary is reported as such.
/// </summary>
internal sealed class StripLocator : IPointOnGeometryLocator, IDisposable
{
    // Strips of about this many segments: a ray usually meets only a handful of them.
    private const int SegmentsPerStrip = 32;

    private readonly SegmentGrid _strips;
    private readonly Envelope _envelope;

    public StripLocator(IReadOnlyList<Coordinate[]> rings, Envelope envelope)
    {
        _envelope = envelope;
        _strips = SegmentGrid.Strips(rings, envelope, SegmentsPerStrip, pooled: true);
    }

    public void Dispose() => _strips.Dispose();

    public Location Locate(Coordinate p) => Locate(p.X, p.Y);

    public Location Locate(double x, double y)
    {
        if (x < _envelope.MinX || x > _envelope.MaxX || y < _envelope.MinY || y > _envelope.MaxY)
        {
            return Location.Exterior;
        }

        var crossings = 0;
        var ends = _strips.Ends(0, _strips.RowOf(y));
        for (var k = 0; k < ends.Length; k += 4)
        {
            var (ax, ay, bx, by) = (ends[k], ends[k + 1], ends[k + 2], ends[k + 3]);
            if (ax < x && bx < x)
            {
                continue;
            }

            if ((x == bx && y == by) || (x == ax && y == ay))
            {
                return Location.Boundary;
            }

            if (ay == y && by == y)
            {
                if (x >= Math.Min(ax, bx) && x <= Math.Max(ax, bx))
                {
                    return Location.Boundary;
                }

                continue;
            }

            // Half-open in latitude, so a ray through a vertex counts it once.
            if ((ay > y && by <= y) || (by > y && ay <= y))
            {
                var side = FastOrientation.CertainSide(ax, ay, bx, by, x, y);
                if (side == 0)
                {
                    side = (int)Orientation.Index(new Coordinate(ax, ay), new Coordinate(bx, by), new Coordinate(x, y));
                    if (side == 0)
                    {
                        return Location.Boundary;
                    }
                }

                if (by < ay)
                {
                    side = -side;
                }

                if (side > 0)
                {
                    crossings++;
                }
            }
        }

        return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
    }
}
