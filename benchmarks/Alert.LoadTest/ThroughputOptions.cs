using System.Globalization;

namespace Alert.LoadTest;

/// <summary>Settings of the <c>throughput</c> run; every run is bounded in count and time and targets loopback only.</summary>
internal sealed record ThroughputOptions(Uri Url, int Notices, int Subscribers, int Concurrency, string IssuerKey, string SubscriberKey)
{
    public static ThroughputOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var url = new Uri(Value("--url", "http://127.0.0.1:5080"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException("The load tool only targets hosts on loopback.");
        }

        return new ThroughputOptions(
            url,
            int.Parse(Value("--notices", "500"), CultureInfo.InvariantCulture),
            int.Parse(Value("--subscribers", "50"), CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency", "8"), CultureInfo.InvariantCulture),
            Value("--issuer-key", "dev-prefecture-13"),
            Value("--subscriber-key", "dev-broadcaster"));
    }
}
