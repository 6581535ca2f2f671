using Alert.Contracts.Notices;

namespace Alert.Silo.Tests;

internal static class TestEnvelopes
{
    public static NoticeSubmission Submission(string prefecture = "13", string headline = "避難指示", string status = NoticeStatus.Actual) => new(
        prefecture, NoticeCategory.Evacuation, status, prefecture + "101", headline, 4,
        [new NoticeArea(prefecture + "101", "丸の内一丁目", null)], 120, 300, [prefecture + "101"], prefecture + "101");

    public static NoticeEnvelope Envelope(string prefecture, long sequence, string? id = null, int revision = 1) => new(
        prefecture, sequence, id ?? NoticeId.Create(prefecture, Guid.CreateVersion7()), revision, NoticeCategory.Evacuation, NoticeStatus.Actual,
        prefecture + "101", $"避難指示 {sequence}", 4,
        [new NoticeArea(prefecture + "101", "丸の内一丁目", """{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.68]]]}""")],
        120, 300, [prefecture + "101"], "13101", new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero).AddSeconds(sequence), null);
}
