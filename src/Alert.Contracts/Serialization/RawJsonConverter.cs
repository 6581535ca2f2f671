using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alert.Contracts.Serialization;

/// <summary>
/// Keeps a JSON value (a GeoJSON geometry) as its text inside records, and writes it back as JSON rather than as a
/// string, so subscribers get a real GeoJSON object next to each area name.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value, skipInputValidation: false);
        }
    }
}
