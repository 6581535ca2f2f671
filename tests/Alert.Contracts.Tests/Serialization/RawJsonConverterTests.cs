using System.Text.Json;
using Alert.Contracts.Notices;

namespace Alert.Contracts.Tests.Serialization;

public sealed class RawJsonConverterTests
{
    [Fact]
    public void Geometry_is_written_as_a_json_object_and_read_back_as_text()
    {
        var area = new NoticeArea("13101", "丸の内一丁目", """{"type":"Polygon","coordinates":[[[139.76,35.68],[139.77,35.68],[139.77,35.69],[139.76,35.68]]]}""");

        var json = JsonSerializer.Serialize(area);
        using var document = JsonDocument.Parse(json);
        var back = JsonSerializer.Deserialize<NoticeArea>(json)!;

        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("Geometry").ValueKind);
        Assert.Equal(area, back);
    }

    [Fact]
    public void Missing_geometry_is_null_both_ways()
    {
        var area = new NoticeArea("13101", null, null);

        var json = JsonSerializer.Serialize(area);

        Assert.Contains("\"Geometry\":null", json, StringComparison.Ordinal);
        Assert.Equal(area, JsonSerializer.Deserialize<NoticeArea>(json));
    }
}
