using System.Text.Json;
using Alert.Contracts.Notices;
using CsCheck;
using Google.Protobuf;

namespace Alert.Contracts.Tests.Notices;

public sealed class NoticeEnvelopeProtobufTests
{
    private static Gen<string> OneOf(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<DateTimeOffset> Times = Gen.Long[0, 4_000_000_000_000].Select(DateTimeOffset.FromUnixTimeMilliseconds);

    private static readonly Gen<NoticeArea> Areas = Gen.Select(
        Gen.Int[1000, 47999].Select(i => i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture)).Null(),
        Gen.String[1, 20].Null(),
        Gen.Const("""{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.68]]]}""").Null(),
        Gen.Int[3, 5].Nullable(),
        OneOf(AreaStates.Issued, AreaStates.Lifted).Null(),
        Gen.Int[0, 100_000].Nullable(),
        (m, n, g, level, state, count) => new NoticeArea(m, n, g, level, state, count, count * 2));

    private static readonly Gen<Shelter> Shelters = Gen.Select(
        Gen.String[1, 20], Gen.Double[24, 45].Nullable(), OneOf("opened", "closed", "not-opened", "permanent"),
        Gen.Int[0, 5000].Nullable(), Times.Nullable(),
        (name, lat, status, capacity, checkedAt) => new Shelter("13101", name, "千代田区", lat, lat is null ? null : 139.7, "designated", status, capacity, "available", capacity, capacity, checkedAt));

    private static readonly Gen<NoticeContent> Contents = Gen.Select(
        Gen.String[1, 40], Gen.String[1, 10].Null(), Gen.Int[3, 5].Nullable(), Areas.Array[0, 4], Shelters.Array[0, 3], Gen.Bool,
        (headline, disaster, level, areas, shelters, bodies) => new NoticeContent(
            headline, disaster, "flood", level, areas, level, level, shelters,
            bodies ? new HeadquartersStatus("countermeasures", "established", DateTimeOffset.UnixEpoch) : null,
            bodies ? new DamageReport(new HumanDamage(0, 1, 2, 3), new HouseDamage(1, 2, 3, 4, 5, "棟"), [new OtherDamage("道路損壊", 3, "箇所")]) : null,
            bodies ? new Information("交通", "道路", "通行止め", "迂回してください", "https://example.jp") : null));

    private static readonly Gen<NoticeEnvelope> Envelopes = Gen.Select(
        Gen.Select(Gen.Int[1, 47], Gen.Long[1, long.MaxValue], Gen.Guid, Gen.Int[1, 1000]),
        Contents,
        Gen.Select(Times, Gen.Bool, OneOf(NoticeKind.Issued, NoticeKind.Corrected, NoticeKind.Cancelled)),
        (identity, content, timing) =>
        {
            var (prefecture, sequence, unique, revision) = identity;
            var (acceptedAt, published, kind) = timing;
            var pref = prefecture.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            return new NoticeEnvelope(pref, sequence, NoticeId.Create(pref, unique), revision, kind, NoticeCategory.Evacuation, NoticeStatus.Actual,
                pref + "101", content, [pref + "101"], [new ItemChange(pref + "101/一丁目", ItemChangeKind.Changed, ["level"])],
                kind == NoticeKind.Issued ? null : new Errata("誤り", acceptedAt), acceptedAt.AddDays(3), pref, string.Empty,
                acceptedAt, published ? acceptedAt.AddMilliseconds(3) : null);
        });

    [Fact]
    public void Envelopes_survive_a_protobuf_round_trip()
    {
        Envelopes.Sample(envelope =>
        {
            var back = NoticeEnvelopeProtobuf.FromProtobuf(Protos.NoticeEnvelope.Parser.ParseFrom(envelope.ToProtobuf().ToByteArray()));

            // Records holding lists compare lists by reference, so compare their JSON.
            Assert.Equal(JsonSerializer.Serialize(envelope), JsonSerializer.Serialize(back));
        }, iter: 1000);
    }
}
