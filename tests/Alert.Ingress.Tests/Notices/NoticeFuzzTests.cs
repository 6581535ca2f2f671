using System.Security.Claims;
using System.Text;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using CsCheck;

namespace Alert.Ingress.Tests.Notices;

/// <summary>
/// Generated and mutated bodies for the JSON door's parser, reader and resolver, as the door runs them: nothing throws,
/// every refusal names a field and a rule in both languages. <c>ALERTHUB_FUZZ_ITER</c> sets the iterations (a long run:
/// docs/SECURITY.md).
/// </summary>
public sealed class NoticeFuzzTests(GeographyFixture fixture) : IClassFixture<GeographyFixture>
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("ALERTHUB_FUZZ_ITER"), out var n) ? n : 300;

    private static readonly string[] Seeds =
    [
        """{"category":"evacuation","status":"actual","issuer":"13101","headline":"避難指示","level":4,"areas":[{"municipality":"13101","name":"丸の内一丁目","households":120}]}""",
        """{"category":"evacuation","status":"exercise","issuer":"13","headline":"避難指示","areas":[{"name":"範囲","level":5,"geometry":{"type":"Polygon","coordinates":[[[139.75,35.68],[139.76,35.68],[139.76,35.69],[139.75,35.68]]]}}]}""",
        """{"category":"shelter","status":"actual","issuer":"13101","headline":"避難所開設","shelters":[{"municipality":"13101","name":"小学校","status":"open","location":{"lat":35.68,"lon":139.76},"capacity":300}]}""",
        """{"category":"damage","status":"actual","issuer":"13101","headline":"被害","damage":{"human":{"dead":0,"missing":1},"houses":{"destroyed":2,"unit":"棟"},"other":[{"item":"道路","count":3,"unit":"箇所"}]}}""",
        """{"category":"notice","status":"test","issuer":"13101","headline":"お知らせ","areas":[{"name":"範囲","polygon":"35.68,139.75 35.68,139.76 35.69,139.76 35.68,139.75"}],"information":{"title":"断水","url":"https://example.jp/"}}""",
        """{"category":"headquarters","status":"actual","issuer":"13101","headline":"本部","headquarters":{"type":"災害対策本部","state":"設置","at":"2026-12-01T09:00:00+09:00"},"areas":[{"name":"円","circle":{"lat":35.68,"lon":139.76,"radiusKm":0.5}}]}""",
    ];

    private IssuerScope Scope { get; } = new(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(AlertHubClaims.Organisation, "13"), new Claim(AlertHubClaims.IssuePrefecture, "13")], "test")));

    private void Run(byte[] body)
    {
        var (document, problem) = JsonRequests.Parse(body);
        if (document is null)
        {
            Assert.False(string.IsNullOrEmpty(problem!.Detail) || string.IsNullOrEmpty(problem.DetailEn));
            return;
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var request = NoticeRequestReader.Read(document.RootElement, errors);
            Assert.All(errors.All, e => Assert.False(string.IsNullOrEmpty(e.Field) || string.IsNullOrEmpty(e.Rule) || string.IsNullOrEmpty(e.Message) || string.IsNullOrEmpty(e.MessageEn)));
            if (request is not null)
            {
                var (_, _, resolveErrors) = new NoticeResolver(fixture.Geography).Resolve(request, Scope, "127.0.0.1", DateTimeOffset.UtcNow);
                Assert.All(resolveErrors.All, e => Assert.False(string.IsNullOrEmpty(e.Rule) || string.IsNullOrEmpty(e.MessageEn)));
            }
        }
    }

    [Fact]
    public void Mutated_bodies_never_throw() =>
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[1, 4], Gen.Byte).Sample((which, at, count, value) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Seeds[which]);
            for (var i = 0; i < count; i++)
            {
                bytes[(int)((at + (i * 7_919L)) % bytes.Length)] = value;
            }

            Run(bytes);
        }, iter: Iterations);

    [Fact]
    public void Seeds_with_generated_values_never_throw()
    {
        var values = Gen.OneOf(
            Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e308"),
            Gen.String.Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
            Gen.Const("null"), Gen.Const("[]"), Gen.Const("{}"), Gen.Const("true"), Gen.Const("[[[[1]]]]"));
        Gen.Select(Gen.Int[0, Seeds.Length - 1], values, Gen.Int[0, 40]).Sample((which, value, position) =>
        {
            // Replace the position-th scalar of a seed with a generated value: types and ranges the reader must refuse by name.
            var seed = Seeds[which];
            var index = -1;
            for (var k = 0; k <= position; k++)
            {
                index = seed.IndexOf(':', index + 1);
                if (index < 0)
                {
                    return;
                }
            }

            var end = seed.IndexOfAny([',', '}', ']'], index + 1);
            if (end < 0 || seed[index + 1] is '{' or '[')
            {
                return;
            }

            Run(Encoding.UTF8.GetBytes(string.Concat(seed.AsSpan(0, index + 1), value, seed.AsSpan(end))));
        }, iter: Iterations);
    }
}
