using Alert.Geo.Codes;
using CsCheck;

namespace Alert.Geo.Tests.Codes;

public sealed class LocalGovernmentCodeTests
{
    [Theory]
    [InlineData("13101", 6)] // 千代田区 131016
    [InlineData("28210", 3)] // 加古川市 282103
    [InlineData("01100", 2)] // 札幌市 011002
    [InlineData("14100", 3)] // 横浜市 141003
    [InlineData("27100", 4)] // 大阪市 271004
    public void Computes_published_check_digits(string code, int expected) =>
        Assert.Equal(expected, LocalGovernmentCode.CheckDigit(code));

    [Theory]
    [InlineData("13101", CodeParseResult.Ok, "13101")]
    [InlineData("131016", CodeParseResult.Ok, "13101")]
    [InlineData("131017", CodeParseResult.BadCheckDigit, "")]
    [InlineData("2920100", CodeParseResult.Ok, "29201")] // JMA 7-digit: 奈良市
    [InlineData("2213100", CodeParseResult.Ok, "22131")]
    [InlineData("2213101", CodeParseResult.NotMunicipality, "")] // a warning area, not a municipality
    [InlineData("1310", CodeParseResult.BadFormat, "")]
    [InlineData("13a01", CodeParseResult.BadFormat, "")]
    [InlineData("１３１０１", CodeParseResult.BadFormat, "")]
    [InlineData("", CodeParseResult.Missing, "")]
    [InlineData(null, CodeParseResult.Missing, "")]
    public void Normalises_five_and_six_digit_codes(string? value, CodeParseResult expected, string normalised)
    {
        Assert.Equal(expected, LocalGovernmentCode.TryNormalise(value, out var code));
        Assert.Equal(normalised, code);
    }

    [Fact]
    public void Every_code_with_its_own_check_digit_is_accepted_and_every_other_digit_refused()
    {
        Gen.Int[0, 99_999].Sample(n =>
        {
            var five = n.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
            var digit = LocalGovernmentCode.CheckDigit(five);
            for (var d = 0; d < 10; d++)
            {
                var expected = d == digit ? CodeParseResult.Ok : CodeParseResult.BadCheckDigit;
                if (LocalGovernmentCode.TryNormalise(five + d, out _) != expected)
                {
                    return false;
                }
            }

            return true;
        }, iter: 2000);
    }

    [Theory]
    [InlineData("01", true)]
    [InlineData("47", true)]
    [InlineData("00", false)]
    [InlineData("48", false)]
    [InlineData("1", false)]
    [InlineData("ab", false)]
    public void Recognises_prefecture_codes(string value, bool valid) =>
        Assert.Equal(valid, LocalGovernmentCode.IsPrefectureCode(value));
}
