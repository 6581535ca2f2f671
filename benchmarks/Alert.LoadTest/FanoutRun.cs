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
/// The fan-out run. Phase 1, AlertHub: N subscribers (SignalR over WebSocket) on H hosts; W warm-up notices, then M
/// notices one at a time, each timed from just before its ingest request to the moment the last subscriber received
/// it. Phase 2, the floor: the same N connections' worth of bare Kestrel WebSockets (split over H servers the same
/// way) sent the same bytes W + M times, timed from just before the send to the last receipt. Lost and duplicated
/// envelopes are counted from what every connection reports. Ratio: AlertHub p99 / floor p99.
/// </summary>
internal static partial class FanoutRun
{
    private const string Prefecture = "13";
    private static readonly TimeSpan PerMessageLimit = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(FanoutOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var machine = $"{Environment.ProcessorCount} logical cores, {Cpu()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
        Console.Error.WriteLine($"AlertHub fan-out: {options.Subscribers} subscribers, {options.Notices} notices (+{options.Warmup} warm-up), {options.Hosts} host(s); {machine}");

        // Phase 1: AlertHub.
        var hub = await MeasureHubAsync(options);

        // Phase 2: the floor, the same split over the same number of servers.
        var floor = await MeasureFloorAsync(options, hub.Sample);

        var result = new FanoutResult(
            options.Subscribers, options.Notices, options.Hosts, hub.Connected,
            Percentile(hub.Latencies, 0.50), Percentile(hub.Latencies, 0.95), Percentile(hub.Latencies, 0.99), hub.Latencies.DefaultIfEmpty(double.NaN).Max(),
            Percentile(floor.Latencies, 0.50), Percentile(floor.Latencies, 0.95), Percentile(floor.Latencies, 0.99), floor.Latencies.DefaultIfEmpty(double.NaN).Max(),
            Math.Round(Percentile(hub.Latencies, 0.99) / Percentile(floor.Latencies, 0.99), 2),
            hub.Lost, hub.Duplicates, floor.Lost, floor.Duplicates,
            Percentile(hub.Accepts, 0.50), Percentile(hub.Accepts, 0.99),
            hub.Processes, options.Sources.Count, machine, started);

        Console.WriteLine($"AlertHub fan-out, {started:yyyy-MM-dd HH:mm} UTC; {machine}");
        Console.WriteLine($"{options.Subscribers} subscribers on {options.Hosts} host(s) over {hub.Processes} client process(es) and {options.Sources.Count} source addresses; {options.Notices} notices after {options.Warmup} warm-up");
        Console.WriteLine();
        Console.WriteLine("| run | p50 ms | p95 ms | p99 ms | max ms | lost | duplicates |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(Row("floor: bare Kestrel WebSocket, same bytes (baseline)", floor.Latencies, floor.Lost, floor.Duplicates));
        Console.WriteLine(Row("AlertHub: ingest request → last subscriber", hub.Latencies, hub.Lost, hub.Duplicates));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (AlertHub p99 / floor p99): {result.Ratio:F2}; accepted (POST → 201, fsynced): p50 {result.AcceptP50Ms:F2} ms, p99 {result.AcceptP99Ms:F2} ms"));
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            Console.WriteLine($"written: {path}");
        }

        return hub.Lost == 0 && hub.Duplicates == 0 && hub.Connected == options.Subscribers ? 0 : 1;
    }

    private static async Task<PhaseResult> MeasureHubAsync(FanoutOptions options)
    {
        await using var cluster = options.Url is null ? await HostCluster.StartAsync(options.Hosts, SiloAssembly()) : null;
        var urls = cluster?.Urls ?? [options.Url!];
        Console.Error.WriteLine($"AlertHub: hosts {string.Join(", ", urls)}");
        await using var clients = await ClientFleet.StartAsync("hub", options.Subscribers, options.PerProcess, urls, options.Sources, options.SubscriberKey, Prefecture);
        using var http = new HttpClient { BaseAddress = urls[0], Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.IssuerKey);

        var run = Guid.NewGuid().ToString("N")[..8];
        var (latencies, accepts, measured) = (new List<double>(), new List<double>(), new List<long>());
        var pauseBefore = 0.0;
        for (var i = 0; i < options.Warmup + options.Notices; i++)
        {
            var warm = i < options.Warmup;
            if (i == options.Warmup)
            {
                pauseBefore = await GcPauseSecondsAsync(http, urls);
            }

            var issuer = $"13{101 + (i % 23):000}";
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/api/v1/notices", new
            {
                category = "evacuation",
                status = "actual",
                issuer,
                headline = "避難指示（緊急）",
                disaster = $"負荷試験 {run} {i}", // every notice its own: re-sending an identical one is rightly a no-op
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
            if (!warm)
            {
                measured.Add(sequence);
                accepts.Add(accepted);
                if (last is { } at)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
                }
            }

            Progress("AlertHub", i, options, last is { } ticks ? Stopwatch.GetElapsedTime(t0, ticks).TotalMilliseconds : double.NaN);
            if (options.Verbose)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    notice {i + 1} at {DateTime.UtcNow:HH:mm:ss.fff}: accepted {accepted:F1} ms, last subscriber {(last is { } end ? Stopwatch.GetElapsedTime(t0, end).TotalMilliseconds : double.NaN):F1} ms"));
            }
        }

        var pauses = await GcPauseSecondsAsync(http, urls) - pauseBefore;
        var (received, duplicates, open, sample) = await clients.ReportAsync();
        var lost = measured.Sum(s => (long)clients.Connected - received.GetValueOrDefault(s));
        Console.Error.WriteLine($"AlertHub: {open}/{clients.Connected} connections still open; lost {lost}, duplicates {duplicates}");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AlertHub: the hosts' garbage collections paused them {pauses * 1000:F0} ms in all during the measured notices"));
        return new PhaseResult(latencies, accepts, lost, duplicates, clients.Connected, clients.Processes,
            sample is null ? throw new InvalidOperationException("No notice was received.") : Convert.FromBase64String(sample));
    }

    private static async Task<PhaseResult> MeasureFloorAsync(FanoutOptions options, byte[] sample)
    {
        var ports = HostCluster.FreePorts(options.Hosts);
        // The floor runs with the same runtime settings as the hosts.
        var servers = ports.Select(p => ChildProcess.Start([ChildProcess.Self, "floor", p.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { [HostCluster.PoolSetting.Name] = HostCluster.PoolSetting.Value })).ToList();
        try
        {
            var urls = ports.Select(p => new Uri($"http://127.0.0.1:{p}")).ToList();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            foreach (var url in urls)
            {
                await WaitForAsync(http, new Uri(url, "/count"));
            }

            Console.Error.WriteLine($"floor: servers {string.Join(", ", urls)}");
            await using var clients = await ClientFleet.StartAsync("floor", options.Subscribers, options.PerProcess, urls, options.Sources, "-", Prefecture);
            var (latencies, measured) = (new List<double>(), new List<long>());
            var text = Encoding.UTF8.GetString(sample);
            for (var i = 0; i < options.Warmup + options.Notices; i++)
            {
                var sequence = i + 1L;
                var payload = Encoding.UTF8.GetBytes(SequenceProperty().Replace(text, $"\"sequence\":{sequence}", 1));
                var t0 = Stopwatch.GetTimestamp();
                await Task.WhenAll(urls.Select(async url =>
                {
                    using var response = await http.PostAsync(new Uri(url, "/send"), new ByteArrayContent(payload));
                    response.EnsureSuccessStatusCode();
                }));
                var last = await clients.LastArrivalAsync(sequence, PerMessageLimit);
                if (i >= options.Warmup)
                {
                    measured.Add(sequence);
                    if (last is { } at)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
                    }
                }

                Progress("floor", i, options, last is { } ticks ? Stopwatch.GetElapsedTime(t0, ticks).TotalMilliseconds : double.NaN);
            }

            var (received, duplicates, _, _) = await clients.ReportAsync();
            var lost = measured.Sum(s => (long)clients.Connected - received.GetValueOrDefault(s));
            return new PhaseResult(latencies, [], lost, duplicates, clients.Connected, clients.Processes, sample);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
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

    private static void Progress(string phase, int i, FanoutOptions options, double milliseconds)
    {
        var total = options.Warmup + options.Notices;
        if (i == total - 1 || i % Math.Max(1, total / 20) == 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase}: {i + 1}/{total}{(i < options.Warmup ? " (warm-up)" : "")}: {milliseconds:F1} ms to the last subscriber"));
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

    private sealed record PhaseResult(List<double> Latencies, List<double> Accepts, long Lost, long Duplicates, int Connected, int Processes, byte[] Sample);
}
