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

    /// <summary>An evacuation notice for one area of a municipality, with the issuer's polygon when given.</summary>
    public static NoticeSubmission Evacuation(string prefecture, string municipality, int level, string disaster, string? geometry = null) => new(
        prefecture, NoticeCategory.Evacuation, NoticeStatus.Actual, municipality,
        new NoticeContent("避難指示", disaster, "flood", level, [new NoticeArea(municipality, $"{disaster}地区", geometry, level, AreaStates.Issued, 10, 25)], 10, 25, [], null, null, null),
        [municipality], municipality, "127.0.0.1", null, null);

    /// <summary>A shelter opening in a municipality.</summary>
    public static NoticeSubmission Shelter(string prefecture, string municipality, string disaster) => new(
        prefecture, NoticeCategory.Shelter, NoticeStatus.Actual, municipality,
        new NoticeContent("避難所開設", disaster, null, null, [], null, null,
            [new Shelter(municipality, $"{disaster}避難所", null, null, null, "designated", "opened", 100, "available", 3, 1, null)], null, null, null),
        [municipality], municipality, "127.0.0.1", null, null);

    public static async Task<AcceptedNotice> AcceptAsync(this IPrefectureGrain grain, NoticeSubmission submission)
    {
        var outcome = await grain.Issue(submission);
        Assert.Equal(NoticeOutcomes.Accepted, outcome.Result);
        return outcome.Notice!;
    }
}
