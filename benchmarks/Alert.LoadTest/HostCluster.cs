using System.Net;
using System.Net.Sockets;

namespace Alert.LoadTest;

/// <summary>
/// H AlertHub hosts started by the load tool as one Orleans cluster on this machine: each its own process with its own
/// HTTP, silo and gateway ports, all sharing one data directory (so one journal), the first being the primary silo.
/// </summary>
internal sealed class HostCluster : IAsyncDisposable
{
    /// <summary>
    /// The deployment setting docs/ARCHITECTURE.md asks for: each SignalR connection's pipe (without direct send) rents
    /// its buffers from the shared array pool, which by default keeps only 32 per size per core, so at 10,000
    /// connections every notice allocated ~40 MB of fresh 4 KB arrays and the collections that followed stalled
    /// everything. Environment only; the floor gets it too.
    /// </summary>
    public static readonly (string Name, string Value) PoolSetting = ("DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION", "8192");

    private readonly List<ChildProcess> _hosts = [];
    private readonly string _data = Directory.CreateTempSubdirectory("alerthub-load-").FullName;

    public List<Uri> Urls { get; } = [];

    /// <summary>Processor time used so far by all hosts together.</summary>
    public TimeSpan CpuTime => _hosts.Aggregate(TimeSpan.Zero, (sum, host) => sum + host.CpuTime);

    public static async Task<HostCluster> StartAsync(int hosts, string siloAssembly)
    {
        var cluster = new HostCluster();
        var ports = FreePorts(hosts * 4);
        for (var h = 0; h < hosts; h++)
        {
            var url = new Uri($"http://127.0.0.1:{ports[h * 4]}");
            var arguments = new List<string>
            {
                siloAssembly, "--urls", url.ToString().TrimEnd('/'), $"--AlertHub:DataDirectory={cluster._data}",
                $"--AlertHub:SiloPort={ports[(h * 4) + 1]}", $"--AlertHub:GatewayPort={ports[(h * 4) + 2]}", $"--AlertHub:GrpcPort={ports[(h * 4) + 3]}",
                "--Logging:LogLevel:Default=Warning",

                // One organisation opens every subscriber and issues every notice here: its rate limits must not be the subject.
                "--AlertHub:RateLimits:ConnectBurst=1000000", "--AlertHub:RateLimits:ConnectPerSecond=1000000",
                "--AlertHub:RateLimits:IngestBurst=1000000", "--AlertHub:RateLimits:IngestPerSecond=1000000",
                "--AlertHub:RateLimits:RelayIngestBurst=1000000", "--AlertHub:RateLimits:RelayIngestPerSecond=1000000",
                "--AlertHub:Broadcast:MaxConnectionsPerKey=1000000",
            };
            if (hosts > 1)
            {
                arguments.Add($"--AlertHub:PrimarySiloPort={ports[1]}");
            }

            cluster._hosts.Add(ChildProcess.Start(arguments, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                [PoolSetting.Name] = PoolSetting.Value,
            }));
            cluster.Urls.Add(url);
            await WaitReadyAsync(url, cluster._hosts[^1]);
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task WaitReadyAsync(Uri url, ChildProcess host)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 240; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"Host {url} did not become ready:\n{host.Errors}");
    }

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
