using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alert.LoadTest;

/// <summary>
/// Throughput: many issuers at once (`throughput` command). Start the host first (README's first command, on a fresh data
/// directory), then: dotnet run -c Release --project benchmarks/Alert.LoadTest -- throughput --notices 500 --subscribers 50
/// Baseline, measured in the same run: the HTTP round trip of GET /health/live on the same client and connections.
/// </summary>
internal static class ThroughputRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ThroughputOptions.Parse(args);
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.IssuerKey);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var latest = (await http.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/feed?after=0&limit=1", stop.Token)).GetProperty("latestSequence").GetInt64();
        var clock = Stopwatch.StartNew();
        var issuedAt = new ConcurrentDictionary<long, double>();
        var sentAt = new ConcurrentDictionary<string, double>();
        var deliveries = new ConcurrentBag<double>();
        var perSubscriber = new ConcurrentDictionary<int, List<long>>();
        var allDelivered = new CountdownEvent(options.Notices * options.Subscribers);

        var connections = new List<HubConnection>();
        for (var s = 0; s < options.Subscribers; s++)
        {
            var index = s;
            var received = perSubscriber[index] = [];
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(options.Url, "/hubs/notices"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(options.SubscriberKey))
                .Build();
            connection.On<JsonElement>("notice", notice =>
            {
                var now = clock.Elapsed.TotalMilliseconds;
                if (sentAt.TryGetValue(notice.GetProperty("headline").GetString()!, out var sent))
                {
                    deliveries.Add(now - sent);
                }

                lock (received)
                {
                    received.Add(notice.GetProperty("sequence").GetInt64());
                }

                allDelivered.Signal();
            });
            await connection.StartAsync(stop.Token);
            await connection.InvokeAsync<JsonElement>("Subscribe", new { prefectures = new[] { "13" }, after = new Dictionary<string, long> { ["13"] = latest } }, stop.Token);
            connections.Add(connection);
        }

        // Baseline: the cheapest authenticated-less round trip through the same Kestrel, client and connection pool.
        var baseline = await RunConcurrently(options.Notices, options.Concurrency, async _ =>
        {
            var start = clock.Elapsed.TotalMilliseconds;
            using var response = await http.GetAsync("/health/live", stop.Token);
            response.EnsureSuccessStatusCode();
            return clock.Elapsed.TotalMilliseconds - start;
        });

        var municipalities = Enumerable.Range(101, 23).Select(i => $"13{i:000}").ToArray();
        var run = Guid.NewGuid().ToString("N")[..8]; // re-sending an identical notice is (rightly) a no-op: every run is new
        var issueStarted = clock.Elapsed;
        var accepts = await RunConcurrently(options.Notices, options.Concurrency, async i =>
        {
            var headline = $"負荷試験 {run} {i}";
            var start = clock.Elapsed.TotalMilliseconds;
            sentAt[headline] = start;
            using var response = await http.PostAsJsonAsync("/api/v1/notices", new
            {
                category = "evacuation",
                status = "actual",
                issuer = municipalities[i % municipalities.Length],
                headline,
                disaster = headline, // evacuation is one notice per issuer × disaster: each load notice is its own
                level = 3,
                areas = new[] { new { municipality = municipalities[i % municipalities.Length] } },
            }, stop.Token);
            if (response.StatusCode != System.Net.HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Expected 201 for notice {i}, got {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
            issuedAt[body.GetProperty("sequence").GetInt64()] = start;
            return clock.Elapsed.TotalMilliseconds - start;
        });
        var issueSeconds = (clock.Elapsed - issueStarted).TotalSeconds;

        var complete = allDelivered.Wait(TimeSpan.FromSeconds(60), stop.Token);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        // Every subscriber must have every sequence once, in order: the latency figures mean nothing otherwise.
        var expected = Enumerable.Range(1, options.Notices).Select(i => latest + i).ToList();
        var intact = perSubscriber.Values.All(r => r.SequenceEqual(expected));

        var baselineSummary = LatencySummary.Of("baseline: GET /health/live", baseline);
        Console.WriteLine($"AlertHub end-to-end latency, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"notices {options.Notices}, subscribers {options.Subscribers}, concurrency {options.Concurrency}, issue rate {options.Notices / issueSeconds:F0}/s");
        Console.WriteLine();
        Console.WriteLine("| step | count | p50 ms | p95 ms | p99 ms | max ms | p50 / baseline p50 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(baselineSummary.Row(baselineSummary));
        Console.WriteLine(LatencySummary.Of("accepted: POST → 201 (fsynced)", accepts).Row(baselineSummary));
        Console.WriteLine(LatencySummary.Of("delivered: POST → SignalR client", [.. deliveries]).Row(baselineSummary));
        Console.WriteLine();
        Console.WriteLine($"all delivered: {complete}; every subscriber gap-free, in order, no duplicate: {intact}");
        return complete && intact ? 0 : 1;
    }

    private static async Task<List<double>> RunConcurrently(int count, int concurrency, Func<int, Task<double>> work)
    {
        var results = new ConcurrentBag<double>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                results.Add(await work(i));
            }
        }));
        return [.. results];
    }
}
