using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Alert.LoadTest;

/// <summary>
/// The client processes of one phase, seen as one: how many connections each opened, and per sequence when every
/// connection of every process had it (the time of the last receipt, on the machine-wide monotonic clock).
/// </summary>
internal sealed class ClientFleet : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];
    private readonly ConcurrentDictionary<long, Arrival> _arrivals = new();
    private readonly ConcurrentDictionary<int, JsonElement> _reports = new();
    private readonly List<Task> _pumps = [];
    private int _connected;

    public int Connected => _connected;

    public int Processes => _processes.Count;

    public static async Task<ClientFleet> StartAsync(string mode, int subscribers, int perProcess, IReadOnlyList<Uri> urls, IReadOnlyList<IPAddress> sources, string key, string prefecture)
    {
        var fleet = new ClientFleet();
        var processes = (int)Math.Ceiling(subscribers / (double)perProcess);
        for (var p = 0; p < processes; p++)
        {
            var count = (subscribers / processes) + (p < subscribers % processes ? 1 : 0);
            // Each process gets its own source addresses where there are enough; otherwise all share them all.
            var own = sources.Count >= processes ? sources.Where((_, i) => i % processes == p).ToList() : [.. sources];
            fleet._processes.Add(ChildProcess.Start(
            [
                ChildProcess.Self, "clients", mode, count.ToString(CultureInfo.InvariantCulture), key, prefecture,
                string.Join(',', own), string.Join(',', urls.Select(u => u.ToString().TrimEnd('/'))),
            ]));
        }

        var connected = 0;
        for (var p = 0; p < fleet._processes.Count; p++)
        {
            var ready = await fleet._processes[p].NextAsync("ready", TimeSpan.FromMinutes(10), e =>
            {
                if (e.GetProperty("e").GetString() == "progress")
                {
                    Console.Error.WriteLine($"  {mode}: client process {p + 1}/{processes}: {e.GetProperty("connected").GetInt32()} connected");
                }
                else if (e.GetProperty("e").GetString() == "warning")
                {
                    Console.Error.WriteLine($"  {mode}: {e.GetProperty("message").GetString()}");
                }
            });
            connected += ready.GetProperty("connected").GetInt32();
            var process = fleet._processes[p];
            var index = p;
            fleet._pumps.Add(Task.Run(() => fleet.PumpAsync(process, index)));
        }

        fleet._connected = connected;
        Console.Error.WriteLine($"  {mode}: {connected}/{subscribers} connected over {processes} client process(es), {sources.Count} source address(es)");
        return fleet;
    }

    /// <summary>When the last connection received the sequence (Stopwatch ticks), or null when not all did in time.</summary>
    public async Task<long?> LastArrivalAsync(long sequence, TimeSpan timeout)
    {
        var arrival = _arrivals.GetOrAdd(sequence, _ => new Arrival(_processes.Count));
        try
        {
            return await arrival.Complete.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Per sequence, how many connections received it; and duplicates and connections still open.</summary>
    public async Task<(Dictionary<long, long> Received, long Duplicates, int Open, string? Sample)> ReportAsync()
    {
        _reports.Clear();
        foreach (var process in _processes)
        {
            await process.SendAsync("report");
        }

        for (var i = 0; i < 600 && _reports.Count < _processes.Count; i++)
        {
            await Task.Delay(100);
        }

        var received = new Dictionary<long, long>();
        var (duplicates, open, sample) = (0L, 0, (string?)null);
        foreach (var report in _reports.Values)
        {
            foreach (var item in report.GetProperty("received").EnumerateObject())
            {
                var sequence = long.Parse(item.Name, CultureInfo.InvariantCulture);
                received[sequence] = received.GetValueOrDefault(sequence) + item.Value.GetInt64();
            }

            duplicates += report.GetProperty("duplicates").GetInt64();
            open += report.GetProperty("open").GetInt32();
            sample ??= report.GetProperty("sample").GetString();
        }

        return (received, duplicates, open, sample);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private async Task PumpAsync(ChildProcess process, int index)
    {
        await foreach (var e in process.Events.Reader.ReadAllAsync())
        {
            switch (e.GetProperty("e").GetString())
            {
                case "got":
                    _arrivals.GetOrAdd(e.GetProperty("seq").GetInt64(), _ => new Arrival(_processes.Count)).Add(e.GetProperty("last").GetInt64());
                    break;
                case "report":
                    _reports[index] = e;
                    break;
            }
        }
    }

    private sealed class Arrival(int processes)
    {
        private int _remaining = processes;
        private long _last;

        public TaskCompletionSource<long> Complete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(long last)
        {
            lock (this)
            {
                _last = Math.Max(_last, last);
                if (--_remaining == 0)
                {
                    Complete.TrySetResult(_last);
                }
            }
        }
    }
}
