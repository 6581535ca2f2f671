using Alert.Geo.Matching;
using Alert.Geo.Measurement;
using CsCheck;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Alert.Geo.Tests.Matching;

/// <summary>Overlap areas by boundary integration agree with a full overlay, on the real boundaries.</summary>
[Collection(GeographyCollection.Name)]
public sealed class BoundaryIntegralTests(GeographyFixture fixture)
{
    private JapanGeography Geography => fixture.Geography;

    private Polygon Star(double lat, double lon, double radiusKm, int vertices, int seed)
    {
        var random = new Random(seed);
        var ring = new Coordinate[vertices + 1];
        var wobble = 1.0;
        for (var i = 0; i < vertices; i++)
        {
            wobble = Math.Clamp(wobble + ((random.NextDouble() - 0.5) * 0.2), 0.4, 1.6);
            ring[i] = GeodesicCircle.Destination(lat, lon, 360.0 * i / vertices, radiusKm * wobble);
        }

        ring[vertices] = ring[0].Copy();
        return Geography.Factory.CreatePolygon(ring);
    }

    private void AgreesWithOverlay(Geometry alert)
    {
        var integral = new BoundaryIntegral(alert);
        foreach (var area in Geography.Dataset.WardLevel.Where(a => a.Geometry.EnvelopeInternal.Intersects(alert.EnvelopeInternal)))
        {
            var expected = SphericalArea.SquareKilometres(OverlayNGRobust.Overlay(area.Geometry, alert, SpatialFunction.Intersection));
            var actual = new BoundaryIntegral(area.Geometry).OverlapKm2(integral);
            // Both sides round their crossing points; a square metre (1e-6 km²) is far below anything that matters.
            Assert.True(Math.Abs(expected - actual) <= 1e-6 + (1e-6 * expected), $"{area.Code}: overlay {expected} km², integral {actual} km²");
        }
    }

    [Fact]
    public void Random_star_polygons_agree_with_overlay()
    {
        var places = Geography.Dataset.WardLevel;
        Gen.Select(Gen.Int[0, places.Count - 1], Gen.Double[0.5, 15], Gen.Int[3, 300], Gen.Int).Sample((place, radius, vertices, seed) =>
        {
            var centre = places[place].Geometry.InteriorPoint;
            AgreesWithOverlay(Star(centre.Y, centre.X, radius, vertices, seed));
        }, iter: 60);
    }

    [Fact]
    public void Shared_borders_and_identical_shapes_count_once()
    {
        var chiyoda = Geography.FindMunicipality("13101")!.Geometry;
        var chuo = Geography.FindMunicipality("13102")!.Geometry;

        Assert.Equal(SphericalArea.SquareKilometres(chiyoda), new BoundaryIntegral(chiyoda).OverlapKm2(new BoundaryIntegral(chiyoda)), 9);
        Assert.Equal(0, new BoundaryIntegral(chuo).OverlapKm2(new BoundaryIntegral(chiyoda)), 9);
        AgreesWithOverlay(chiyoda.Union(chuo));
    }

    [Fact]
    public void Boxes_clockwise_shapes_and_shapes_with_holes_agree_with_overlay()
    {
        AgreesWithOverlay(Geography.Factory.ToGeometry(new Envelope(139.74, 139.80, 35.66, 35.70)));
        AgreesWithOverlay(Geography.Factory.ToGeometry(new Envelope(139.74, 139.80, 35.66, 35.70)).Reverse());
        var outer = Geography.Factory.CreateLinearRing([new(139.70, 35.64), new(139.82, 35.64), new(139.82, 35.72), new(139.70, 35.72), new(139.70, 35.64)]);
        var hole = Geography.Factory.CreateLinearRing([new(139.75, 35.67), new(139.75, 35.69), new(139.78, 35.69), new(139.78, 35.67), new(139.75, 35.67)]);
        AgreesWithOverlay(Geography.Factory.CreatePolygon(outer, [hole]));
        AgreesWithOverlay(Geography.FindMunicipality("42201")!.Geometry.Buffer(0.01)); // 長崎市 and its islands, grown
    }

    [Fact]
    public void The_matcher_sweep_over_the_whole_partition_agrees_with_overlay()
    {
        var matcher = new AreaMatcher(Geography);
        var places = Geography.Dataset.WardLevel;
        Gen.Select(Gen.Int[0, places.Count - 1], Gen.Double[0.5, 15], Gen.Int[3, 400], Gen.Int).Sample((place, radius, vertices, seed) =>
        {
            var centre = places[place].Geometry.InteriorPoint;
            var alert = Star(centre.Y, centre.X, radius, vertices, seed);
            var matched = matcher.Match(alert).Municipalities.ToDictionary(m => m.Area.Code, m => m.OverlapKm2);
            var expected = Geography.Dataset.WardLevel
                .Where(a => a.Geometry.EnvelopeInternal.Intersects(alert.EnvelopeInternal))
                .GroupBy(a => a.MunicipalityCode)
                .Select(g => (Code: g.Key, Km2: g.Sum(a => SphericalArea.SquareKilometres(OverlayNGRobust.Overlay(a.Geometry, alert, SpatialFunction.Intersection)))))
                .Where(x => x.Km2 > 1e-6)
                .ToList();

            foreach (var (code, km2) in expected)
            {
                Assert.True(matched.TryGetValue(code, out var actual), $"{code} missing ({km2} km²)");
                Assert.True(Math.Abs(actual - km2) <= 1e-6 + (1e-6 * km2), $"{code}: overlay {km2} km², matcher {actual} km²");
            }

            Assert.All(matched.Where(m => !expected.Any(e => e.Code == m.Key)), m => Assert.True(m.Value <= 1e-6, $"{m.Key} extra {m.Value} km²"));
        }, iter: 80);
    }
}
