namespace Alert.LoadTest;

/// <summary>Nearest-rank percentiles, the one definition every table of the load tool uses.</summary>
internal static class Percentiles
{
    /// <summary>The value at quantile <paramref name="q"/> (0–1) of the values, or NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
