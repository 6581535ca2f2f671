using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alert.LoadTest;

/// <summary>
/// The fan-out run. AlertHub: N subscribers (SignalR over WebSocket) on H hosts, each notice timed from just before its
/// ingest request to the moment the last subscriber received it. The floor: the same N connections' worth of bare
/// Kestrel WebSockets (split over H servers the same way) sent the same bytes, timed from just before the send to the
/// last receipt. Both are up at once and their measured notices alternate, one at a time (AlertHub then floor, then
/// floor then AlertHub, ...), so a machine that slows down or speeds up during the run weighs on both sides of the
/// ratio alike; <c>--sequential</c> measures all of AlertHub's notices and then all of the floor's instead. Lost and
/// duplicated envelopes are counted from what every connection reports. Ratio: AlertHub p99 / floor p99.
/// </summary>
internal static partial class FanoutRun
{
    private const string Prefecture = "13";
    private static readonly TimeSpan PerMessageLimit = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(FanoutOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var machine = $"{Environment.ProcessorCount} logical cores, {Cpu()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
        Console.Error.WriteLine($"AlertHub fan-out: {options.Subscribers} subscribers, {options.Notices} notices (+{options.Warmup} warm-up), {options.Hosts} host(s), {(options.Sequential ? "sequential" : "interleaved")}; {machine}");

        await using var hub = await HubSide.StartAsync(options);
        await hub.WarmUpAsync();
        await using var floor = await FloorSide.StartAsync(options, await hub.SampleAsync());
        await floor.WarmUpAsync();

        await hub.BeginMeasuringAsync();
        if (options.Sequential)
        {
            for (var i = 0; i < options.Notices; i++)
            {
                await hub.MeasureOneAsync(i);
            }

            for (var i = 0; i < options.Notices; i++)
            {
                await floor.MeasureOneAsync(i);
            }
        }
        else
        {
            for (var i = 0; i < options.Notices; i++)
            {
                // Alternating who goes first keeps either side from always following the other's notice.
                var (first, second) = i % 2 == 0 ? ((ISide)hub, (ISide)floor) : (floor, hub);
                await first.MeasureOneAsync(i);
                await second.MeasureOneAsync(i);
            }
        }

        var hubResult = await hub.FinishAsync();
        var floorResult = await floor.FinishAsync();

        var result = new FanoutResult(
            options.Subscribers, options.Notices, options.Hosts, hubResult.Connected,
            Percentile(hubResult.Latencies, 0.50), Percentile(hubResult.Latencies, 0.95), Percentile(hubResult.Latencies, 0.99), hubResult.Latencies.DefaultIfEmpty(double.NaN).Max(),
            Percentile(floorResult.Latencies, 0.50), Percentile(floorResult.Latencies, 0.95), Percentile(floorResult.Latencies, 0.99), floorResult.Latencies.DefaultIfEmpty(double.NaN).Max(),
            Math.Round(Percentile(hubResult.Latencies, 0.99) / Percentile(floorResult.Latencies, 0.99), 2),
            hubResult.Lost, hubResult.Duplicates, floorResult.Lost, floorResult.Duplicates,
            Percentile(hubResult.Accepts, 0.50), Percentile(hubResult.Accepts, 0.99),
            Math.Round(hubResult.CpuMsPerNotice, 1), Math.Round(floorResult.CpuMsPerNotice, 1),
            options.Sequential ? "sequential" : "interleaved",
            hubResult.Processes, options.Sources.Count, machine, started);

        Console.WriteLine($"AlertHub fan-out, {started:yyyy-MM-dd HH:mm} UTC; {machine}");
        Console.WriteLine($"{options.Subscribers} subscribers on {options.Hosts} host(s) over {hubResult.Processes} client process(es) and {options.Sources.Count} source addresses; {options.Notices} notices each after {options.Warmup} warm-up, {result.Order}");
        Console.WriteLine();
        Console.WriteLine("| run | p50 ms | p95 ms | p99 ms | max ms | lost | duplicates |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(Row("floor: bare Kestrel WebSocket, same bytes (baseline)", floorResult.Latencies, floorResult.Lost, floorResult.Duplicates));
        Console.WriteLine(Row("AlertHub: ingest request → last subscriber", hubResult.Latencies, hubResult.Lost, hubResult.Duplicates));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (AlertHub p99 / floor p99): {result.Ratio:F2}; accepted (POST → 201, fsynced): p50 {result.AcceptP50Ms:F2} ms, p99 {result.AcceptP99Ms:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server processor time per measured notice, while it was in flight: AlertHub host(s) {result.HostCpuMsPerNotice:F1} ms, floor server(s) {result.FloorCpuMsPerNotice:F1} ms"));
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            Console.WriteLine($"written: {path}");
        }

        return hubResult.Lost == 0 && hubResult.Duplicates == 0 && hubResult.Connected == options.Subscribers ? 0 : 1;
    }

    private interface ISide
    {
        Task MeasureOneAsync(int index);
    }

    /// <summary>AlertHub's side: its hosts (or <c>--url</c>) and its subscribers; each notice is a real ingest request.</summary>
    private sealed class HubSide(FanoutOptions options, HostCluster? cluster, IReadOnlyList<Uri> urls, ClientFleet clients, HttpClient http) : ISide, IAsyncDisposable
    {
        private readonly string _run = Guid.NewGuid().ToString("N")[..8];
        private readonly List<double> _latencies = [];
        private readonly List<double> _accepts = [];
        private readonly List<long> _measured = [];
        private int _issued;
        private double _pauseBefore;
        private TimeSpan _cpu;

        public static async Task<HubSide> StartAsync(FanoutOptions options)
        {
            var cluster = options.Url is null ? await HostCluster.StartAsync(options.Hosts, SiloAssembly()) : null;
            var urls = cluster?.Urls ?? [options.Url!];
            Console.Error.WriteLine($"AlertHub: hosts {string.Join(", ", urls)}");
            var clients = await ClientFleet.StartAsync("hub", options.Subscribers, options.PerProcess, urls, options.Sources, options.SubscriberKey, Prefecture);
            var http = new HttpClient { BaseAddress = urls[0], Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.IssuerKey);
            return new HubSide(options, cluster, urls, clients, http);
        }

        public async Task WarmUpAsync()
        {
            for (var i = 0; i < options.Warmup; i++)
            {
                var (_, _, latency) = await IssueAsync();
                Progress("AlertHub", i, options.Warmup, latency, warm: true);
            }
        }

        /// <summary>A notice frame as the subscribers received it: the floor sends these same bytes.</summary>
        public async Task<byte[]> SampleAsync()
        {
            if (options.Warmup == 0)
            {
                await IssueAsync();
            }

            var (_, _, _, sample) = await clients.ReportAsync();
            return sample is null ? throw new InvalidOperationException("No notice was received.") : Convert.FromBase64String(sample);
        }

        public async Task BeginMeasuringAsync() => _pauseBefore = await GcPauseSecondsAsync(http, urls);

        public async Task MeasureOneAsync(int index)
        {
            var before = cluster?.CpuTime ?? TimeSpan.Zero;
            var (sequence, accepted, latency) = await IssueAsync();
            _cpu += (cluster?.CpuTime ?? TimeSpan.Zero) - before;
            _measured.Add(sequence);
            _accepts.Add(accepted);
            if (!double.IsNaN(latency))
            {
                _latencies.Add(latency);
            }

            Progress("AlertHub", index, options.Notices, latency, warm: false);
        }

        public async Task<PhaseResult> FinishAsync()
        {
            var pauses = await GcPauseSecondsAsync(http, urls) - _pauseBefore;
            var (received, duplicates, open, _) = await clients.ReportAsync();
            var lost = _measured.Sum(s => (long)clients.Connected - received.GetValueOrDefault(s));
            Console.Error.WriteLine($"AlertHub: {open}/{clients.Connected} connections still open; lost {lost}, duplicates {duplicates}");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AlertHub: the hosts' garbage collections paused them {pauses * 1000:F0} ms in all during the measured notices"));
            return new PhaseResult(_latencies, _accepts, lost, duplicates, clients.Connected, clients.Processes,
                cluster is null ? double.NaN : _cpu.TotalMilliseconds / options.Notices);
        }

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await clients.DisposeAsync();
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }

        private async Task<(long Sequence, double AcceptedMs, double LatencyMs)> IssueAsync()
        {
            var i = _issued++;
            var issuer = $"13{101 + (i % 23):000}";
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/api/v1/notices", new
            {
                category = "evacuation",
                status = "actual",
                issuer,
                headline = "避難指示（緊急）",
                disaster = $"負荷試験 {_run} {i}", // every notice its own: re-sending an identical one is rightly a no-op
                level = 4,
                areas = new[] { new { municipality = issuer, name = "全域" } },
                households = 1200,
                persons = 2800,
            });
            var accepted = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode != System.Net.HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Expected 201, got {(int)response.StatusCode}: {body}");
            }

            var sequence = body.GetProperty("sequence").GetInt64();
            var last = await clients.LastArrivalAsync(sequence, PerMessageLimit);
            var latency = last is { } at ? Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds : double.NaN;
            if (options.Verbose)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    AlertHub notice {i + 1} at {DateTime.UtcNow:HH:mm:ss.fff}: accepted {accepted:F1} ms, last subscriber {latency:F1} ms"));
            }

            return (sequence, accepted, latency);
        }
    }

    /// <summary>The floor's side: bare Kestrel WebSocket servers, the same split, the same bytes.</summary>
    private sealed class FloorSide(FanoutOptions options, List<ChildProcess> servers, List<Uri> urls, ClientFleet clients, HttpClient http, string text) : ISide, IAsyncDisposable
    {
        private readonly List<double> _latencies = [];
        private readonly List<long> _measured = [];
        private long _sequence;
        private TimeSpan _cpu;

        public static async Task<FloorSide> StartAsync(FanoutOptions options, byte[] sample)
        {
            var ports = HostCluster.FreePorts(options.Hosts);
            // The floor runs with the same runtime settings as the hosts.
            var servers = ports.Select(p => ChildProcess.Start([ChildProcess.Self, "floor", p.ToString(CultureInfo.InvariantCulture)],
                new Dictionary<string, string> { [HostCluster.PoolSetting.Name] = HostCluster.PoolSetting.Value })).ToList();
            var urls = ports.Select(p => new Uri($"http://127.0.0.1:{p}")).ToList();
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            foreach (var url in urls)
            {
                await WaitForAsync(http, new Uri(url, "/count"));
            }

            Console.Error.WriteLine($"floor: servers {string.Join(", ", urls)}");
            var clients = await ClientFleet.StartAsync("floor", options.Subscribers, options.PerProcess, urls, options.Sources, "-", Prefecture);
            return new FloorSide(options, servers, urls, clients, http, Encoding.UTF8.GetString(sample));
        }

        public async Task WarmUpAsync()
        {
            for (var i = 0; i < options.Warmup; i++)
            {
                Progress("floor", i, options.Warmup, (await SendAsync()).LatencyMs, warm: true);
            }
        }

        public async Task MeasureOneAsync(int index)
        {
            var before = CpuTime(servers);
            var (sequence, latency) = await SendAsync();
            _cpu += CpuTime(servers) - before;
            _measured.Add(sequence);
            if (!double.IsNaN(latency))
            {
                _latencies.Add(latency);
            }

            Progress("floor", index, options.Notices, latency, warm: false);
        }

        public async Task<PhaseResult> FinishAsync()
        {
            var (received, duplicates, _, _) = await clients.ReportAsync();
            var lost = _measured.Sum(s => (long)clients.Connected - received.GetValueOrDefault(s));
            return new PhaseResult(_latencies, [], lost, duplicates, clients.Connected, clients.Processes, _cpu.TotalMilliseconds / options.Notices);
        }

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await clients.DisposeAsync();
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }

        private async Task<(long Sequence, double LatencyMs)> SendAsync()
        {
            var sequence = ++_sequence;
            var payload = Encoding.UTF8.GetBytes(SequenceProperty().Replace(text, $"\"sequence\":{sequence}", 1));
            var t0 = Stopwatch.GetTimestamp();
            await Task.WhenAll(urls.Select(async url =>
            {
                using var response = await http.PostAsync(new Uri(url, "/send"), new ByteArrayContent(payload));
                response.EnsureSuccessStatusCode();
            }));
            var last = await clients.LastArrivalAsync(sequence, PerMessageLimit);
            return (sequence, last is { } at ? Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds : double.NaN);
        }
    }

    // The hosts' own runtime metrics (/metrics): total GC pause time, summed over hosts.
    private static async Task<double> GcPauseSecondsAsync(HttpClient http, IReadOnlyList<Uri> urls)
    {
        var total = 0.0;
        foreach (var url in urls)
        {
            var text = await http.GetStringAsync(new Uri(url, "/metrics"));
            var match = Regex.Match(text, @"^dotnet_gc_pause_time_seconds_total\{[^}]*\} ([0-9.eE+-]+)", RegexOptions.Multiline);
            total += match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }

        return total;
    }

    private static void Progress(string side, int i, int total, double milliseconds, bool warm)
    {
        if (i == total - 1 || i % Math.Max(1, total / 10) == 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {side}: {i + 1}/{total}{(warm ? " (warm-up)" : "")}: {milliseconds:F1} ms to the last subscriber"));
        }
    }

    private static async Task WaitForAsync(HttpClient http, Uri url)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"{url} did not answer.");
    }

    internal static string SiloAssembly()
    {
        // The tool runs from benchmarks/Alert.LoadTest/bin/<Configuration>/net10.0; the host was built beside it.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = directory.Parent!.Name;
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AlertHub.slnx")))
        {
            directory = directory.Parent;
        }

        var silo = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("AlertHub.slnx not found above the tool."),
            "src", "Alert.Silo", "bin", configuration, "net10.0", "Alert.Silo.dll");
        return File.Exists(silo) ? silo : throw new InvalidOperationException($"{silo} is missing: build the solution in {configuration} first.");
    }

    private static string Cpu()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static double Percentile(List<double> values, double q) => Percentiles.Of(values, q);

    private static string Row(string name, List<double> latencies, long lost, long duplicates) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Percentile(latencies, 0.5):F1} | {Percentile(latencies, 0.95):F1} | {Percentile(latencies, 0.99):F1} | {latencies.DefaultIfEmpty(double.NaN).Max():F1} | {lost} | {duplicates} |");

    [GeneratedRegex("\"sequence\":\\d+")]
    private static partial Regex SequenceProperty();

    private static TimeSpan CpuTime(List<ChildProcess> processes) => processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime);

    private sealed record PhaseResult(List<double> Latencies, List<double> Accepts, long Lost, long Duplicates, int Connected, int Processes, double CpuMsPerNotice);
}
