using System.Globalization;

namespace Alert.LoadTest;

/// <summary>Percentiles of a set of latencies in milliseconds.</summary>
internal sealed record LatencySummary(string Name, int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(string name, IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencySummary(name, sorted.Length, At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    public string Row(LatencySummary baseline) => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Count} | {P50:F2} | {P95:F2} | {P99:F2} | {Max:F2} | {P50 / baseline.P50:F1} |");
}
