namespace Alert.Contracts.Broadcasting;

/// <summary>The 47 prefecture codes 01…47, each with its own sequencer.</summary>
public static class PrefectureCodes
{
    public static readonly IReadOnlyList<string> All =
        [.. Enumerable.Range(1, 47).Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];

    public static bool IsValid(string? code) => code is { Length: 2 } && All.Contains(code);
}
