using Alert.Geo.Matching;
using CsCheck;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Tests.Matching;

/// <summary>The alert's strip locator answers exactly as NetTopologySuite's indexed locator, boundary points included.</summary>
[Collection(GeographyCollection.Name)]
public sealed class StripLocatorTests(GeographyFixture fixture)
{
    private JapanGeography Geography => fixture.Geography;

    [Fact]
    public void Agrees_with_the_indexed_locator_inside_outside_and_on_the_boundary()
    {
        var areas = Geography.Dataset.WardLevel;
        Gen.Select(Gen.Int[0, areas.Count - 1], Gen.Int).Sample((index, seed) =>
        {
            // Real municipalities: islands (several shells), holes, long coastlines.
            var geometry = areas[index].Geometry;
            using var boundary = new BoundaryIntegral(geometry);
            var reference = new IndexedPointInAreaLocator(geometry);
            foreach (var point in Probes(geometry, new Random(seed)))
            {
                Assert.Equal(reference.Locate(point), boundary.Locate(point, point, 0));
            }
        }, iter: 40);
    }

    [Fact]
    public void Vertices_are_on_the_boundary_and_far_points_outside()
    {
        var geometry = Geography.FindMunicipality("13101")!.Geometry;
        using var boundary = new BoundaryIntegral(geometry);
        foreach (var vertex in geometry.Coordinates)
        {
            Assert.Equal(Location.Boundary, boundary.Locate(vertex, vertex, 0));
        }

        Assert.Equal(Location.Exterior, boundary.Locate(new Coordinate(0, 0), new Coordinate(0, 0), 0));
        Assert.Equal(Location.Interior, boundary.Locate(geometry.InteriorPoint.Coordinate, geometry.InteriorPoint.Coordinate, 0));
    }

    private static IEnumerable<Coordinate> Probes(Geometry geometry, Random random)
    {
        var envelope = geometry.EnvelopeInternal;
        for (var i = 0; i < 200; i++)
        {
            yield return new Coordinate(envelope.MinX + (random.NextDouble() * envelope.Width), envelope.MinY + (random.NextDouble() * envelope.Height));
        }

        var coordinates = geometry.Coordinates;
        for (var i = 0; i < 100; i++)
        {
            var k = random.Next(coordinates.Length - 1);
            var (a, b) = (coordinates[k], coordinates[k + 1]);
            yield return a;
            // Points a rounding error either side of an edge: the cases the fast orientation must hand on.
            var t = random.NextDouble();
            yield return new Coordinate(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));
            yield return new Coordinate(a.X, b.Y);
        }
    }
}
