using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Alert.LoadTest;

/// <summary>A process the load tool started: JSON lines from its standard output, commands to its standard input.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ChildProcess(Process process) => _process = process;

    public Channel<JsonElement> Events { get; } = Channel.CreateUnbounded<JsonElement>();

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet</c> with the given arguments; lines that are not JSON are kept as diagnostics.</summary>
    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && line[0] == '{')
            {
                try
                {
                    child.Events.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
                    return;
                }
                catch (JsonException)
                {
                }
            }

            child.Note(e.Data);
        };
        child._process.ErrorDataReceived += (_, e) => child.Note(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The load tool's own assembly, to start it again in another role.</summary>
    public static string Self => typeof(ChildProcess).Assembly.Location;

    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next event of the given kind; others are skipped, "warning" events are printed.</summary>
    public async Task<JsonElement> NextAsync(string kind, TimeSpan timeout, Action<JsonElement>? onOther = null)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            JsonElement next;
            try
            {
                next = await Events.Reader.ReadAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No '{kind}' within {timeout}. Child said: {Errors[^Math.Min(2000, Errors.Length)..]}");
            }

            if (next.GetProperty("e").GetString() == kind)
            {
                return next;
            }

            onOther?.Invoke(next);
        }
    }

    /// <summary>The processor time the process has used so far, on all cores (user and kernel).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await SendAsync("quit");
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
            catch (Exception failure) when (failure is IOException or OperationCanceledException or InvalidOperationException)
            {
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Note(string? line)
    {
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.AppendLine(line);
            }
        }
    }
}
