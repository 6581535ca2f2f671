using System.Text;
using Alert.Contracts.Problems;

namespace Alert.Contracts.Tests.Problems;

/// <summary>
/// The shared JSON body parser: what would only fail when a field is read (invalid UTF-8, an unpaired surrogate spelt as
/// a <c>\u</c> escape) is refused up front with a bilingual problem naming its rule; proper escapes stay accepted.
/// </summary>
public sealed class JsonRequestsTests
{
    [Theory]
    [InlineData("""{"headline":"\uDE38"}""", "unicode-escape")]
    [InlineData("""{"headline":"before \uD800 after"}""", "unicode-escape")]
    [InlineData("""{"\uDC00":1}""", "unicode-escape")]
    [InlineData("""{"areas":[{"name":"x"},{"name":"\uD83D"}]}""", "unicode-escape")]
    public void Unpaired_surrogate_escapes_are_refused_with_a_bilingual_problem(string body, string rule)
    {
        var (document, problem) = JsonRequests.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(document);
        Assert.Equal(400, problem!.Status);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal(rule, error.Rule);
        Assert.Contains("サロゲート", error.Message, StringComparison.Ordinal);
        Assert.Contains("surrogate", error.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"headline":"\uD83D\uDE00 避難"}""", "😀 避難")]
    [InlineData("""{"headline":"\u907F\u96E3"}""", "避難")]
    [InlineData("""{"headline":"line\nbreak \"quoted\""}""", "line\nbreak \"quoted\"")]
    public void Proper_escapes_are_accepted_and_read_as_written(string body, string headline)
    {
        var (document, problem) = JsonRequests.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(problem);
        using (document)
        {
            Assert.Equal(headline, document!.RootElement.GetProperty("headline").GetString());
        }
    }

    [Fact]
    public void Invalid_utf8_is_refused_before_parsing()
    {
        byte[] body = [.. "{\"headline\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var (document, problem) = JsonRequests.Parse(body);

        Assert.Null(document);
        Assert.Equal("utf-8", Assert.Single(problem!.Errors!).Rule);
    }
}
