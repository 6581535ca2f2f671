using Alert.Geo.Geofencing;
using Alert.Geo.Measurement;
using CsCheck;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Tests.Geofencing;

[Collection(GeographyCollection.Name)]
public sealed class GeofenceIndexTests(GeographyFixture fixture)
{
    private JapanGeography Geography => fixture.Geography;

    private static (long Id, double Lat, double Lon)[] Points(int count, Envelope around, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => ((long)i,
            around.MinY + (random.NextDouble() * around.Height), around.MinX + (random.NextDouble() * around.Width)))];
    }

    private Geometry[] Alerts() =>
    [
        Geography.FindMunicipality("13101")!.Geometry,
        Geography.FindMunicipality("13102")!.Geometry,
        Geography.Factory.ToGeometry(new Envelope(139.74, 139.79, 35.66, 35.70)),
        GeodesicCircle.Create(Geography.Factory, 35.68, 139.76, 1.5),
        Geography.FindMunicipality("13104")!.Geometry, // 新宿区
    ];

    [Fact]
    public void Finds_exactly_the_points_the_area_covers()
    {
        var around = new Envelope(139.70, 139.83, 35.62, 35.74);
        var index = new GeofenceIndex(Geography.Factory);
        var points = Points(30_000, around, seed: 7);
        foreach (var (id, lat, lon) in points)
        {
            index.Upsert(id, lat, lon);
        }

        foreach (var alert in Alerts())
        {
            var expected = points.Where(p => alert.Covers(Geography.Factory.CreatePoint(new Coordinate(p.Lon, p.Lat)))).Select(p => p.Id).Order();
            Assert.Equal(expected, index.Inside(alert).Order());
        }
    }

    [Fact]
    public void Points_on_the_border_and_on_vertices_are_inside()
    {
        var chiyoda = Geography.FindMunicipality("13101")!.Geometry;
        var index = new GeofenceIndex(Geography.Factory);
        var vertices = chiyoda.Coordinates.Take(10).ToArray();
        for (var i = 0; i < vertices.Length; i++)
        {
            index.Upsert(i, vertices[i].Y, vertices[i].X);
        }

        Assert.Equal(vertices.Length, index.Inside(chiyoda).Count);
    }

    [Fact]
    public void Devices_with_a_radius_are_found_when_their_circle_reaches_the_area()
    {
        var alert = Geography.FindMunicipality("13101")!.Geometry;
        Gen.Select(Gen.Double[35.64, 35.73], Gen.Double[139.71, 139.81], Gen.Double[0.05, 3.0]).Sample((lat, lon, radius) =>
        {
            var index = new GeofenceIndex(Geography.Factory);
            index.Upsert(1, lat, lon, radius);
            var found = index.Inside(alert).Contains(1);

            // Independent bounds: a polygon inside the circle, and one around it.
            var within = Geography.Factory.CreatePolygon([.. Enumerable.Range(0, 65).Select(i => GeodesicCircle.Destination(lat, lon, 360.0 * (i % 64) / 64, radius * 0.998))]);
            var around = GeodesicCircle.Create(Geography.Factory, lat, lon, radius * 1.002);
            if (within.Intersects(alert))
            {
                Assert.True(found, "a circle that certainly reaches the area was missed");
            }

            if (!around.Intersects(alert))
            {
                Assert.False(found, "a circle that certainly misses the area was found");
            }
        }, iter: 400);
    }

    [Fact]
    public void Moves_and_removals_take_effect()
    {
        var chiyoda = Geography.FindMunicipality("13101")!.Geometry;
        var index = new GeofenceIndex(Geography.Factory);
        index.Upsert(1, 35.6812, 139.7671); // Tokyo Station
        index.Upsert(2, 35.6812, 139.7671);

        index.Upsert(1, 34.6916, 135.4906); // moved to Osaka
        index.Remove(2);

        Assert.Empty(index.Inside(chiyoda));
        Assert.Equal(1, index.Count);
        Assert.False(index.Remove(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Upsert(3, double.NaN, 139.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Upsert(3, 35.0, 139.0, 50));
    }

    [Fact]
    public async Task Queries_stay_exact_for_devices_that_do_not_move_while_others_come_and_go()
    {
        var chiyoda = Geography.FindMunicipality("13101")!.Geometry;
        var index = new GeofenceIndex(Geography.Factory);
        var steady = Points(5_000, chiyoda.EnvelopeInternal, seed: 1);
        foreach (var (id, lat, lon) in steady)
        {
            index.Upsert(id, lat, lon);
        }

        var expected = steady.Where(p => chiyoda.Covers(Geography.Factory.CreatePoint(new Coordinate(p.Lon, p.Lat)))).Select(p => p.Id).ToHashSet();
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            var random = new Random(3);
            for (var n = 0; !stop.IsCancellationRequested && n < 200_000; n++)
            {
                var id = 1_000_000 + random.Next(10_000);
                if (random.Next(3) == 0)
                {
                    index.Remove(id);
                }
                else
                {
                    index.Upsert(id, 35.67 + (random.NextDouble() * 0.03), 139.74 + (random.NextDouble() * 0.04));
                }
            }
        });

        for (var i = 0; i < 30; i++)
        {
            var found = index.Inside(chiyoda).Where(id => id < 1_000_000).ToHashSet();
            Assert.True(found.SetEquals(expected));
        }

        await stop.CancelAsync();
        await churn;
    }
}
