namespace Alert.Geo.GeoJson;

/// <summary>Why a GeoJSON geometry was refused: the JSON path, the rule broken, and a message in Japanese and English.</summary>
public sealed record GeometryError(string Path, string Rule, string Message, string MessageEn);
