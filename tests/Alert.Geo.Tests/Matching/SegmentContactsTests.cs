using Alert.Geo.Matching;
using CsCheck;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Tests.Matching;

/// <summary>The fast contact finder and orientation filter give the robust predicates' answers.</summary>
public sealed class SegmentContactsTests
{
    private static readonly Gen<double> Lon = Gen.Double[139.70, 139.80];
    private static readonly Gen<double> Lat = Gen.Double[35.65, 35.75];

    [Fact]
    public void Certain_sides_never_contradict_the_robust_orientation()
    {
        // c is mostly put exactly on, or a rounding error off, the line a→b: where a plain determinant goes wrong.
        Gen.Select(Lon, Lat, Lon, Lat, Gen.Double[-0.5, 1.5], Gen.Int[-3, 3]).Sample((ax, ay, bx, by, t, nudge) =>
        {
            var cx = ax + ((bx - ax) * t);
            var cy = ay + ((by - ay) * t) + (nudge * Math.BitIncrement(1e-16));
            var side = FastOrientation.CertainSide(ax, ay, bx, by, cx, cy);
            var robust = (int)Orientation.Index(new Coordinate(ax, ay), new Coordinate(bx, by), new Coordinate(cx, cy));
            Assert.True(side == 0 || side == robust, $"fast {side}, robust {robust}");
        }, iter: 20_000);
    }

    [Fact]
    public void Contacts_match_the_robust_intersector_over_every_segment()
    {
        // A ring of random points, sometimes with an edge re-used (collinear overlaps) and vertices hit exactly.
        Gen.Select(Gen.Select(Lon, Lat).Array[3, 40], Gen.Int[0, 1000]).Sample((points, seed) =>
        {
            var ring = points.Select(p => new Coordinate(p.Item1, p.Item2)).Append(new Coordinate(points[0].Item1, points[0].Item2)).ToArray();
            var envelope = new Envelope();
            foreach (var c in ring)
            {
                envelope.ExpandToInclude(c);
            }

            using var grid = new SegmentGrid([ring], envelope, pooled: true);
            var random = new Random(seed);
            var intersector = new RobustLineIntersector();
            var (crossings, along) = (new List<double>(), new List<Stretch>());
            for (var probe = 0; probe < 30; probe++)
            {
                var (p, q) = Edge(ring, random);
                SegmentContacts.Find(grid, p, q, intersector, crossings, along);
                var expected = new List<double>();
                var expectedAlong = 0;
                for (var i = 0; i < ring.Length - 1; i++)
                {
                    intersector.ComputeIntersection(p, q, ring[i], ring[i + 1]);
                    for (var k = 0; k < intersector.IntersectionNum; k++)
                    {
                        expected.Add(BoundaryIntegral.Parameter(p, q, intersector.GetIntersection(k)));
                    }

                    expectedAlong += intersector.IntersectionNum == 2 ? 1 : 0;
                }

                // The grid may meet a segment in several cells; the distinct contacts must be the same, up to the
                // rounding of a crossing computed from signed distances rather than from the intersection point.
                var (want, got) = (Distinct(expected), Distinct(crossings));
                Assert.Equal(want.Count, got.Count);
                Assert.All(want.Zip(got), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-9, $"{pair.First} vs {pair.Second}"));
                Assert.Equal(expectedAlong, along.Select(s => s.Segment).Distinct().Count());
            }
        }, iter: 300);
    }

    private static (Coordinate P, Coordinate Q) Edge(Coordinate[] ring, Random random)
    {
        var i = random.Next(ring.Length - 1);
        return random.Next(4) switch
        {
            0 => (ring[i], ring[i + 1]), // the ring's own edge: collinear throughout
            1 => (ring[i], new Coordinate(139.70 + (random.NextDouble() * 0.1), 35.65 + (random.NextDouble() * 0.1))), // from a vertex
            2 => (new Coordinate(ring[i + 1].X, ring[i + 1].Y), new Coordinate(ring[i].X, ring[i].Y)), // an edge backwards
            _ => (new Coordinate(139.70 + (random.NextDouble() * 0.1), 35.65 + (random.NextDouble() * 0.1)),
                  new Coordinate(139.70 + (random.NextDouble() * 0.1), 35.65 + (random.NextDouble() * 0.1))),
        };
    }

    private static List<double> Distinct(IEnumerable<double> parameters)
    {
        var sorted = parameters.Order().ToList();
        var distinct = new List<double>();
        foreach (var t in sorted)
        {
            if (distinct.Count == 0 || t - distinct[^1] > 1e-9)
            {
                distinct.Add(t);
            }
        }

        return distinct;
    }
}
