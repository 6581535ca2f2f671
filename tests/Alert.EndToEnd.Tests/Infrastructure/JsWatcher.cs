using System.Diagnostics;
using System.Text.Json;

namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs js/watch.mjs: an npm @microsoft/signalr subscriber with filters, acknowledgements and deliberate reconnects.
/// It runs until told, on stdin, which sequences to reach, and then reports everything it received.
/// </summary>
internal sealed class JsWatcher
{
    private readonly Process _process;
    private readonly List<JsonElement> _events = [];
    private readonly TaskCompletionSource<JsonElement> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JsWatcher(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data))
            {
                return;
            }

            var element = JsonDocument.Parse(e.Data).RootElement.Clone();
            lock (_events)
            {
                _events.Add(element);
            }

            switch (element.GetProperty("event").GetString())
            {
                case "subscribed":
                    _subscribed.TrySetResult(element.GetProperty("result"));
                    break;
                case "error":
                    _subscribed.TrySetException(new InvalidOperationException($"The npm client failed: {element}"));
                    break;
            }
        };
    }

    public static JsWatcher Start(AlertHubProcess host, string apiKey, object request, bool ack = false, int reconnectEvery = 0)
    {
        var directory = RepositoryPaths.JsClientDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@microsoft", "signalr")))
        {
            throw new InvalidOperationException("npm packages are missing: run ./test.sh, which installs them with npm ci.");
        }

        var config = JsonSerializer.Serialize(new { baseUrl = host.BaseAddress.ToString().TrimEnd('/'), apiKey, request, ack, reconnectEvery, timeoutMs = 90000 });
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("watch.mjs");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var watcher = new JsWatcher(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return watcher;
    }

    /// <summary>The Subscribe answer (prefectures, statuses, after, heartbeatSeconds).</summary>
    public async Task<JsonElement> SubscribedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _subscribed.Task.WaitAsync(timeout.Token);
    }

    /// <summary>Tells the client where the stream ends, waits for it to get there and returns every event it printed.</summary>
    public async Task<IReadOnlyList<JsonElement>> FinishAsync(IReadOnlyDictionary<string, long> until)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { until }));
            await _process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            // The client has already exited: its exit code and what it printed say why, below.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        lock (_events)
        {
            Assert.True(_process.ExitCode == 0, $"npm client exited with {_process.ExitCode}: {string.Join('\n', _events)}");
            return [.. _events];
        }
    }

    /// <summary>The (prefecture, sequence) of every notice received, in arrival order.</summary>
    public static List<(string Prefecture, long Sequence)> Notices(IReadOnlyList<JsonElement> events) =>
        [.. events.Where(e => e.GetProperty("event").GetString() == "notice")
            .Select(e => (e.GetProperty("notice").GetProperty("prefecture").GetString()!, e.GetProperty("notice").GetProperty("sequence").GetInt64()))];
}
