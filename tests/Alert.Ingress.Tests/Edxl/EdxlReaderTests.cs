using System.Text;
using Alert.Ingress.Edxl;
using Alert.Ingress.Validation;
using CsCheck;

namespace Alert.Ingress.Tests.Edxl;

public sealed class EdxlReaderTests
{
    private static byte[] Fmmc() => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(Cap.CapFixtures.Directory)!, "lalert", "fmmc-example-envelope.xml"));

    [Fact]
    public void FMMCs_example_envelope_parses()
    {
        var (document, refusal) = SafeXml.Parse(Fmmc());
        Assert.Null(refusal);

        var (message, errors) = EdxlReader.Read(document!.Root!);

        Assert.Empty(errors);
        Assert.Equal(("Actual", "Update", "EvacuationOrder"), (message!.DistributionStatus, message.DistributionType, message.Category));
        Assert.Equal(["28210"], message.TargetCodes); // 加古川市 282103
        Assert.Equal("editor.city.kakogawa.hyogo.jp", message.SenderId);
        Assert.NotNull(message.Body);
    }

    [Fact]
    public void The_example_cannot_be_ingested_as_it_lacks_a_document_id()
    {
        var (document, _) = SafeXml.Parse(Fmmc());
        var (message, _) = EdxlReader.Read(document!.Root!);

        var (request, errors) = EdxlNoticeMapper.Map(message!, "28210");

        Assert.Null(request);
        Assert.Contains(errors, e => e is { Rule: "required", Path: "/EDXLDistribution/contentObject/documentID" });
    }

    [Fact]
    public void Missing_envelope_fields_and_bad_vocabularies_are_named()
    {
        var text = Encoding.UTF8.GetString(Fmmc())
            .Replace("<edxlde:distributionStatus>Actual</edxlde:distributionStatus>", string.Empty, StringComparison.Ordinal)
            .Replace("<edxlde:distributionType>Update</edxlde:distributionType>", "<edxlde:distributionType>Broadcast</edxlde:distributionType>", StringComparison.Ordinal)
            .Replace("282103", "282104", StringComparison.Ordinal);
        var (document, _) = SafeXml.Parse(Encoding.UTF8.GetBytes(text));

        var (message, errors) = EdxlReader.Read(document!.Root!);

        Assert.Null(message);
        Assert.Contains(errors, e => e is { Rule: "required", Path: "/EDXLDistribution/distributionStatus" });
        Assert.Contains(errors, e => e is { Rule: "allowed-value", Path: "/EDXLDistribution/distributionType" });
        Assert.Contains(errors, e => e.Rule == "check-digit");
    }

    [Fact]
    public void Mutated_envelopes_never_throw()
    {
        var sample = Fmmc();
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 6], Gen.Byte).Sample((at, count, value) =>
        {
            var bytes = (byte[])sample.Clone();
            for (var i = 0; i < count; i++)
            {
                bytes[(int)((at + (i * 104_729L)) % bytes.Length)] = value; // long: at + i × 104729 overflows int near int.MaxValue
            }

            var (document, refusal) = SafeXml.Parse(bytes);
            if (document is not null)
            {
                var (message, errors) = EdxlReader.Read(document.Root!);
                if (message is not null)
                {
                    EdxlNoticeMapper.Map(message, "28210");
                }

                Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Message) || string.IsNullOrEmpty(e.MessageEn)));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(refusal!.MessageEn));
            }
        }, iter: 300);
    }
}
