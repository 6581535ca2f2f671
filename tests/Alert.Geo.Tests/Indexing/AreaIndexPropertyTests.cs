using CsCheck;

namespace Alert.Geo.Tests.Indexing;

/// <summary>The production index must agree with the obvious linear scan everywhere, land or sea.</summary>
[Collection(GeographyCollection.Name)]
public sealed class AreaIndexPropertyTests(GeographyFixture fixture)
{
    [Fact]
    public void Index_agrees_with_a_linear_scan_of_every_polygon()
    {
        var geography = fixture.Geography;
        var points = Gen.Select(Gen.Double[30.0, 45.6], Gen.Double[128.0, 146.0]);

        points.Sample((lat, lon) =>
        {
            var indexed = geography.Locate(lat, lon);
            var scanned = geography.LocateByLinearScan(lat, lon);
            var indexedCode = indexed.Ward?.Code ?? indexed.Municipality?.Code;
            return indexedCode == scanned?.Code;
        }, iter: 3000);
    }

    [Fact]
    public void Interior_point_of_every_ward_level_area_locates_to_that_area()
    {
        foreach (var area in fixture.Geography.Dataset.WardLevel)
        {
            var inside = area.Geometry.InteriorPoint;
            var location = fixture.Geography.Locate(inside.Y, inside.X);
            Assert.Equal(area.Code, location.Ward?.Code ?? location.Municipality?.Code);
            Assert.Equal(area.PrefectureCode, location.Prefecture?.Code);
        }
    }
}
