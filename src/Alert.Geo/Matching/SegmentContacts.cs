using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Matching;

/// <summary>A stretch of an edge (parameters 0…1 along it) lying on a grid segment, and whether both run the same way.</summary>
internal readonly record struct Stretch(double From, double To, int Segment, bool SameWay);

/// <summary>
/// Where an edge meets the segments of a <see cref="SegmentGrid"/>. Most candidate pairs are settled by certain
/// orientation signs: clearly apart, or a proper crossing whose parameter follows from the two signed distances.
/// Only touching, collinear and too-close-to-call pairs go to the robust intersector, so results stay exact where
/// exactness matters (shared borders, vertices on borders) without paying for it on every pair.
/// </summary>
internal static class SegmentContacts
{
    /// <summary>
    /// Fills <paramref name="crossings"/> with the parameter (0…1 along p→q) of every contact point and
    /// <paramref name="along"/> with the stretches where p→q runs along a segment. A segment listed in several cells
    /// is simply met more than once.
    /// </summary>
    public static void Find(SegmentGrid grid, Coordinate p, Coordinate q, RobustLineIntersector intersector, List<double> crossings, List<Stretch> along)
    {
        crossings.Clear();
        along.Clear();
        var (px, py, qx, qy) = (p.X, p.Y, q.X, q.Y);
        var (minX, maxX) = (Math.Min(px, qx), Math.Max(px, qx));
        var (minY, maxY) = (Math.Min(py, qy), Math.Max(py, qy));
        var (c0, c1, r0, r1) = grid.Range(minX, minY, maxX, maxY);
        for (var row = r0; row <= r1; row++)
        {
            for (var column = c0; column <= c1; column++)
            {
                var ends = grid.Ends(column, row);
                var numbers = grid.Numbers(column, row);
                for (var k = 0; k < numbers.Length; k++)
                {
                    var (ax, ay, bx, by) = (ends[4 * k], ends[(4 * k) + 1], ends[(4 * k) + 2], ends[(4 * k) + 3]);
                    if (Math.Max(ax, bx) < minX || Math.Min(ax, bx) > maxX || Math.Max(ay, by) < minY || Math.Min(ay, by) > maxY)
                    {
                        continue;
                    }

                    var sideA = FastOrientation.CertainSide(px, py, qx, qy, ax, ay);
                    var sideB = FastOrientation.CertainSide(px, py, qx, qy, bx, by);
                    if (sideA != 0 && sideA == sideB)
                    {
                        continue;
                    }

                    var sideP = FastOrientation.CertainSide(ax, ay, bx, by, px, py);
                    var sideQ = FastOrientation.CertainSide(ax, ay, bx, by, qx, qy);
                    if (sideP != 0 && sideP == sideQ)
                    {
                        continue;
                    }

                    if (sideA != 0 && sideB != 0 && sideP != 0 && sideQ != 0)
                    {
                        // A proper crossing: p and q lie certainly on opposite sides of a→b and vice versa.
                        var distanceP = FastOrientation.Determinant(ax, ay, bx, by, px, py);
                        var distanceQ = FastOrientation.Determinant(ax, ay, bx, by, qx, qy);
                        crossings.Add(Math.Clamp(distanceP / (distanceP - distanceQ), 0, 1));
                        continue;
                    }

                    var (a, b) = (new Coordinate(ax, ay), new Coordinate(bx, by));
                    intersector.ComputeIntersection(p, q, a, b);
                    for (var i = 0; i < intersector.IntersectionNum; i++)
                    {
                        crossings.Add(BoundaryIntegral.Parameter(p, q, intersector.GetIntersection(i)));
                    }

                    if (intersector.IntersectionNum == 2)
                    {
                        // Collinear overlap: this stretch lies on the segment. A computed midpoint would land a hair
                        // to either side of it, so it is classified from the overlap itself.
                        var (t0, t1) = (crossings[^2], crossings[^1]);
                        var sameWay = ((qx - px) * (bx - ax)) + ((qy - py) * (by - ay)) > 0;
                        along.Add(new Stretch(Math.Min(t0, t1), Math.Max(t0, t1), numbers[k], sameWay));
                    }
                }
            }
        }
    }
}
