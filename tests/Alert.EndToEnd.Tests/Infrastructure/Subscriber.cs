using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>A real .NET SignalR client subscribed to the hub, collecting what it receives.</summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<ReceivedNotice> _received = Channel.CreateUnbounded<ReceivedNotice>();

    private Subscriber(HubConnection connection)
    {
        _connection = connection;
        _connection.On<ReceivedNotice>("notice", n => _received.Writer.TryWrite(n));
    }

    /// <param name="transport">The only transport the client may use; by default it negotiates (WebSockets first).</param>
    public static async Task<Subscriber> ConnectAsync(AlertHubProcess host, string apiKey, bool messagePack = false, HttpTransportType? transport = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/notices"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(apiKey);
                if (transport is { } only)
                {
                    o.Transports = only;
                    o.SkipNegotiation = only == HttpTransportType.WebSockets;
                }
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var subscriber = new Subscriber(builder.Build());
        await subscriber._connection.StartAsync();
        return subscriber;
    }

    public HubConnection Connection => _connection;

    public Task<T> SubscribeAsync<T>(object request) => _connection.InvokeAsync<T>("Subscribe", request);

    /// <summary>Waits for the next notice (30 s at most; a limit against hangs, not a timing assertion).</summary>
    public async Task<ReceivedNotice> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Reads notices until one matches.</summary>
    public async Task<ReceivedNotice> NextMatchingAsync(Func<ReceivedNotice, bool> match)
    {
        while (true)
        {
            var notice = await NextAsync();
            if (match(notice))
            {
                return notice;
            }
        }
    }

    public bool TryTakeReceived(out ReceivedNotice notice) => _received.Reader.TryRead(out notice!);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
