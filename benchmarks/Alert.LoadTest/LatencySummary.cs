using System.Globalization;

namespace Alert.LoadTest;

/// <summary>Percentiles of a set of latencies in milliseconds.</summary>
internal sealed record LatencySummary(string Name, int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(string name, IReadOnlyCollection<double> milliseconds)
    {
        return new LatencySummary(name, milliseconds.Count, Percentiles.Of(milliseconds, 0.50), Percentiles.Of(milliseconds, 0.95),
            Percentiles.Of(milliseconds, 0.99), Percentiles.Of(milliseconds, 1.0));
    }

    public string Row(LatencySummary baseline) => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Count} | {P50:F2} | {P95:F2} | {P99:F2} | {Max:F2} | {P50 / baseline.P50:F1} |");
}
