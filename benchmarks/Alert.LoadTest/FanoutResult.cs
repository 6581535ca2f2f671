namespace Alert.LoadTest;

/// <summary>What <c>--out result.json</c> holds (camelCase): the figures of docs/BENCHMARKS.md, with the machine and date.</summary>
internal sealed record FanoutResult(
    int Subscribers,
    int Notices,
    int Hosts,
    int Connected,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double FloorP50Ms,
    double FloorP95Ms,
    double FloorP99Ms,
    double FloorMaxMs,
    double Ratio,
    long Lost,
    long Duplicates,
    long FloorLost,
    long FloorDuplicates,
    double AcceptP50Ms,
    double AcceptP99Ms,
    int ClientProcesses,
    int SourceAddresses,
    string Machine,
    DateTimeOffset StartedAt);
