using System.Text;
using Alert.Ingress.Cap;
using CsCheck;

namespace Alert.Ingress.Tests.Cap;

public sealed class CapValidatorTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>JP-13101-0001</identifier>
          <sender>bousai@city.chiyoda.lg.jp</sender>
          <sent>2026-11-25T09:00:00+09:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
        """;

    private static string Alert(string area, string extra = "") => Head + extra + $"""
          <info>
            <category>Safety</category>
            <event>避難指示</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Likely</certainty>
            <area>
              <areaDesc>千代田区</areaDesc>
              {area}
            </area>
          </info>
        </alert>
        """;

    private static CapValidation Validate(string xml) => CapValidator.Validate(Encoding.UTF8.GetBytes(xml));

    public static TheoryData<string> Samples() => [.. CapFixtures.Messages.Select(p => Path.GetFileName(p))];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_real_sample_validates(string name)
    {
        var result = CapValidator.Validate(CapFixtures.Read(name));

        Assert.True(result.Valid, string.Join("\n", result.Errors.Select(e => $"{e.Path} {e.Rule} {e.MessageEn}")));
    }

    [Fact]
    public void A_well_formed_alert_with_a_closed_polygon_has_no_findings()
    {
        var result = Validate(Alert("<polygon>35.68,139.75 35.68,139.76 35.69,139.76 35.68,139.75</polygon>"));

        Assert.True(result.Valid);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_unclosed_polygon_is_closed_with_a_warning_and_prefixes_and_padding_are_accepted()
    {
        var xml = Alert("<polygon>  35.68,139.75 35.68,139.76\n 35.69,139.76 </polygon>").Replace("<status>Actual</status>", "<status> Actual </status>", StringComparison.Ordinal);
        var prefixed = xml.Replace("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", "<cap:alert xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\">", StringComparison.Ordinal)
            .Replace("</alert>", "</cap:alert>", StringComparison.Ordinal);
        prefixed = System.Text.RegularExpressions.Regex.Replace(prefixed, @"<(/?)(?!cap:|\?)(\w+)", "<$1cap:$2");

        var result = Validate(prefixed);

        Assert.True(result.Valid, string.Join("\n", result.Errors.Select(e => e.MessageEn)));
        Assert.Equal("polygon-closed", Assert.Single(result.Warnings).Rule);
    }

    [Theory]
    [InlineData("<polygon>35.68,139.75 35.68,139.76 35.68,139.75</polygon>", "polygon-min-points", "/alert/info[1]/area[1]/polygon[1]")]
    [InlineData("<polygon>139.75,35.68 139.76,35.68 139.76,35.69 139.75,35.68</polygon>", "coordinate-range", "/alert/info[1]/area[1]/polygon[1]")]
    [InlineData("<polygon>35.68,139.75 NaN,139.76 35.69,139.76 35.68,139.75</polygon>", "polygon-point", "/alert/info[1]/area[1]/polygon[1]")]
    [InlineData("<circle>35.68,139.75</circle>", "circle-format", "/alert/info[1]/area[1]/circle[1]")]
    [InlineData("<circle>35.68,139.75 -1</circle>", "circle-format", "/alert/info[1]/area[1]/circle[1]")]
    public void Broken_shapes_are_named_by_path_and_rule(string area, string rule, string path)
    {
        var finding = Assert.Single(Validate(Alert(area)).Errors);

        Assert.Equal((rule, path), (finding.Rule, finding.Path));
        Assert.NotEmpty(finding.Message);
        Assert.NotEmpty(finding.MessageEn);
    }

    [Fact]
    public void Semantic_rules_the_schema_cannot_express()
    {
        Assert.Contains(Validate(Alert("", "<references>a,b</references>")).Errors, e => e.Rule == "references-triple");
        Assert.Contains(Validate(Alert("").Replace("<scope>Public</scope>", "<scope>Restricted</scope>", StringComparison.Ordinal)).Errors, e => e.Rule == "restriction-required");
        Assert.Contains(Validate(Alert("").Replace("<identifier>JP-13101-0001</identifier>", "<identifier>JP 13101,1</identifier>", StringComparison.Ordinal)).Errors, e => e.Rule == "restricted-characters");
        var expired = Alert("").Replace("<urgency>", "<expires>2026-11-24T09:00:00+09:00</expires><urgency>", StringComparison.Ordinal);
        Assert.Contains(Validate(expired).Errors, e => e.Rule == "schema"); // expires is out of schema order here
        var ordered = Alert("").Replace("<areaDesc>", "<areaDesc>", StringComparison.Ordinal).Replace("<certainty>Likely</certainty>", "<certainty>Likely</certainty><expires>2026-11-24T09:00:00+09:00</expires>", StringComparison.Ordinal);
        Assert.Contains(Validate(ordered).Errors, e => e.Rule == "expires-after-sent");
        Assert.Contains(Validate(Alert("").Replace("+09:00</sent>", "Z</sent>", StringComparison.Ordinal).Replace("09:00:00Z", "00:00:00Z", StringComparison.Ordinal)).Errors, e => e is { Rule: "schema", Path: "/alert/sent[1]" });
    }

    [Fact]
    public void Hostile_and_foreign_documents_are_refused_before_anything_is_read()
    {
        var xxe = """<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&x;</alert>""";
        var bomb = """<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><alert>&b;</alert>""";
        var deep = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">" + string.Concat(Enumerable.Repeat("<x>", 100)) + string.Concat(Enumerable.Repeat("</x>", 100)) + "</alert>";
        var old = Head.Replace(":1.2", ":1.1", StringComparison.Ordinal) + "</alert>";

        Assert.Equal("dtd-prohibited", Assert.Single(Validate(xxe).Errors).Rule);
        Assert.Equal("dtd-prohibited", Assert.Single(Validate(bomb).Errors).Rule);
        Assert.Equal("max-depth", Assert.Single(Validate(deep).Errors).Rule);
        Assert.Equal("cap-namespace", Assert.Single(Validate(old).Errors).Rule);
        Assert.Equal("well-formed", Assert.Single(Validate("<alert><unclosed></alert>").Errors).Rule);
        Assert.Equal("well-formed", Assert.Single(CapValidator.Validate(new byte[] { 0x3c, 0x61, 0xff, 0xfe, 0x3e }).Errors).Rule);
    }

    [Fact]
    public void Mutated_real_messages_never_throw_and_always_say_why_when_invalid()
    {
        var samples = CapFixtures.Messages.Select(File.ReadAllBytes).ToArray();
        Gen.Select(Gen.Int[0, samples.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[1, 8], Gen.Byte).Sample((which, at, count, value) =>
        {
            var bytes = (byte[])samples[which].Clone();
            for (var i = 0; i < count; i++)
            {
                bytes[(at + (i * 7919)) % bytes.Length] = value;
            }

            var result = CapValidator.Validate(bytes);
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Rule) || string.IsNullOrEmpty(e.Message) || string.IsNullOrEmpty(e.MessageEn) || string.IsNullOrEmpty(e.Path)));
        }, iter: 300);
    }
}
