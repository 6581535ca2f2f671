using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real host in its own process: Kestrel on a free loopback port, its own Orleans ports and a data directory,
/// in the Development environment so the README's development keys exist.
/// </summary>
public sealed class AlertHubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _killed;

    private AlertHubProcess(Process process, string dataDirectory, Uri baseAddress, int siloPort)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
    }

    /// <summary>This host's Orleans silo port: another host joins its cluster with <c>AlertHub:PrimarySiloPort</c>.</summary>
    public int SiloPort { get; }

    /// <summary>The cleartext HTTP/2 endpoint of the gRPC feed (<c>AlertHub:GrpcPort</c>).</summary>
    public Uri GrpcAddress { get; private init; } = null!;

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<AlertHubProcess> StartAsync(string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        StartAsync(dataDirectory, [], cancellationToken);

    /// <param name="settings">Extra configuration as command-line arguments (<c>--Section:Key=value</c>).</param>
    public static async Task<AlertHubProcess> StartAsync(string? dataDirectory, IEnumerable<string> settings, CancellationToken cancellationToken = default)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("alerthub-e2e-").FullName;
        var extra = settings.ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDirectory, extra, cancellationToken);
            }
            catch (InvalidOperationException exited) when (attempt < 3 && exited.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // A port found free was taken (by another test's connection) before the host bound it: try new ones.
            }
        }
    }

    private static async Task<AlertHubProcess> StartOnceAsync(string dataDirectory, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var ports = FreePorts.Take(4);
        var baseAddress = new Uri($"http://127.0.0.1:{ports[0]}");
        var silo = RepositoryPaths.SiloAssembly;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            silo, "--urls", baseAddress.ToString().TrimEnd('/'),
            $"--AlertHub:DataDirectory={dataDirectory}",
            $"--AlertHub:SiloPort={ports[1]}", $"--AlertHub:GatewayPort={ports[2]}", $"--AlertHub:GrpcPort={ports[3]}",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new AlertHubProcess(process, dataDirectory, baseAddress, ports[1]) { GrpcAddress = new Uri($"http://127.0.0.1:{ports[3]}") };
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilReadyAsync(cancellationToken);
        return host;
    }

    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Issues a notice and returns the 201 body; fails the test on any other status.</summary>
    public async Task<JsonElement> IssueAsync(string apiKey, object notice, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient(apiKey);
        using var response = await client.PostAsJsonAsync("/api/v1/notices", notice, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The prefecture's latest sequence, read from its feed with the development broadcaster key.</summary>
    public async Task<long> LatestSequenceAsync(string prefecture = "13")
    {
        using var client = CreateClient(Notices.Broadcaster);
        var feed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/prefectures/{prefecture}/feed?after=0&limit=1");
        return feed.GetProperty("latestSequence").GetInt64();
    }

    /// <summary>SIGKILL: no shutdown hooks run, nothing is flushed beyond what was already fsynced.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _killed = true;
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited && !_killed)
        {
            ReportUnexpectedExit();
        }

        await KillAsync();
        _process.Dispose();
    }

    // A host that died under a test is otherwise seen only as refused connections: keep what it said for ./test.sh.
    private void ReportUnexpectedExit()
    {
        var directory = Path.Combine(RepositoryPaths.Root, ".test-results");
        Directory.CreateDirectory(directory);
        var report = Path.Combine(directory, $"host-exit-{_process.Id}.log");
        File.WriteAllText(report, $"The host on {BaseAddress} exited by itself with code {_process.ExitCode}.\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = CreateClient(null);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                // Each probe gets 5 s: a probe that hangs while the silo is still starting is retried, not fatal.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await client.GetAsync("/health/ready", attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the probe timed out or the connection was dropped during start-up: try again until the deadline
            }

            await Task.Delay(200, cancellationToken);
        }

        await KillAsync();
        throw new TimeoutException($"The host was not ready within 90 s:\n{Output}");
    }
}
