using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Alert.Broadcast.Tests.Hubs;

/// <summary>A server and a client WebSocket over a real loopback TCP connection.</summary>
internal sealed class WebSocketPair : IAsyncDisposable
{
    private readonly TcpClient _serverTcp;
    private readonly TcpClient _clientTcp;

    private WebSocketPair(TcpClient serverTcp, TcpClient clientTcp)
    {
        (_serverTcp, _clientTcp) = (serverTcp, clientTcp);
        Server = WebSocket.CreateFromStream(serverTcp.GetStream(), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        Client = WebSocket.CreateFromStream(clientTcp.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
    }

    public WebSocket Server { get; }

    public WebSocket Client { get; }

    public static async Task<WebSocketPair> OpenAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        var connecting = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await listener.AcceptTcpClientAsync();
        await connecting;
        return new WebSocketPair(server, client);
    }

    /// <summary>Reads one whole message from the client side (30 s at most: a guard against hangs, not a timing assertion).</summary>
    public async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await Client.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Server.Dispose();
        Client.Dispose();
        _serverTcp.Dispose();
        _clientTcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
