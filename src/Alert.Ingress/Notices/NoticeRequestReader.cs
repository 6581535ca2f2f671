using System.Globalization;
using System.Text.Json;
using Alert.Contracts.Notices;
using Alert.Contracts.Vocabulary;
using Alert.Ingress.Geography;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Notices;

/// <summary>
/// Reads the JSON body of <c>POST /api/v1/notices</c> and <c>PUT /api/v1/notices/{id}</c>: every information kind
/// of L-Alert with its own fields and rules, every error naming its field (a typed model binder would stop at the
/// first mismatch with a framework message). Legacy evacuation level names are mapped here.
/// </summary>
internal static class NoticeRequestReader
{
    public const int MaxAreas = 2_000;
    public const int MaxShelters = 5_000;
    public const int MaxHeadlineLength = 200;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4_000;

    private static readonly string[] CommonFields = ["category", "status", "issuer", "headline", "disaster", "validUntil", "errata", "areas"];

    public static NoticeRequest? Read(JsonElement root, ValidationErrors errors, bool isRevision = false)
    {
        var body = JsonFields.Of(root, null, errors);
        if (body is null)
        {
            return null;
        }

        var category = Choice(body, "category", NoticeCategory.All);
        var status = Choice(body, "status", NoticeStatus.All);
        var issuer = body.String("issuer", required: true);
        var headline = body.Text("headline", MaxHeadlineLength, required: true);
        var disaster = body.Text("disaster", 100);
        var validUntil = body.Time("validUntil");
        var errata = ReadErrata(body, isRevision);

        var request = category switch
        {
            NoticeCategory.Evacuation => ReadEvacuation(body),
            NoticeCategory.Shelter => ReadShelters(body),
            NoticeCategory.Headquarters => ReadHeadquarters(body),
            NoticeCategory.Damage => ReadDamage(body),
            NoticeCategory.Notice or NoticeCategory.Event => ReadInformation(body, category),
            _ => null,
        };

        return errors.Any || request is null
            ? null
            : request with
            {
                Category = category!,
                Status = status!,
                Issuer = issuer!,
                Headline = headline!,
                Disaster = disaster,
                ValidUntil = validUntil,
                ErrataReason = errata,
            };
    }

    private static NoticeRequest Empty(IReadOnlyList<AreaRequest> areas) =>
        new(string.Empty, string.Empty, string.Empty, string.Empty, null, null, null, areas, null, null, [], null, null, null, null, null);

    private static NoticeRequest ReadEvacuation(JsonFields body)
    {
        body.Known([.. CommonFields, "hazard", "level", "households", "persons"]);
        var hazard = body.Term("hazard", Terms.Hazard);
        var level = Level(body);
        var households = body.Int("households");
        var persons = body.Int("persons");
        var areas = ReadAreas(body, required: true, evacuation: true);

        if (level is null && areas.Any(a => a.Level is null && a.State == AreaStates.Issued) && !body.Has("level"))
        {
            body.Errors.Add("level", "required-for-evacuation", "避難情報には level（3 高齢者等避難、4 避難指示、5 緊急安全確保）が必要です（全体または地域ごと）。",
                "An evacuation notice needs a level (3 高齢者等避難, 4 避難指示, 5 緊急安全確保), overall or per area.");
        }

        // A top-level level applies to areas without their own; top-level counts to the one area without its own.
        var withoutCounts = areas.Count(a => a.Households is null && a.Persons is null);
        areas = [.. areas.Select(a => a with
        {
            Level = a.Level ?? level,
            Households = a.Households ?? (withoutCounts == 1 && a.Persons is null ? households : null),
            Persons = a.Persons ?? (withoutCounts == 1 && a.Households is null ? persons : null),
        })];
        return Empty(areas) with { Hazard = hazard, Level = level, Households = households, Persons = persons };
    }

    private static NoticeRequest ReadShelters(JsonFields body)
    {
        body.Known([.. CommonFields, "shelters"]);
        var areas = ReadAreas(body, required: false, evacuation: false);
        var shelters = new List<ShelterRequest>();
        foreach (var (element, path) in body.Array("shelters", MaxShelters, required: true, nonEmpty: true) ?? [])
        {
            var fields = JsonFields.Of(element, path, body.Errors);
            if (fields is null)
            {
                continue;
            }

            fields.Known("municipality", "name", "address", "location", "type", "status", "capacity", "crowding", "persons", "households", "checkedAt");
            var municipality = fields.String("municipality", required: true);
            var name = fields.Text("name", MaxNameLength, required: true);
            var address = fields.Text("address", MaxNameLength);
            var location = fields.Object("location");
            double? latitude = null, longitude = null;
            if (location is not null)
            {
                location.Known("lat", "lon");
                latitude = location.Number("lat", 20, 46.5, required: true);
                longitude = location.Number("lon", 122, 154.5, required: true);
            }

            var type = fields.Term("type", Terms.ShelterType);
            var status = fields.Term("status", Terms.ShelterStatus, required: true);
            var capacity = fields.Int("capacity");
            var crowding = fields.Term("crowding", Terms.Crowding);
            var persons = fields.Int("persons");
            var households = fields.Int("households");
            var checkedAt = fields.Time("checkedAt");
            if (municipality is not null && name is not null && status is not null)
            {
                shelters.Add(new ShelterRequest(path, municipality, new Shelter(
                    municipality, name, address, latitude, longitude, type, status, capacity, crowding, persons, households, checkedAt)));
            }
        }

        foreach (var duplicate in shelters.GroupBy(s => (s.Municipality, s.Shelter.Name)).Where(g => g.Count() > 1))
        {
            var path = duplicate.Skip(1).First().Path;
            body.Errors.Add(path, "unique-shelter", $"{path}: 避難所「{duplicate.Key.Name}」が重複しています。", $"{path}: shelter '{duplicate.Key.Name}' is listed twice.");
        }

        return Empty(areas) with { Shelters = shelters };
    }

    private static NoticeRequest ReadHeadquarters(JsonFields body)
    {
        body.Known([.. CommonFields, "headquarters"]);
        var areas = ReadAreas(body, required: false, evacuation: false);
        var fields = body.Object("headquarters", required: true);
        HeadquartersStatus? headquarters = null;
        if (fields is not null)
        {
            fields.Known("type", "state", "at");
            var type = fields.Term("type", Terms.HeadquartersType, required: true);
            var state = fields.Term("state", Terms.HeadquartersState, required: true);
            var at = fields.Time("at");
            headquarters = type is null || state is null ? null : new HeadquartersStatus(type, state, at);
        }

        return Empty(areas) with { Headquarters = headquarters };
    }

    private static NoticeRequest ReadDamage(JsonFields body)
    {
        body.Known([.. CommonFields, "damage"]);
        var areas = ReadAreas(body, required: false, evacuation: false);
        var fields = body.Object("damage", required: true);
        if (fields is null)
        {
            return Empty(areas);
        }

        fields.Known("human", "houses", "other");
        HumanDamage? human = null;
        if (fields.Object("human") is { } h)
        {
            h.Known("dead", "missing", "seriouslyInjured", "slightlyInjured");
            human = new HumanDamage(h.Int("dead") ?? 0, h.Int("missing") ?? 0, h.Int("seriouslyInjured") ?? 0, h.Int("slightlyInjured") ?? 0);
        }

        HouseDamage? houses = null;
        if (fields.Object("houses") is { } x)
        {
            x.Known("destroyed", "halfDestroyed", "partiallyDamaged", "floodedAboveFloor", "floodedBelowFloor", "unit");
            var unit = x.String("unit") ?? "棟";
            if (unit is not ("棟" or "世帯"))
            {
                body.Errors.Add(x.PathOf("unit"), "allowed-value", "住家被害の単位は 棟 または 世帯 です。", "House damage is counted in 棟 (buildings) or 世帯 (households).");
            }

            houses = new HouseDamage(x.Int("destroyed") ?? 0, x.Int("halfDestroyed") ?? 0, x.Int("partiallyDamaged") ?? 0,
                x.Int("floodedAboveFloor") ?? 0, x.Int("floodedBelowFloor") ?? 0, unit);
        }

        var other = new List<OtherDamage>();
        foreach (var (element, path) in fields.Array("other", 200) ?? [])
        {
            if (JsonFields.Of(element, path, body.Errors) is { } o)
            {
                o.Known("item", "count", "unit");
                var item = o.Text("item", 100, required: true);
                var count = o.Int("count", required: true);
                var unit = o.Text("unit", 10, required: true);
                if (item is not null && count is not null && unit is not null)
                {
                    other.Add(new OtherDamage(item, count.Value, unit));
                }
            }
        }

        if (human is null && houses is null && other.Count == 0 && !body.Errors.Any)
        {
            body.Errors.Add("damage", "non-empty", "damage には human、houses、other のいずれかが必要です。", "damage needs human, houses or other.");
        }

        return Empty(areas) with { Damage = new DamageReport(human, houses, other) };
    }

    private static NoticeRequest ReadInformation(JsonFields body, string category)
    {
        body.Known([.. CommonFields, "information"]);
        var areas = ReadAreas(body, required: false, evacuation: false);
        var fields = body.Object("information", required: true);
        Information? information = null;
        if (fields is not null)
        {
            fields.Known("category", "subcategory", "title", "text", "url");
            var infoCategory = category == NoticeCategory.Notice ? fields.Text("category", 50) : null;
            var subcategory = category == NoticeCategory.Notice ? fields.Text("subcategory", 50) : null;
            var title = fields.Text("title", MaxHeadlineLength, required: true);
            var text = fields.Text("text", MaxTextLength, multiline: true);
            var url = fields.String("url");
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url.Length > 2000))
            {
                body.Errors.Add(fields.PathOf("url"), "http-url", "url は http(s) の絶対 URL にしてください。", "url must be an absolute http(s) URL.");
            }

            information = title is null ? null : new Information(infoCategory, subcategory, title, text, url);
        }

        return Empty(areas) with { Information = information };
    }

    private static List<AreaRequest> ReadAreas(JsonFields body, bool required, bool evacuation)
    {
        var areas = new List<AreaRequest>();
        foreach (var (element, path) in body.Array("areas", MaxAreas, required, nonEmpty: required) ?? [])
        {
            var fields = JsonFields.Of(element, path, body.Errors);
            if (fields is null)
            {
                continue;
            }

            fields.Known(evacuation
                ? ["municipality", "name", "geometry", "polygon", "circle", "level", "state", "households", "persons"]
                : ["municipality", "name", "geometry", "polygon", "circle"]);
            var municipality = fields.String("municipality");
            var name = fields.Text("name", MaxNameLength);
            var shape = ShapeInput.Read(fields);
            var level = evacuation ? Level(fields) : null;
            var state = (evacuation ? fields.Term("state", Terms.AreaState) : null) ?? AreaStates.Issued;
            var households = evacuation ? fields.Int("households") : null;
            var persons = evacuation ? fields.Int("persons") : null;
            if (municipality is null && shape.IsEmpty)
            {
                body.Errors.Add(path, "municipality-or-geometry", $"{path} には municipality（市区町村コード）か、範囲（geometry・polygon・circle）が必要です。",
                    $"{path} needs a municipality (code) or a shape (geometry, polygon or circle).");
            }

            areas.Add(new AreaRequest(path, municipality, name, shape, level, state, households, persons));
        }

        foreach (var duplicate in areas.GroupBy(a => (a.Municipality, a.Name)).Where(g => g.Count() > 1 && g.Key.Municipality is not null))
        {
            var path = duplicate.Skip(1).First().Path;
            body.Errors.Add(path, "unique-area", $"{path}: 同じ地域（{duplicate.Key.Municipality} {duplicate.Key.Name}）が重複しています。",
                $"{path}: the same area ({duplicate.Key.Municipality} {duplicate.Key.Name}) is listed twice.");
        }

        return areas;
    }

    private static int? Level(JsonFields fields) =>
        fields.Term("level", Terms.EvacuationLevel) is { } code ? int.Parse(code, CultureInfo.InvariantCulture) : null;

    private static string? Choice(JsonFields body, string field, IReadOnlySet<string> allowed)
    {
        var value = body.String(field, required: true);
        if (value is not null && !allowed.Contains(value))
        {
            var list = string.Join(", ", allowed.Order(StringComparer.Ordinal));
            body.Errors.Add(field, "allowed-value", $"{field} は次のいずれかです: {list}", $"{field} must be one of: {list}");
            return null;
        }

        return value;
    }

    private static string? ReadErrata(JsonFields body, bool isRevision)
    {
        var errata = body.Object("errata");
        if (errata is null)
        {
            return null;
        }

        if (!isRevision)
        {
            body.Errors.Add("errata", "errata-on-revision", "訂正（errata）は既存のお知らせの改訂（PUT）でのみ指定できます。", "errata (a correction) is only for revisions (PUT) of an existing notice.");
            return null;
        }

        errata.Known("reason");
        return errata.Text("reason", 500, required: true);
    }
}
