using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>Runs js/subscribe.mjs under Node with the npm @microsoft/signalr client installed by ./test.sh.</summary>
internal sealed class JsClient
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _all = [];

    private JsClient(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                var element = JsonDocument.Parse(e.Data).RootElement.Clone();
                lock (_all)
                {
                    _all.Add(element);
                }

                _events.Writer.TryWrite(element);
            }
        };
    }

    public int ExitCode => _process.ExitCode;

    public static JsClient Start(AlertHubProcess host, string apiKey, string prefecture, string after, int expected)
    {
        var directory = RepositoryPaths.JsClientDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@microsoft", "signalr")))
        {
            throw new InvalidOperationException("npm packages are missing: run ./test.sh, which installs them with npm ci.");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "subscribe.mjs", host.BaseAddress.ToString().TrimEnd('/'), apiKey, prefecture, after, expected.ToString(System.Globalization.CultureInfo.InvariantCulture), "30000" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var client = new JsClient(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return client;
    }

    public async Task WaitForSubscribedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = await _events.Reader.ReadAsync(timeout.Token);
            var kind = next.GetProperty("event").GetString();
            if (kind == "subscribed")
            {
                return;
            }

            if (kind == "error")
            {
                throw new InvalidOperationException($"The npm client failed: {next}");
            }
        }
    }

    public async Task<IReadOnlyList<JsonElement>> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        lock (_all)
        {
            return [.. _all];
        }
    }
}
