using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alert.Ingress.Geography;

/// <summary>GeoJSON text that serialises as a JSON object, not as a string.</summary>
[JsonConverter(typeof(Converter))]
internal sealed record RawGeometry(string Json)
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed class Converter : JsonConverter<RawGeometry>
    {
        public override RawGeometry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, RawGeometry value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
