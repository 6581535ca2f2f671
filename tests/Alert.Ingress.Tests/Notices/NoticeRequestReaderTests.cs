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
    [InlineData("""{"category":"notice","issuer":"13101","headline":"h","areas":[{"municipality":"13101"}]}""", "status", "required")]
    [InlineData("""{"category":"notice","status":"Actual","issuer":"13101","headline":"h","areas":[{"municipality":"13101"}]}""", "status", "allowed-value")]
    [InlineData("""{"category":"notice","status":"actual","issuer":13101,"headline":"h","areas":[{"municipality":"13101"}]}""", "issuer", "type")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"  ","areas":[{"municipality":"13101"}]}""", "headline", "not-blank")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"a\u202Eb","areas":[{"municipality":"13101"}]}""", "headline", "printable-text")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"a\u0007b","areas":[{"municipality":"13101"}]}""", "headline", "printable-text")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","areas":[{"municipality":"13101"}]}""", "level", "required-for-evacuation")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":2,"areas":[{"municipality":"13101"}]}""", "level", "evacuation-level")]
    [InlineData("""{"category":"evacuation","status":"actual","issuer":"13101","headline":"h","level":4.5,"areas":[{"municipality":"13101"}]}""", "level", "type")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"h"}""", "areas", "required")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"h","areas":[]}""", "areas", "non-empty")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"h","areas":[{"name":"どこか"}]}""", "areas[0]", "municipality-or-geometry")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"h","areas":[{"municipality":"13101","lvl":4}]}""", "areas[0].lvl", "known-field")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"h","areas":[{"municipality":"13101"}],"persons":-1}""", "persons", "non-negative")]
    [InlineData("""{"category":"notice","status":"actual","issuer":"13101","headline":"h","areas":[{"municipality":"13101"}],"levle":4}""", "levle", "known-field")]
    [InlineData("""[]""", "$", "object")]
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
        var (_, errors) = Read($$"""{"category":"notice","status":"actual","issuer":"13101","headline":"{{new string('避', NoticeRequestReader.MaxHeadlineLength + 1)}}","areas":[{"municipality":"13101"}]}""");

        Assert.Equal("max-length", Assert.Single(errors.All).Rule);
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
