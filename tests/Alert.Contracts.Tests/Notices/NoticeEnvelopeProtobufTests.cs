using Alert.Contracts.Notices;
using CsCheck;
using Google.Protobuf;

namespace Alert.Contracts.Tests.Notices;

public sealed class NoticeEnvelopeProtobufTests
{
    private static readonly Gen<NoticeArea> Areas = Gen.Select(
        Gen.Int[1000, 47999].Select(i => i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture)).Null(),
        Gen.String[1, 20].Null(),
        Gen.Const("""{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.68]]]}""").Null(),
        (m, n, g) => new NoticeArea(m, n, g));

    private static readonly Gen<NoticeEnvelope> Envelopes = Gen.Select(
        Gen.Select(Gen.Int[1, 47], Gen.Long[1, long.MaxValue], Gen.Guid, Gen.Int[1, 1000]),
        Gen.Select(Gen.String[1, 40], Gen.Int[3, 5].Nullable(), Areas.Array[0, 5]),
        Gen.Select(Gen.Int[0, 1_000_000].Nullable(), Gen.Long[0, 4_000_000_000_000]),
        (identity, body, numbers) =>
        {
            var (prefecture, sequence, unique, revision) = identity;
            var (headline, level, areas) = body;
            var (count, millis) = numbers;
            var pref = prefecture.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            var acceptedAt = DateTimeOffset.FromUnixTimeMilliseconds(millis);
            return new NoticeEnvelope(pref, sequence, NoticeId.Create(pref, unique), revision, NoticeCategory.Evacuation, NoticeStatus.Actual,
                pref + "101", headline, level, areas, count, count, [pref + "101"], string.Empty, acceptedAt, acceptedAt.AddMilliseconds(3));
        });

    [Fact]
    public void Envelopes_survive_a_protobuf_round_trip()
    {
        Envelopes.Sample(envelope =>
        {
            var bytes = envelope.ToProtobuf().ToByteArray();
            var back = NoticeEnvelopeProtobuf.FromProtobuf(Protos.NoticeEnvelope.Parser.ParseFrom(bytes));

            Assert.Equal(envelope with { Areas = [], AffectedMunicipalities = [] }, back with { Areas = [], AffectedMunicipalities = [] });
            Assert.Equal(envelope.Areas, back.Areas);
            Assert.Equal(envelope.AffectedMunicipalities, back.AffectedMunicipalities);
        }, iter: 2000);
    }
}
