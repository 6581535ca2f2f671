using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A broadcaster's webhook receiver on real Kestrel. Each path behaves as told (answer, refuse, fail, hang) and
/// verifies signatures with the documented recipe, written here independently of the product's own code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Received>> _received = new();
    private readonly ConcurrentDictionary<string, Func<int, int>> _behaviour = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>A status to answer for the n-th attempt (1-based) at a path; 0 means never answer.</summary>
    public void Behave(string path, Func<int, int> status) => _behaviour[path] = status;

    public IReadOnlyList<Received> ReceivedAt(string path) => _received.TryGetValue(path, out var queue) ? [.. queue] : [];

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var port = FreePorts.Take(1)[0];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/{path}", async (string path, HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            var attempt = receiver._attempts.AddOrUpdate(path, 1, (_, n) => n + 1);
            var status = receiver._behaviour.TryGetValue(path, out var behave) ? behave(attempt) : 200;
            if (status == 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            if (status is >= 200 and < 300)
            {
                var valid = Verify(secret, context.Request.Headers["X-AlertHub-Timestamp"], context.Request.Headers["X-AlertHub-Signature"], body);
                var notice = JsonDocument.Parse(body).RootElement;
                receiver._received.GetOrAdd(path, _ => new()).Enqueue(new Received(
                    notice.GetProperty("prefecture").GetString()!, notice.GetProperty("sequence").GetInt64(), valid, context.Request.Headers["X-AlertHub-Delivery"].ToString()));
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    // docs/WEBHOOKS.md: HMAC-SHA256 keyed with the secret over "<timestamp>.<body>", hex, "sha256=" prefix; at most
    // five minutes old; compared in constant time.
    private static bool Verify(string secret, string? timestamp, string? signature, byte[] body)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300 || signature is null)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string Prefecture, long Sequence, bool SignatureValid, string Delivery);
}
