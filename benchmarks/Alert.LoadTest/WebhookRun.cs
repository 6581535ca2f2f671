using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Alert.LoadTest;

/// <summary>
/// Webhook isolation (<c>webhooks</c> command): E endpoints on one real Kestrel receiver, first all healthy, then with
/// a share that accepts the connection and never answers. Per notice, the time from the ingest request to the last
/// healthy endpoint's receipt; the healthy endpoints' p99 with dead ones present, over their p99 when all are
/// healthy, shows whether a dead endpoint delays the others (target ≤ 1.2). Ordering and duplicates are checked per
/// endpoint.
/// <c>webhooks --endpoints 500 --dead-percent 10 --notices 50 [--warmup 10] [--out webhooks.json]</c>
/// </summary>
internal static class WebhookRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var endpoints = int.Parse(Value("--endpoints") ?? "500", CultureInfo.InvariantCulture);
        var deadPercent = int.Parse(Value("--dead-percent") ?? "10", CultureInfo.InvariantCulture);
        var notices = int.Parse(Value("--notices") ?? "50", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Value("--warmup") ?? "10", CultureInfo.InvariantCulture);
        var started = DateTimeOffset.UtcNow;
        var machine = $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";

        await using var receiver = await Receiver.StartAsync();
        await using var cluster = await HostCluster.StartAsync(1, FanoutRun.SiloAssembly());
        using var http = new HttpClient { BaseAddress = cluster.Urls[0], Timeout = TimeSpan.FromSeconds(60) };

        // A whole unmeasured round first: otherwise the first measured phase also pays for warming 500 grains and pools.
        _ = await PhaseAsync("warm-up round", "w", 0);
        var healthy = await PhaseAsync("all healthy", "a", 0);
        var dead = endpoints * deadPercent / 100;
        var withDead = await PhaseAsync($"{deadPercent}% never answer", "b", dead);
        var ratio = Math.Round(Percentile(withDead.Latencies, 0.99) / Percentile(healthy.Latencies, 0.99), 2);

        Console.WriteLine($"AlertHub webhooks, {started:yyyy-MM-dd HH:mm} UTC; {machine}");
        Console.WriteLine($"{endpoints} endpoints, {notices} notices after {warmup} warm-up; latency = ingest request → last healthy endpoint's receipt");
        Console.WriteLine();
        Console.WriteLine("| run | healthy endpoints | p50 ms | p95 ms | p99 ms | max ms | out of order or repeated |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(Row("all healthy (baseline)", endpoints, healthy));
        Console.WriteLine(Row($"{dead} of {endpoints} never answer", endpoints - dead, withDead));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (healthy p99 with dead endpoints / all-healthy p99): {ratio:F2}"));
        if (Value("--out") is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
            {
                endpoints, deadEndpoints = dead, notices, warmup,
                healthyP50Ms = Percentile(healthy.Latencies, 0.5), healthyP99Ms = Percentile(healthy.Latencies, 0.99),
                withDeadP50Ms = Percentile(withDead.Latencies, 0.5), withDeadP99Ms = Percentile(withDead.Latencies, 0.99),
                ratio, disorder = healthy.Disorder + withDead.Disorder, machine, startedAt = started,
            }, new JsonSerializerOptions { WriteIndented = true }));
        }

        return healthy.Disorder + withDead.Disorder == 0 ? 0 : 1;

        async Task<Phase> PhaseAsync(string name, string prefix, int deadCount)
        {
            receiver.Reset(prefix, endpoints - deadCount, deadCount);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dev-broadcaster");
            var ids = new List<string>();
            for (var i = 0; i < endpoints; i++)
            {
                using var response = await http.PostAsJsonAsync("/api/v1/webhooks", new
                {
                    url = new Uri(receiver.BaseAddress, $"/{prefix}/{i}"),
                    secret = "load-test-shared-secret-0123456789",
                    prefectures = new[] { "13" },
                });
                response.EnsureSuccessStatusCode();
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }

            Console.Error.WriteLine($"{name}: {endpoints} webhooks registered");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dev-prefecture-13");
            var latencies = new List<double>();
            var run = Guid.NewGuid().ToString("N")[..8];
            for (var i = 0; i < warmup + notices; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/v1/notices", new
                {
                    category = "evacuation", status = "actual", issuer = "13101", headline = "避難指示",
                    disaster = $"webhook load {run} {i}", level = 4, areas = new[] { new { municipality = "13101", name = "全域" } },
                });
                var sequence = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
                var last = await receiver.LastHealthyArrivalAsync(sequence, TimeSpan.FromSeconds(60));
                if (i >= warmup && last is { } at)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
                }

                if (i % 10 == 0 || i == warmup + notices - 1)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {i + 1}/{warmup + notices}: {(last is { } l ? Stopwatch.GetElapsedTime(t0, l).TotalMilliseconds : double.NaN):F1} ms to the last healthy endpoint"));
                }
            }

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dev-broadcaster");
            foreach (var id in ids)
            {
                using var _ = await http.DeleteAsync($"/api/v1/webhooks/{id}");
            }

            return new Phase(latencies, receiver.Disorder);
        }
    }

    private static double Percentile(List<double> values, double q) => Percentiles.Of(values, q);

    private static string Row(string name, int healthy, Phase phase) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {healthy} | {Percentile(phase.Latencies, 0.5):F1} | {Percentile(phase.Latencies, 0.95):F1} | {Percentile(phase.Latencies, 0.99):F1} | {phase.Latencies.DefaultIfEmpty(double.NaN).Max():F1} | {phase.Disorder} |");

    private sealed record Phase(List<double> Latencies, long Disorder);

    /// <summary>The receiving side: endpoint i of the current phase answers 200 at once, or never when it is one of the dead.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<long, Arrival> _arrivals = new();
        private readonly ConcurrentDictionary<int, long> _lastSequence = new();
        private volatile string _prefix = "";
        private int _healthy;
        private int _dead;
        private long _disorder;

        private Receiver(WebApplication app, Uri baseAddress) => (_app, BaseAddress) = (app, baseAddress);

        public Uri BaseAddress { get; }

        public long Disorder => Interlocked.Read(ref _disorder);

        public static async Task<Receiver> StartAsync()
        {
            var port = HostCluster.FreePorts(1)[0];
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app, new Uri($"http://127.0.0.1:{port}"));
            app.MapPost("/{prefix}/{index:int}", async (string prefix, int index, HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                var at = Stopwatch.GetTimestamp();
                if (prefix != receiver._prefix)
                {
                    return Results.Ok(); // a straggler from the previous phase
                }

                if (index < receiver._dead)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }

                var bytes = body.ToArray().AsSpan();
                var property = bytes.IndexOf("\"sequence\":"u8);
                if (property >= 0 && Utf8Parser.TryParse(bytes[(property + 11)..], out long sequence, out _))
                {
                    var previous = receiver._lastSequence.GetValueOrDefault(index);
                    if (sequence <= previous)
                    {
                        Interlocked.Increment(ref receiver._disorder);
                    }
                    else
                    {
                        receiver._lastSequence[index] = sequence;
                        receiver._arrivals.GetOrAdd(sequence, _ => new Arrival(receiver._healthy)).Add(at);
                    }
                }

                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public void Reset(string prefix, int healthy, int dead)
        {
            _arrivals.Clear();
            _lastSequence.Clear();
            (_healthy, _dead, _prefix) = (healthy, dead, prefix);
        }

        public async Task<long?> LastHealthyArrivalAsync(long sequence, TimeSpan timeout)
        {
            try
            {
                return await _arrivals.GetOrAdd(sequence, _ => new Arrival(_healthy)).Complete.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private sealed class Arrival(int expected)
        {
            private int _count;
            private long _last;

            public TaskCompletionSource<long> Complete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public void Add(long at)
            {
                lock (this)
                {
                    _last = Math.Max(_last, at);
                    if (++_count == expected)
                    {
                        Complete.TrySetResult(_last);
                    }
                }
            }
        }
    }
}
