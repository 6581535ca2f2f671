namespace Alert.Geo.Matching;

/// <summary>Something an issuer should know about an alert area, in Japanese and English.</summary>
public sealed record MatchWarning(string Code, string Message, string MessageEn);
