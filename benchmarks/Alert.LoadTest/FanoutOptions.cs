using System.Globalization;
using System.Net;

namespace Alert.LoadTest;

/// <summary>
/// Settings of the fan-out run: <c>--subscribers N --notices M [--hosts H] [--url URL] [--out result.json]</c>
/// and the less common <c>--warmup W</c>, <c>--per-process K</c> (connections per client process, under the
/// 20,000 open files a process may hold), <c>--sources S</c> (loopback source addresses to spread over), <c>--verbose</c>
/// (every notice's accept and last-receipt times, to see warm-up and outliers), <c>--sequential</c> (all of AlertHub's
/// measured notices, then all of the floor's, instead of alternating them).
/// </summary>
internal sealed record FanoutOptions(
    int Subscribers, int Notices, int Hosts, Uri? Url, string? Out, int Warmup, int PerProcess, IReadOnlyList<IPAddress> Sources,
    string IssuerKey, string SubscriberKey, bool Verbose, bool Sequential)
{
    public static FanoutOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Number(string name, int fallback, int min, int max)
        {
            var value = Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return value >= min && value <= max ? value : throw new ArgumentException($"{name} must be from {min} to {max}.");
        }

        var url = Value("--url") is { } given ? new Uri(given) : null;
        if (url is { IsLoopback: false })
        {
            throw new ArgumentException("The load tool only targets hosts on loopback.");
        }

        var sources = Number("--sources", 4, 1, 250);
        return new FanoutOptions(
            Number("--subscribers", 1000, 1, 200_000),
            Number("--notices", 100, 1, 100_000),
            Number("--hosts", 1, 1, 8),
            url,
            Value("--out"),
            // A host with 10,000 connections keeps getting faster for about 60 notices (tiered compilation, thread pool,
            // buffer pools filling): measured latency fell from ~230 to ~150 ms over the first 70 after 10 warm-up.
            Number("--warmup", 60, 0, 10_000),
            Number("--per-process", 12_000, 100, 18_000),
            [.. Enumerable.Range(2, sources).Select(i => IPAddress.Parse($"127.0.0.{i}"))],
            Value("--issuer-key") ?? "dev-prefecture-13",
            Value("--subscriber-key") ?? "dev-broadcaster",
            args.Contains("--verbose"),
            args.Contains("--sequential"));
    }
}
