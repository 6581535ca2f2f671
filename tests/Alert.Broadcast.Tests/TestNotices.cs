using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;

namespace Alert.Broadcast.Tests;

internal static class TestNotices
{
    /// <summary>A general notice (お知らせ) issued by the prefecture for one of its municipalities.</summary>
    public static NoticeSubmission Information(string prefecture, string headline, string status = NoticeStatus.Actual) => new(
        prefecture, NoticeCategory.Notice, status, prefecture,
        new NoticeContent(headline, null, null, null, [], null, null, [], null, null, new Information(null, null, headline, null, null)),
        [prefecture + "201"], prefecture, "127.0.0.1", null, null);

    public static NoticeEnvelope Envelope(string prefecture, long sequence, string status = NoticeStatus.Actual) => new(
        prefecture, sequence, NoticeId.Create(prefecture, Guid.CreateVersion7()), 1, NoticeKind.Issued, NoticeCategory.Notice, status, prefecture,
        new NoticeContent("h", null, null, null, [], null, null, [], null, null, new Information(null, null, "h", null, null)),
        [], [], null, DateTimeOffset.UnixEpoch.AddDays(1), prefecture, "127.0.0.1", DateTimeOffset.UnixEpoch, null);

    public static async Task<AcceptedNotice> AcceptAsync(this IPrefectureGrain grain, NoticeSubmission submission)
    {
        var outcome = await grain.Issue(submission);
        Assert.Equal(NoticeOutcomes.Accepted, outcome.Result);
        return outcome.Notice!;
    }
}
