using Alert.Contracts.Notices;
using Alert.Contracts.Sequencing;

namespace Alert.Silo.Tests;

internal static class TestEnvelopes
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A general notice (お知らせ): one document per submission, unique unless the headline repeats.</summary>
    public static NoticeSubmission Submission(string prefecture = "13", string? headline = null, string status = NoticeStatus.Actual)
    {
        var title = headline ?? $"お知らせ {Guid.NewGuid():N}";
        return new(prefecture, NoticeCategory.Notice, status, prefecture + "101",
            new NoticeContent(title, null, null, null, [], null, null, [], null, null, new Information("交通", "道路", title, "通行止め", null)),
            [prefecture + "101"], prefecture + "101", "127.0.0.1", null, null);
    }

    /// <summary>An evacuation snapshot for <paramref name="areas"/> (municipality, name, level, state).</summary>
    public static NoticeSubmission Evacuation(
        string prefecture, string issuer, string? disaster, params (string Municipality, string Name, int Level, string State)[] areas) =>
        new(prefecture, NoticeCategory.Evacuation, NoticeStatus.Actual, issuer,
            new NoticeContent("避難情報", disaster, "flood", areas.Where(a => a.State == AreaStates.Issued).Max(a => (int?)a.Level),
                [.. areas.Select(a => new NoticeArea(a.Municipality, a.Name, null, a.Level, a.State, 10, 20))], null, null, [], null, null, null),
            [.. areas.Select(a => a.Municipality).Distinct().Order(StringComparer.Ordinal)], issuer, "192.0.2.10", null, null);

    public static NoticeEnvelope Envelope(string prefecture, long sequence, string? id = null, int revision = 1) => new(
        prefecture, sequence, id ?? NoticeId.Create(prefecture, Guid.CreateVersion7()), revision, revision == 1 ? NoticeKind.Issued : NoticeKind.Updated,
        NoticeCategory.Evacuation, NoticeStatus.Actual, prefecture + "101",
        new NoticeContent($"避難指示 {sequence}", "台風第10号", "flood", 4,
            [new NoticeArea(prefecture + "101", "丸の内一丁目", """{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.68]]]}""", 4, AreaStates.Issued, 120, 300)],
            120, 300, [], null, null, null),
        [prefecture + "101"], [], null, Epoch.AddDays(3), "13101", "127.0.0.1", Epoch.AddSeconds(sequence), null);

    /// <summary>Issues and insists it was accepted.</summary>
    public static async Task<AcceptedNotice> Accept(this IPrefectureGrain grain, NoticeSubmission submission)
    {
        var outcome = await grain.Issue(submission);
        Assert.Equal(NoticeOutcomes.Accepted, outcome.Result);
        return outcome.Notice!;
    }
}
