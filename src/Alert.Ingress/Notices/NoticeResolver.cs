using Alert.Contracts.Notices;
using Alert.Geo;
using Alert.Geo.Boundaries;
using Alert.Geo.Codes;
using Alert.Geo.GeoJson;
using Alert.Ingress.Validation;
using NetTopologySuite.Geometries;
using Alert.Ingress.Geography;
using Alert.Geo.Matching;

namespace Alert.Ingress.Notices;

/// <summary>
/// Turns a type-checked request into a submission: resolves each area to municipalities on the real boundaries,
/// then checks the issuer's territory and the key's scope. Nothing is written here.
/// </summary>
internal sealed class NoticeResolver(JapanGeography geography)
{
    private readonly ShapeReader _shapes = new(geography);
    private readonly AreaMatcher _matcher = new(geography);

    public (NoticeDecision Decision, NoticeSubmission? Submission, ValidationErrors Errors) Resolve(
        NoticeRequest request, IssuerScope scope, string submittedFrom, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var issuer = ResolveIssuer(request.Issuer, errors);
        if (issuer is null)
        {
            return (NoticeDecision.Invalid, null, errors);
        }

        if (request.Status == NoticeStatus.Actual && scope.ExerciseOnly)
        {
            errors.Add("status", "exercise-only-key", "この API キーは訓練・試験専用です。本番（actual）のお知らせは発信できません。",
                "This API key is for exercises and tests only; it cannot issue actual notices.");
            return (NoticeDecision.Forbidden, null, errors);
        }

        if (request.ValidUntil is { } validUntil && (validUntil <= now || validUntil > now + NoticeValidity.Longest))
        {
            errors.Add("validUntil", "valid-until-range", $"validUntil は現在より後、{NoticeValidity.Longest.TotalDays:0} 日以内にしてください。",
                $"validUntil must be in the future and at most {NoticeValidity.Longest.TotalDays:0} days ahead.");
            return (NoticeDecision.Invalid, null, errors);
        }

        if (!scope.MayIssueAs(issuer.Code))
        {
            errors.Add("issuer", "issuer-in-key-scope",
                $"この API キーでは発信者 {issuer.Code}（{issuer.Name}）として発信できません。",
                $"This API key may not issue as {issuer.Code} ({issuer.Name}).");
            return (NoticeDecision.Forbidden, null, errors);
        }

        var resolvedAreas = new List<(NoticeArea Area, IReadOnlyList<AdministrativeArea> Municipalities, Geometry? Shape)>(request.Areas.Count);
        var affected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var area in request.Areas)
        {
            if (ResolveArea(area, errors) is { } resolved)
            {
                resolvedAreas.Add(resolved);
                affected.UnionWith(resolved.Municipalities.Select(m => m.Code));
            }
        }

        var areas = resolvedAreas.Select(a => a.Area).ToList();

        var shelters = new List<Shelter>(request.Shelters.Count);
        foreach (var shelter in request.Shelters)
        {
            var municipality = FindMunicipality($"{shelter.Path}.municipality", shelter.Municipality, errors);
            if (municipality is not null)
            {
                var city = municipality.Kind == AreaKind.DesignatedCityWard ? municipality.MunicipalityCode : municipality.Code;
                shelters.Add(shelter.Shelter with { Municipality = municipality.Code });
                affected.Add(city);
            }
        }

        if (errors.Any)
        {
            return (NoticeDecision.Invalid, null, errors);
        }

        // Without areas, a municipality's notice is about the municipality; a prefecture's about the whole prefecture.
        if (affected.Count == 0 && issuer.Kind != AreaKind.Prefecture)
        {
            affected.Add(issuer.Code);
        }

        var outOfScope = affected.Where(code => !scope.MayIssueFor(code)).ToList();
        if (outOfScope.Count > 0)
        {
            errors.Add("areas", "areas-in-key-scope",
                $"この API キーでは次の市区町村を対象に発信できません: {string.Join(", ", outOfScope)}",
                $"This API key may not issue for these municipalities: {string.Join(", ", outOfScope)}");
            return (NoticeDecision.Forbidden, null, errors);
        }

        var outsideTerritory = affected.Where(code => !IsInTerritory(issuer, code)).ToList();
        if (outsideTerritory.Count > 0)
        {
            errors.Add("areas", "areas-in-issuer-territory",
                $"対象地域が発信者 {issuer.Code}（{issuer.Name}）の区域外です: {string.Join(", ", outsideTerritory)}",
                $"Areas lie outside the territory of issuer {issuer.Code} ({issuer.Name}): {string.Join(", ", outsideTerritory)}");
            return (NoticeDecision.Invalid, null, errors);
        }

        var issued = areas.Where(a => a.State == AreaStates.Issued).ToList();
        var content = new NoticeContent(
            request.Headline, request.Disaster, request.Hazard,
            request.Category == NoticeCategory.Evacuation ? issued.Max(a => a.Level) ?? request.Level : null,
            areas,
            request.Households ?? Sum(issued.Select(a => a.Households)),
            request.Persons ?? Sum(issued.Select(a => a.Persons)),
            shelters, request.Headquarters, request.Damage, request.Information);
        var submission = new NoticeSubmission(
            issuer.PrefectureCode, request.Category, request.Status, issuer.Code, content, [.. affected], scope.Organisation,
            submittedFrom, request.ValidUntil, request.ErrataReason, EstimatePopulation(resolvedAreas));
        return (NoticeDecision.Accept, submission, errors);
    }

    private static int? Sum(IEnumerable<int?> counts)
    {
        var known = counts.Where(c => c is not null).ToList();
        return known.Count == 0 ? null : known.Sum();
    }

    private static bool IsInTerritory(AdministrativeArea issuer, string municipality) =>
        issuer.Kind == AreaKind.Prefecture ? municipality.StartsWith(issuer.Code, StringComparison.Ordinal) : municipality == issuer.MunicipalityCode;

    private AdministrativeArea? ResolveIssuer(string value, ValidationErrors errors)
    {
        if (value.Length == 2)
        {
            var prefecture = geography.FindPrefecture(value);
            if (prefecture is null)
            {
                errors.Add("issuer", "known-prefecture", $"都道府県コード {value} は存在しません。", $"There is no prefecture with code {value}.");
            }

            return prefecture;
        }

        var municipality = FindMunicipality("issuer", value, errors);
        if (municipality is { Kind: AreaKind.DesignatedCityWard })
        {
            errors.Add("issuer", "issuer-is-municipality", $"{municipality.Name} は行政区です。発信者は市（{municipality.MunicipalityCode}）にしてください。",
                $"{value} is a ward; the issuer must be its city ({municipality.MunicipalityCode}).");
            return null;
        }

        return municipality;
    }

    private static NoticeArea Area(AreaRequest area, string? municipality, string? name, string? geometry) =>
        new(municipality, name, geometry, area.Level, area.State, area.Households, area.Persons);

    private (NoticeArea Area, IReadOnlyList<AdministrativeArea> Municipalities, Geometry? Shape)? ResolveArea(AreaRequest area, ValidationErrors errors)
    {
        var path = area.Path;
        AdministrativeArea? named = null;
        if (area.Municipality is not null)
        {
            named = FindMunicipality($"{path}.municipality", area.Municipality, errors);
            if (named is null)
            {
                return null;
            }
        }

        var before = errors.All.Count;
        var shape = _shapes.Read(area.Shape, path, errors);
        if (errors.All.Count > before)
        {
            return null;
        }

        if (shape is null)
        {
            var municipality = named!.Kind == AreaKind.DesignatedCityWard ? geography.FindMunicipality(named.MunicipalityCode)! : named;
            return (Area(area, named.Code, area.Name ?? named.Name, null), [municipality], null);
        }

        var reached = _matcher.Match(shape).Municipalities.Select(m => m.Area).ToList();
        if (reached.Count == 0)
        {
            errors.Add(path, "reaches-municipality", $"{path} の範囲はどの市区町村にもかかっていません（海上など）。",
                $"The shape of {path} does not reach any municipality (it lies at sea or abroad).");
            return null;
        }

        if (named is not null && !reached.Any(m => m.Code == named.MunicipalityCode))
        {
            errors.Add(path, "geometry-in-municipality", $"{path} の範囲が {named.Name}（{named.Code}）にかかっていません。",
                $"The shape of {path} does not reach {named.Code}, the municipality named for this area.");
            return null;
        }

        // Stored and sent as GeoJSON whatever form it came in, so every receiver gets geometry it can draw.
        return (Area(area, named?.Code, area.Name ?? named?.Name, GeoJsonGeometryWriter.ToGeoJson(shape)), reached, shape);
    }

    /// <summary>
    /// People under the notice: everyone in a municipality (or ward) named without a shape, counted once, plus the
    /// area-weighted estimate of the union of all drawn shapes outside those municipalities.
    /// </summary>
    private long? EstimatePopulation(IReadOnlyList<(NoticeArea Area, IReadOnlyList<AdministrativeArea> Municipalities, Geometry? Shape)> areas)
    {
        var whole = areas.Where(a => a.Shape is null).Select(a => geography.FindMunicipality(a.Area.Municipality!)!).DistinctBy(a => a.Code).ToList();
        var wholeCities = whole.Where(a => a.Kind != AreaKind.DesignatedCityWard).Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var people = whole.Where(a => a.Kind != AreaKind.DesignatedCityWard || !wholeCities.Contains(a.MunicipalityCode)).Sum(a => (double)(a.Population ?? 0));
        var shapes = areas.Where(a => a.Shape is not null).Select(a => a.Shape!).ToList();
        if (shapes.Count > 0)
        {
            var union = shapes.Count == 1 ? shapes[0] : NetTopologySuite.Operation.Union.UnaryUnionOp.Union(shapes);
            people += _matcher.Match(union).Municipalities.Where(m => !wholeCities.Contains(m.Area.Code)).Sum(m => m.EstimatedPopulation ?? 0);
        }

        return areas.Count == 0 ? null : (long)Math.Round(people);
    }

    private AdministrativeArea? FindMunicipality(string field, string value, ValidationErrors errors)
    {
        switch (LocalGovernmentCode.TryNormalise(value, out var code))
        {
            case CodeParseResult.BadFormat:
            case CodeParseResult.Missing:
                errors.Add(field, "municipality-code", $"{field} は 5 桁の全国地方公共団体コード（検査数字付き 6 桁、気象庁の 7 桁も可）です。",
                    $"{field} must be a 5-digit local government code (or 6 digits with its check digit, or JMA's 7 digits).");
                return null;
            case CodeParseResult.BadCheckDigit:
                errors.Add(field, "check-digit", $"{field} の検査数字が正しくありません（{value}）。", $"{field} has a wrong check digit ({value}).");
                return null;
            case CodeParseResult.NotMunicipality:
                errors.Add(field, "jma-municipality-code", $"{field}（{value}）は気象庁の警報区域コードで、市区町村コード（末尾 00 の 7 桁）ではありません。",
                    $"{field} ({value}) is a JMA warning-area code, not a municipality code (7 digits ending in 00).");
                return null;
        }

        var area = geography.FindMunicipality(code);
        if (area is null)
        {
            errors.Add(field, "known-municipality", $"市区町村コード {code} は存在しません。", $"There is no municipality with code {code}.");
        }

        return area;
    }
}
