using System.Security.Claims;
using System.Text.Json;
using Alert.Contracts.Security;
using Alert.Geo;
using Alert.Ingress.Geography;
using Alert.Ingress.Notices;

namespace Alert.Ingress.Tests.Notices;

public sealed class GeographyFixture
{
    public JapanGeography Geography { get; } = JapanGeography.LoadEmbedded();
}

public sealed class NoticeResolverTests(GeographyFixture fixture) : IClassFixture<GeographyFixture>
{
    private NoticeResolver Resolver => new(fixture.Geography);

    private static IssuerScope Municipality(string code) => Scope(new Claim(AlertHubClaims.IssueMunicipality, code), new Claim(AlertHubClaims.Organisation, code));

    private static IssuerScope Prefecture(string code) => Scope(new Claim(AlertHubClaims.IssuePrefecture, code), new Claim(AlertHubClaims.Organisation, code));

    private static IssuerScope Scope(params Claim[] claims) => new(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static NoticeRequest Request(string issuer, params AreaRequest[] areas) =>
        new("evacuation", "actual", issuer, "避難指示", null, null, 4, areas, 120, 300, [], null, null, null, null, null);

    private static AreaRequest Code(string code, int index = 0) => new($"areas[{index}]", code, null, ShapeInput.None, 4, "issued", null, null);

    private static AreaRequest Shape(string geoJson, int index = 0) =>
        new($"areas[{index}]", null, "範囲", new ShapeInput(JsonDocument.Parse(geoJson).RootElement.Clone(), null, null), 4, "issued", null, null);

    private (NoticeDecision Decision, Alert.Contracts.Notices.NoticeSubmission? Submission, Alert.Ingress.Validation.ValidationErrors Errors) Resolve(NoticeRequest request, IssuerScope scope) =>
        Resolver.Resolve(request, scope, "127.0.0.1", Now);

    [Fact]
    public void Municipality_issues_for_its_own_area()
    {
        var (decision, submission, _) = Resolve(Request("13101", Code("13101")), Municipality("13101"));

        Assert.Equal(NoticeDecision.Accept, decision);
        Assert.Equal("13", submission!.Prefecture);
        Assert.Equal(["13101"], submission.AffectedMunicipalities);
        Assert.Equal("千代田区", submission.Content.Areas[0].Name);
    }

    [Fact]
    public void Six_digit_code_with_check_digit_is_accepted()
    {
        var (decision, submission, _) = Resolve(Request("131016", Code("131016")), Municipality("13101"));

        Assert.Equal(NoticeDecision.Accept, decision);
        Assert.Equal("13101", submission!.Issuer);
    }

    [Fact]
    public void Municipality_may_not_issue_for_its_neighbour()
    {
        var (decision, _, errors) = Resolve(Request("13101", Code("13102")), Municipality("13101"));

        Assert.Equal(NoticeDecision.Forbidden, decision);
        Assert.Equal("areas-in-key-scope", Assert.Single(errors.All).Rule);
    }

    [Fact]
    public void Municipality_may_not_issue_as_another_issuer()
    {
        var (decision, _, errors) = Resolve(Request("13102", Code("13102")), Municipality("13101"));

        Assert.Equal(NoticeDecision.Forbidden, decision);
        Assert.Equal("issuer-in-key-scope", Assert.Single(errors.All).Rule);
    }

    [Fact]
    public void Prefecture_issues_on_behalf_of_its_municipalities_but_not_others()
    {
        Assert.Equal(NoticeDecision.Accept, Resolve(Request("13102", Code("13102")), Prefecture("13")).Decision);
        Assert.Equal(NoticeDecision.Accept, Resolve(Request("13", Code("13102"), Code("13421", 1)), Prefecture("13")).Decision);
        Assert.Equal(NoticeDecision.Forbidden, Resolve(Request("14100", Code("14100")), Prefecture("13")).Decision);
    }

    [Fact]
    public void Ward_code_resolves_to_its_designated_city()
    {
        var (decision, submission, _) = Resolve(Request("01100", Code("01101")), Municipality("01100"));

        Assert.Equal(NoticeDecision.Accept, decision);
        Assert.Equal(["01100"], submission!.AffectedMunicipalities);
        Assert.Equal("01101", submission.Content.Areas[0].Municipality);
    }

    [Fact]
    public void Ward_cannot_be_the_issuer()
    {
        var (decision, _, errors) = Resolve(Request("01101", Code("01101")), Municipality("01100"));

        Assert.Equal(NoticeDecision.Invalid, decision);
        Assert.Equal("issuer-is-municipality", Assert.Single(errors.All).Rule);
    }

    [Theory]
    [InlineData("131017", "check-digit")]
    [InlineData("13199", "known-municipality")]
    [InlineData("1310", "municipality-code")]
    public void Unknown_or_malformed_area_codes_are_invalid(string code, string rule)
    {
        var (decision, _, errors) = Resolve(Request("13101", Code(code)), Municipality("13101"));

        Assert.Equal(NoticeDecision.Invalid, decision);
        Assert.Equal(rule, Assert.Single(errors.All).Rule);
        Assert.Equal("areas[0].municipality", errors.All[0].Field);
    }

    [Fact]
    public void Polygon_is_resolved_to_the_municipalities_it_reaches()
    {
        var straddling = """{"type":"Polygon","coordinates":[[[139.765,35.68],[139.78,35.68],[139.78,35.69],[139.765,35.69],[139.765,35.68]]]}""";

        var chiyodaOnly = Resolve(Request("13101", Shape(straddling)), Municipality("13101"));
        var tokyo = Resolve(Request("13", Shape(straddling)), Prefecture("13"));

        Assert.Equal(NoticeDecision.Forbidden, chiyodaOnly.Decision); // it reaches 中央区 too
        Assert.Equal(NoticeDecision.Accept, tokyo.Decision);
        Assert.Equal(["13101", "13102"], tokyo.Submission!.AffectedMunicipalities);
        Assert.Contains("\"Polygon\"", tokyo.Submission.Content.Areas[0].Geometry, StringComparison.Ordinal);
    }

    [Fact]
    public void Polygon_at_sea_is_invalid()
    {
        var sea = """{"type":"Polygon","coordinates":[[[137.0,33.0],[137.1,33.0],[137.1,33.1],[137.0,33.0]]]}""";

        var (decision, _, errors) = Resolve(Request("13", Shape(sea)), Prefecture("13"));

        Assert.Equal(NoticeDecision.Invalid, decision);
        Assert.Equal("reaches-municipality", Assert.Single(errors.All).Rule);
    }

    [Fact]
    public void Polygon_must_reach_the_municipality_named_beside_it()
    {
        var osaka = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[135.49,34.69],[135.50,34.69],[135.50,34.70],[135.49,34.69]]]}""").RootElement.Clone();

        var (decision, _, errors) = Resolve(Request("13", new AreaRequest("areas[0]", "13101", null, new ShapeInput(osaka, null, null), 4, "issued", null, null)), Prefecture("13"));

        Assert.Equal(NoticeDecision.Invalid, decision);
        Assert.Equal("geometry-in-municipality", Assert.Single(errors.All).Rule);
    }

    [Fact]
    public void Exercise_only_key_never_issues_actual_notices()
    {
        var scope = Scope(new Claim(AlertHubClaims.IssueMunicipality, "13101"), new Claim(AlertHubClaims.ExerciseOnly, "true"));

        var actual = Resolve(Request("13101", Code("13101")), scope);
        var drill = Resolve(Request("13101", Code("13101")) with { Status = "exercise" }, scope);

        Assert.Equal(NoticeDecision.Forbidden, actual.Decision);
        Assert.Equal("exercise-only-key", Assert.Single(actual.Errors.All).Rule);
        Assert.Equal(NoticeDecision.Accept, drill.Decision);
    }

    [Fact]
    public void Prefecture_issuing_on_behalf_records_both_issuer_and_submitter()
    {
        var (decision, submission, _) = Resolve(Request("13101", Code("13101")), Prefecture("13"));

        Assert.Equal(NoticeDecision.Accept, decision);
        Assert.Equal("13101", submission!.Issuer);
        Assert.Equal("13", submission.SubmittedBy);
        Assert.Equal("127.0.0.1", submission.SubmittedFrom);
    }

    [Fact]
    public void Totals_are_counted_over_issued_areas_only()
    {
        var request = Request("13101",
            new AreaRequest("areas[0]", "13101", "一丁目", ShapeInput.None, 4, "issued", 10, 20),
            new AreaRequest("areas[1]", "13101", "二丁目", ShapeInput.None, 5, "issued", 1, 2),
            new AreaRequest("areas[2]", "13101", "三丁目", ShapeInput.None, 3, "lifted", 100, 200)) with { Households = null, Persons = null };

        var content = Resolve(request, Municipality("13101")).Submission!.Content;

        Assert.Equal((5, 11, 22), (content.Level!.Value, content.Households!.Value, content.Persons!.Value));
    }

    [Fact]
    public void Shelters_resolve_to_their_municipalities_and_are_scope_checked()
    {
        var shelter = new Alert.Contracts.Notices.Shelter("01101", "中央区体育館", null, 43.06, 141.35, null, "opened", 300, null, null, null, null);
        var request = Request("01100") with { Category = "shelter", Areas = [], Shelters = [new ShelterRequest("shelters[0]", "01101", shelter)] };

        var sapporo = Resolve(request, Municipality("01100"));
        var chiyoda = Resolve(request with { Issuer = "13101" }, Municipality("13101"));

        Assert.Equal(NoticeDecision.Accept, sapporo.Decision);
        Assert.Equal(["01100"], sapporo.Submission!.AffectedMunicipalities);
        Assert.Equal(NoticeDecision.Forbidden, chiyoda.Decision);
    }

    [Fact]
    public void Validity_must_lie_ahead_within_a_month()
    {
        Assert.Equal(NoticeDecision.Invalid, Resolve(Request("13101", Code("13101")) with { ValidUntil = Now.AddMinutes(-1) }, Municipality("13101")).Decision);
        Assert.Equal(NoticeDecision.Invalid, Resolve(Request("13101", Code("13101")) with { ValidUntil = Now.AddDays(40) }, Municipality("13101")).Decision);
        Assert.Equal(NoticeDecision.Accept, Resolve(Request("13101", Code("13101")) with { ValidUntil = Now.AddDays(2) }, Municipality("13101")).Decision);
    }

    [Fact]
    public void Cap_polygons_and_circles_are_areas_too_and_are_stored_as_geojson()
    {
        var cap = new AreaRequest("areas[0]", null, "東京駅", new ShapeInput(null, "35.679,139.765 35.679,139.769 35.683,139.769 35.683,139.765 35.679,139.765", null), 4, "issued", null, null);
        var circle = new AreaRequest("areas[1]", null, "皇居周辺", new ShapeInput(null, null, JsonDocument.Parse("""{"lat":35.685,"lon":139.753,"radiusKm":0.3}""").RootElement.Clone()), 4, "issued", null, null);

        var (decision, submission, errors) = Resolve(Request("13101", cap, circle), Municipality("13101"));

        Assert.True(decision == NoticeDecision.Accept, string.Join("; ", errors.All.Select(e => e.MessageEn)));
        Assert.All(submission!.Content.Areas, a => Assert.StartsWith("{\"type\":\"Polygon\"", a.Geometry, StringComparison.Ordinal));
        Assert.InRange(submission.EstimatedPopulation!.Value, 1, 66_758);
    }

    [Fact]
    public void Swapped_cap_points_and_warning_area_codes_are_named()
    {
        var swapped = new AreaRequest("areas[0]", null, null, new ShapeInput(null, "139.765,35.679 139.769,35.679 139.769,35.683 139.765,35.679", null), 4, "issued", null, null);

        var (_, _, errors) = Resolve(Request("13101", swapped), Municipality("13101"));
        var (_, _, jma) = Resolve(Request("13101", Code("1310112")), Municipality("13101"));
        var (accepted, submission, _) = Resolve(Request("13101", Code("1310100")), Municipality("13101"));

        Assert.Equal("coordinates-swapped", Assert.Single(errors.All).Rule);
        Assert.Equal("jma-municipality-code", Assert.Single(jma.All).Rule);
        Assert.Equal(NoticeDecision.Accept, accepted);
        Assert.Equal("13101", submission!.Content.Areas[0].Municipality);
    }

    [Fact]
    public void Whole_municipalities_count_their_population_once()
    {
        var (_, submission, _) = Resolve(Request("13", Code("13101"), Code("13101", 1) with { Name = "別の町" }, Code("13102", 2)), Prefecture("13"));

        var chiyoda = fixture.Geography.FindMunicipality("13101")!.Population!.Value;
        var chuo = fixture.Geography.FindMunicipality("13102")!.Population!.Value;
        Assert.Equal(chiyoda + chuo, submission!.EstimatedPopulation);
    }
}
