using System.Text.Json.Serialization;
using Alert.Contracts.Notices;

namespace Alert.Silo.Journal;

/// <summary>Source-generated JSON for envelopes stored in the journal.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NoticeEnvelope))]
[JsonSerializable(typeof(NoticeContent))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
