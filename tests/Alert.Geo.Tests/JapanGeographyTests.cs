using Alert.Geo.Boundaries;

namespace Alert.Geo.Tests;

[Collection(GeographyCollection.Name)]
public sealed class JapanGeographyTests(GeographyFixture fixture)
{
    private JapanGeography Geography => fixture.Geography;

    [Theory]
    [InlineData(35.6812, 139.7671, "13", "13101", "千代田区", null)] // Tokyo Station
    [InlineData(43.0606, 141.3545, "01", "01100", "札幌市", "01101")] // 大通公園 → 札幌市中央区
    [InlineData(34.6916, 135.4906, "27", "27100", "大阪市", "27127")] // 中之島 → 大阪市北区
    [InlineData(27.0945, 142.1916, "13", "13421", "小笠原村", null)] // 父島
    [InlineData(26.2124, 127.6809, "47", "47201", "那覇市", null)] // 那覇市役所
    public void Locates_reference_points(double lat, double lon, string prefecture, string municipality, string name, string? ward)
    {
        var location = Geography.Locate(lat, lon);

        Assert.Equal(prefecture, location.Prefecture?.Code);
        Assert.Equal(municipality, location.Municipality?.Code);
        Assert.Equal(name, location.Municipality?.Name);
        Assert.Equal(ward, location.Ward?.Code);
    }

    [Fact]
    public void Point_at_sea_is_in_nothing()
    {
        var location = Geography.Locate(33.0, 137.0); // Pacific, south of 紀伊半島

        Assert.Null(location.Prefecture);
        Assert.Null(location.Municipality);
    }

    [Fact]
    public void Point_in_an_unassigned_area_belongs_to_its_prefecture_and_no_municipality()
    {
        foreach (var unassigned in Geography.Dataset.Unassigned)
        {
            var inside = unassigned.Geometry.InteriorPoint;
            var location = Geography.Locate(inside.Y, inside.X);

            Assert.Equal(unassigned.PrefectureCode, location.Prefecture?.Code);
            Assert.Null(location.Municipality);
        }
    }

    [Fact]
    public void Ships_every_municipality_ward_and_prefecture()
    {
        Assert.Equal(1747, Geography.Dataset.Municipalities.Count);
        Assert.Equal(1902, Geography.Dataset.WardLevel.Count);
        Assert.Equal(47, Geography.Dataset.Prefectures.Count);
        Assert.Equal(4, Geography.Dataset.Unassigned.Count);
        Assert.Equal(20, Geography.Dataset.Municipalities.Count(m => m.Kind == AreaKind.DesignatedCity));
        Assert.Equal(175, Geography.Dataset.WardLevel.Count(m => m.Kind == AreaKind.DesignatedCityWard));
    }

    [Fact]
    public void Municipalities_carry_2020_population_except_the_northern_territories()
    {
        var withoutPopulation = Geography.Dataset.Municipalities.Where(m => m.Population is null).Select(m => m.Code).Order().ToList();

        Assert.Equal(["01695", "01696", "01697", "01698", "01699", "01700"], withoutPopulation);
        Assert.Equal(1_975_065, Geography.FindMunicipality("01100")!.Population);
        Assert.Equal(248_840, Geography.FindMunicipality("01101")!.Population);
    }

    [Fact]
    public void Finds_designated_cities_and_their_wards_by_code()
    {
        var yokohama = Geography.FindMunicipality("14100")!;
        var tsurumi = Geography.FindMunicipality("14101")!;

        Assert.Equal(AreaKind.DesignatedCity, yokohama.Kind);
        Assert.Equal("141003", yokohama.Code6);
        Assert.Equal(AreaKind.DesignatedCityWard, tsurumi.Kind);
        Assert.Equal("14100", tsurumi.MunicipalityCode);
        Assert.True(yokohama.Geometry.Covers(tsurumi.Geometry.InteriorPoint));
    }
}
