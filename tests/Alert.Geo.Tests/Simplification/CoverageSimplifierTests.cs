using Alert.Geo.Simplification;

namespace Alert.Geo.Tests.Simplification;

[Collection(GeographyCollection.Name)]
public sealed class CoverageSimplifierTests(GeographyFixture fixture)
{
    [Theory]
    [InlineData("01100", 250)] // 札幌市: a large designated city
    [InlineData("13421", 250)] // 小笠原村: islands spread over hundreds of km
    [InlineData("42201", 100)] // 長崎市: a ragged coast with many islands
    [InlineData("22130", 250)] // 浜松市
    [InlineData("13101", 10)] // 千代田区 squeezed hard
    [InlineData("01100", 5)]
    public void Simplified_area_fits_the_budget_and_contains_the_original(string code, int maxPoints)
    {
        var original = fixture.Geography.FindMunicipality(code)!.Geometry;

        var result = CoverageSimplifier.Simplify(original, maxPoints);

        Assert.True(result.Points <= maxPoints, $"{result.Points} > {maxPoints}");
        Assert.True(result.ContainsOriginal);
        Assert.True(result.Geometry.Covers(original));
        Assert.True(result.ExtraAreaKm2 >= 0);
        Assert.True(result.MaxOvershootMetres >= 0);
    }

    [Fact]
    public void Every_prefecture_simplifies_to_250_points_without_losing_coverage()
    {
        foreach (var prefecture in fixture.Geography.Dataset.Prefectures)
        {
            var result = CoverageSimplifier.Simplify(prefecture.Geometry, 250);
            Assert.True(result.Points <= 250 && result.Geometry.Covers(prefecture.Geometry), prefecture.Name);
        }
    }

    [Fact]
    public void Overshoot_is_modest_for_a_generous_budget()
    {
        var sapporo = fixture.Geography.FindMunicipality("01100")!.Geometry;

        var result = CoverageSimplifier.Simplify(sapporo, 250);

        // 札幌市 spans about 40 km; 250 points should keep the outline within about a kilometre.
        Assert.InRange(result.MaxOvershootMetres, 0, 1500);
        Assert.InRange(result.ExtraAreaKm2 / Measurement.SphericalArea.SquareKilometres(sapporo), 0, 0.1);
    }

    [Fact]
    public void Geometry_within_budget_is_returned_unchanged()
    {
        var chiyoda = fixture.Geography.FindMunicipality("13101")!.Geometry;

        var result = CoverageSimplifier.Simplify(chiyoda, 1000);

        Assert.Same(chiyoda, result.Geometry);
        Assert.Equal(0, result.MaxOvershootMetres);
    }
}
