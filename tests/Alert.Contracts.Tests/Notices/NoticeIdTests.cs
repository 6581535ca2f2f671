using Alert.Contracts.Notices;
using CsCheck;

namespace Alert.Contracts.Tests.Notices;

public sealed class NoticeIdTests
{
    [Fact]
    public void Every_created_id_names_its_prefecture()
    {
        Gen.Select(Gen.Int[1, 47], Gen.Guid).Sample((prefecture, unique) =>
        {
            var code = prefecture.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            return NoticeId.TryGetPrefecture(NoticeId.Create(code, unique), out var read) && read == code;
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("13")]
    [InlineData("13-")]
    [InlineData("13_0123456789abcdef0123456789abcdef")]
    [InlineData("1a-0123456789abcdef0123456789abcdef")]
    [InlineData("13-0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("13-0123456789abcdef0123456789abcdeg")]
    [InlineData("13-0123456789abcdef0123456789abcdef0")]
    [InlineData("13-../../etc/passwd00000000000000000")]
    public void Anything_else_is_not_an_id(string? candidate) =>
        Assert.False(NoticeId.TryGetPrefecture(candidate, out _));
}
