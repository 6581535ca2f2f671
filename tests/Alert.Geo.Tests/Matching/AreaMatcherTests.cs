using Alert.Geo.Matching;
using Alert.Geo.Measurement;
using CsCheck;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Tests.Matching;

[Collection(GeographyCollection.Name)]
public sealed class AreaMatcherTests(GeographyFixture fixture)
{
    private JapanGeography Geography => fixture.Geography;

    private AreaMatcher Matcher => new(Geography);

    private Geometry Box(double west, double south, double east, double north) => Geography.Factory.ToGeometry(new Envelope(west, east, south, north));

    [Fact]
    public void A_municipality_matched_against_itself_is_fully_covered_with_its_whole_population()
    {
        var chiyoda = Geography.FindMunicipality("13101")!;

        var result = Matcher.Match(chiyoda.Geometry);

        var top = result.Municipalities[0];
        Assert.Equal("13101", top.Area.Code);
        Assert.Equal(1.0, top.OverlapRatio, 6);
        Assert.Equal(1.0, top.CoverageRatio, 6);
        Assert.Equal(chiyoda.Population!.Value, top.EstimatedPopulation!.Value, 0);
        Assert.Single(result.Municipalities);
        Assert.Equal("13", Assert.Single(result.Prefectures).Area.Code);
    }

    [Fact]
    public void A_box_across_a_border_splits_its_area_between_municipalities()
    {
        var result = Matcher.Match(Box(139.765, 35.680, 139.780, 35.690));

        var codes = result.Municipalities.Select(m => m.Area.Code).ToList();
        Assert.Contains("13101", codes);
        Assert.Contains("13102", codes);
        Assert.Equal(1.0, result.Municipalities.Sum(m => m.OverlapRatio), 3);
        Assert.All(result.Municipalities, m => Assert.InRange(m.CoverageRatio, 0, 1));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_repeated_vertex_changes_nothing()
    {
        // Drawn and traced polygons often repeat a vertex (a double click): a zero-length edge. On a municipal border,
        // as here (千代田区 traced with every vertex twice), it once put NaN among the crossings of the boundary walk.
        var chiyoda = (Polygon)Geography.FindMunicipality("13101")!.Geometry.GetGeometryN(0);
        var doubled = Geography.Factory.CreatePolygon([.. chiyoda.ExteriorRing.Coordinates.SelectMany(c => new[] { c, c.Copy() }).SkipLast(1)]);

        var plain = Matcher.Match(chiyoda);
        var repeated = Matcher.Match(doubled);

        Assert.Equal(plain.Municipalities.Select(m => m.Area.Code), repeated.Municipalities.Select(m => m.Area.Code));
        Assert.All(plain.Municipalities.Zip(repeated.Municipalities), pair => Assert.Equal(pair.First.OverlapKm2, pair.Second.OverlapKm2, 9));
    }

    [Fact]
    public void Designated_cities_appear_as_cities_and_as_wards()
    {
        var odori = GeodesicCircle.Create(Geography.Factory, 43.0606, 141.3545, 0.3);

        var result = Matcher.Match(odori);

        Assert.Equal("01100", result.Municipalities[0].Area.Code);
        Assert.Equal("01101", result.Wards[0].Area.Code);
        Assert.Equal(result.Municipalities[0].OverlapKm2, result.Wards.Sum(w => w.OverlapKm2), 9);
    }

    [Fact]
    public void A_coastal_area_warns_about_the_part_at_sea()
    {
        // Half over Tokyo Bay off 品川.
        var result = Matcher.Match(Box(139.74, 35.58, 139.84, 35.62));

        Assert.Contains(result.Warnings, w => w.Code == "outside-municipalities");
        Assert.True(result.Municipalities.Sum(m => m.OverlapRatio) < 0.98);
    }

    [Fact]
    public void An_area_across_a_prefecture_border_lists_both_prefectures()
    {
        // Across the 多摩川 between 東京都 and 神奈川県 (川崎).
        var result = Matcher.Match(Box(139.66, 35.55, 139.72, 35.60));

        Assert.Equal(["13", "14"], result.Prefectures.Select(p => p.Area.Code).Order(StringComparer.Ordinal));
        Assert.Contains(result.Warnings, w => w.Code == "several-prefectures");
    }

    [Fact]
    public void Ratios_stay_within_bounds_and_the_lists_agree_for_any_box()
    {
        var boxes = Gen.Select(Gen.Double[130.0, 142.0], Gen.Double[31.0, 43.0], Gen.Double[0.005, 0.3], Gen.Double[0.005, 0.3]);
        boxes.Sample((west, south, width, height) =>
        {
            var result = Matcher.Match(Box(west, south, west + width, south + height));

            Assert.All(result.Municipalities.Concat(result.Wards).Concat(result.Prefectures), o =>
            {
                Assert.InRange(o.OverlapRatio, 0, 1.0000001);
                Assert.InRange(o.CoverageRatio, 0, 1);
            });
            Assert.InRange(result.Prefectures.Sum(p => p.OverlapRatio), 0, 1.0001);
            // Prefectures also hold land that belongs to no municipality (所属未定地, e.g. off 木曽岬町), and say so.
            if (result.Warnings.Any(w => w.Code == "unassigned-area"))
            {
                Assert.True(result.Prefectures.Sum(p => p.OverlapKm2) > result.Municipalities.Sum(m => m.OverlapKm2));
            }
            else
            {
                Assert.Equal(result.Municipalities.Sum(m => m.OverlapKm2), result.Prefectures.Sum(p => p.OverlapKm2), 6);
            }
            Assert.Equal(result.Municipalities.Sum(m => m.EstimatedPopulation ?? 0), result.EstimatedPopulation, 6);
        }, iter: 150);
    }

    [Fact]
    public void Spherical_areas_match_official_figures()
    {
        // 東京23区 ≈ 627.5 km² officially (622 km² in the simplified data); 全国 ≈ 377,975 km².
        var wards23 = Enumerable.Range(101, 23).Sum(i => Geography.AreaKm2(Geography.FindMunicipality($"13{i}")!));
        var japan = Geography.Dataset.Prefectures.Sum(Geography.AreaKm2);

        Assert.InRange(wards23, 615, 635);
        Assert.InRange(japan, 375_000, 380_000);
    }
}
