using System.Text.Json;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using CsCheck;

namespace Alert.Ingress.Tests.Notices;

public sealed class NoticeRequestReaderTests
{
    private const string ReadmeNotice = """
        {"category":"evacuation","status":"actual","issuer":"13101","headline":"避難指示","level":4,
         "areas":[{"municipality":"13101","name":"丸の内一丁目"}],"households":120,"persons":300}
        """;

    private static (NoticeRequest? Request, ValidationErrors Errors) Read(string json)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(json);
        return (NoticeRequestReader.Read(document.RootElement, errors), errors);
    }

    [Fact]
    public void Reads_the_readme_notice()
    {
        var (request, errors) = Read(ReadmeNotice);

        Assert.False(errors.Any);
        Assert.Equal("evacuation", request!.Category);
        Assert.Equal(4, request.Level);
        Assert.Equal(120, request.Households);
        Assert.Equal("丸の内一丁目", Assert.Single(request.Areas).Name);
    }

    [Theory]
    [InlineData("""{"status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}]}""", "category", "required")]
    [InlineData("""{"category":"quake","status":"actual","issuer":"13101","headline":"h","areas":[{"municipality":"13101"}]}""", "category", "allowed-value")]
    [InlineData("""{"category":"evacuation","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}]}""", "status", "required")]
    [InlineData("""{"category":"evacuation","status":"Actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}]}""", "status", "allowed-value")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"  ","level":4,"areas":[{"municipality":"13101"}]}""", "headline", "not-blank")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":13101,"headline":"h","level":4,"areas":[{"municipality":"13101"}]}""", "issuer", "type")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"a\u202Eb","level":4,"areas":[{"municipality":"13101"}]}""", "headline", "printable-text")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"a\u0007b","level":4,"areas":[{"municipality":"13101"}]}""", "headline", "printable-text")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","areas":[{"municipality":"13101"}]}""", "level", "required-for-evacuation")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":2,"areas":[{"municipality":"13101"}]}""", "level", "allowed-value")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4.5,"areas":[{"municipality":"13101"}]}""", "level", "allowed-value")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101","state":"cancelled"}]}""", "areas[0].state", "allowed-value")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"hazard":"meteor","areas":[{"municipality":"13101"}]}""", "hazard", "allowed-value")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4}""", "areas", "required")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[]}""", "areas", "non-empty")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"name":"どこか"}]}""", "areas[0]", "municipality-or-geometry")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101","lvl":4}]}""", "areas[0].lvl", "known-field")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101","name":"a"},{"municipality":"13101","name":"a"}]}""", "areas[1]", "unique-area")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}],"persons":-1}""", "persons", "range")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}],"levle":4}""", "levle", "known-field")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}],"shelters":[]}""", "shelters", "known-field")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}],"errata":{"reason":"x"}}""", "errata", "errata-on-revision")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"areas":[{"municipality":"13101"}],"validUntil":"2026-11-25 09:00"}""", "validUntil", "date-time")]
    [InlineData("""{"category":"shelter","status":"actual","issuer":"13101","headline":"h"}""", "shelters", "required")]
    [InlineData("""{"category":"shelter","status":"actual","issuer":"13101","headline":"h","shelters":[{"municipality":"13101","name":"x"}]}""", "shelters[0].status", "required")]
    [InlineData("""{"category":"shelter","status":"actual","issuer":"13101","headline":"h","shelters":[{"municipality":"13101","name":"x","status":"開設","crowding":"ぎゅうぎゅう"}]}""", "shelters[0].crowding", "allowed-value")]
    [InlineData("""{"category":"shelter","status":"actual","issuer":"13101","headline":"h","shelters":[{"municipality":"13101","name":"x","status":"開設","location":{"lat":139.7,"lon":35.6}}]}""", "shelters[0].location.lat", "range")]
    [InlineData("""{"category":"shelter","status":"actual","issuer":"13101","headline":"h","shelters":[{"municipality":"13101","name":"x","status":"開設"},{"municipality":"13101","name":"x","status":"閉鎖"}]}""", "shelters[1]", "unique-shelter")]
    [InlineData("""{"category":"headquarters","status":"actual","issuer":"13101","headline":"h","headquarters":{"type":"対策本部"}}""", "headquarters.state", "required")]
    [InlineData("""{"category":"damage","status":"actual","issuer":"13101","headline":"h","damage":{}}""", "damage", "non-empty")]
    [InlineData("""{"category":"damage","status":"actual","issuer":"13101","headline":"h","damage":{"houses":{"destroyed":1,"unit":"軒"}}}""", "damage.houses.unit", "allowed-value")]
    [InlineData("""{"category":"damage","status":"actual","issuer":"13101","headline":"h","damage":{"other":[{"item":"道路損壊","count":3}]}}""", "damage.other[0].unit", "required")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"h","information":{"title":"t","url":"javascript:alert(1)"}}""", "information.url", "http-url")]
    [InlineData("""{"category":"event","status":"actual","issuer":"13101","headline":"h","information":{"text":"t"}}""", "information.title", "required")]
    [InlineData("""[]""", "$", "type")]
    public void Names_the_field_and_rule_it_refuses(string json, string field, string rule)
    {
        var (request, errors) = Read(json);

        Assert.Null(request);
        var error = Assert.Single(errors.All, e => e.Field == field);
        Assert.Equal(rule, error.Rule);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
    }

    [Fact]
    public void Reports_every_broken_rule_at_once()
    {
        var (_, errors) = Read("""{"category":"evacuation","status":"live","issuer":"13101","headline":"","level":9,"areas":[]}""");

        Assert.Equal(["areas", "headline", "level", "status"], errors.All.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Headline_longer_than_the_cap_is_refused()
    {
        var (_, errors) = Read($$"""{"category":"evacuation","status":"actual","issuer":"13101","headline":"{{new string('避', NoticeRequestReader.MaxHeadlineLength + 1)}}","level":4,"areas":[{"municipality":"13101"}]}""");

        Assert.Equal("max-length", Assert.Single(errors.All).Rule);
    }

    [Theory]
    [InlineData("避難準備・高齢者等避難開始", 3)]
    [InlineData("高齢者等避難", 3)]
    [InlineData("避難勧告", 4)]
    [InlineData("避難指示（緊急）", 4)]
    [InlineData("避難指示(緊急)", 4)]
    [InlineData("避難指示", 4)]
    [InlineData("災害発生情報", 5)]
    [InlineData("緊急安全確保", 5)]
    [InlineData("4", 4)]
    public void Legacy_and_current_level_names_map_to_levels(string name, int level)
    {
        var (request, errors) = Read($$"""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":"{{name}}","areas":[{"municipality":"13101"}]}""");

        Assert.False(errors.Any, string.Join("; ", errors.All.Select(e => e.MessageEn)));
        Assert.Equal(level, request!.Level);
        Assert.Equal(level, request.Areas[0].Level);
    }

    [Fact]
    public void Top_level_counts_apply_to_the_single_area_without_its_own()
    {
        var (request, _) = Read("""
            {"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4,"households":120,"persons":300,
             "areas":[{"municipality":"13101","name":"丸の内一丁目"},{"municipality":"13101","name":"大手町","level":5,"state":"発令","households":1,"persons":2}]}
            """);

        Assert.Equal((4, 120, 300), (request!.Areas[0].Level!.Value, request.Areas[0].Households!.Value, request.Areas[0].Persons!.Value));
        Assert.Equal((5, "issued", 1, 2), (request.Areas[1].Level!.Value, request.Areas[1].State, request.Areas[1].Households!.Value, request.Areas[1].Persons!.Value));
    }

    [Fact]
    public void Reads_every_information_kind()
    {
        var shelter = Read("""{"category":"shelter","status":"actual","issuer":"13101","headline":"避難所開設","disaster":"台風第10号","shelters":[{"municipality":"13101","name":"麹町中学校","address":"千代田区麹町2-8","location":{"lat":35.684,"lon":139.739},"type":"指定避難所","status":"開設","capacity":500,"crowding":"空き","persons":12,"households":5,"checkedAt":"2026-11-25T09:00:00+09:00"}]}""");
        var headquarters = Read("""{"category":"headquarters","status":"actual","issuer":"13101","headline":"災害対策本部設置","headquarters":{"type":"災害対策本部","state":"設置","at":"2026-11-25T08:00:00+09:00"}}""");
        var damage = Read("""{"category":"damage","status":"actual","issuer":"13101","headline":"被害状況","damage":{"human":{"dead":0,"missing":1,"seriouslyInjured":2,"slightlyInjured":3},"houses":{"destroyed":1,"floodedAboveFloor":4},"other":[{"item":"道路損壊","count":3,"unit":"箇所"}]}}""");
        var notice = Read("""{"category":"notice","status":"actual","issuer":"13101","headline":"通行止め","information":{"category":"交通","subcategory":"道路","title":"国道20号 通行止め","text":"土砂崩れのため。\n迂回してください。","url":"https://example.jp/road"}}""");
        var @event = Read("""{"category":"event","status":"actual","issuer":"13101","headline":"防災訓練","information":{"title":"防災訓練","text":"9時から"}}""");

        Assert.All(new[] { shelter, headquarters, damage, notice, @event }, r => Assert.False(r.Errors.Any, string.Join("; ", r.Errors.All.Select(e => $"{e.Field}: {e.MessageEn}"))));
        var s = Assert.Single(shelter.Request!.Shelters).Shelter;
        Assert.Equal(("opened", "designated", "available", 500), (s.Status, s.Type, s.Crowding, s.Capacity!.Value));
        Assert.Equal(("countermeasures", "established"), (headquarters.Request!.Headquarters!.Type, headquarters.Request.Headquarters.State));
        Assert.Equal((1, 4, "棟"), (damage.Request!.Damage!.Houses!.Destroyed, damage.Request.Damage.Houses.FloodedAboveFloor, damage.Request.Damage.Houses.Unit));
        Assert.Equal(("交通", "道路"), (notice.Request!.Information!.Category, notice.Request.Information.Subcategory));
        Assert.Equal("防災訓練", @event.Request!.Information!.Title);
    }

    [Fact]
    public void Errata_is_read_on_revisions()
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":3,"areas":[{"municipality":"13101"}],"errata":{"reason":"警戒レベルの誤り"}}""");

        var request = NoticeRequestReader.Read(document.RootElement, errors, isRevision: true);

        Assert.Equal("警戒レベルの誤り", request!.ErrataReason);
    }

    [Fact]
    public void Any_json_object_gives_a_request_or_errors_and_never_throws()
    {
        var values = Gen.OneOf(
            Gen.Const("null"), Gen.Const("4"), Gen.Const("-1"), Gen.Const("1e400"), Gen.Const("\"13101\""), Gen.Const("\"evacuation\""),
            Gen.Const("\"actual\""), Gen.Const("[]"), Gen.Const("{}"), Gen.Const("[{\"municipality\":\"13101\"}]"), Gen.Const("\"\\u0000\""));
        var fields = Gen.Int[0, 8].Select(i => new[] { "category", "status", "issuer", "headline", "level", "areas", "households", "persons", "x" }[i]);
        var bodies = Gen.Select(fields, values).Array[0, 10]
            .Select(pairs => "{" + string.Join(",", pairs.DistinctBy(p => p.Item1).Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}");

        bodies.Sample(json =>
        {
            var (request, errors) = Read(json);
            Assert.True(request is null == errors.Any);
        }, iter: 5000);
    }
}
