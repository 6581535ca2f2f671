using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Alert.LoadTest;

/// <summary>
/// The floor: bare Kestrel WebSockets, nothing else. <c>POST /send</c> writes its body, as one text message, to every
/// connection at once and answers when every write has completed. Whatever AlertHub adds on top of this (SignalR,
/// sequencing, journalling, filtering) is what the ratio to this floor measures.
/// </summary>
internal static class FloorServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        var sockets = new ConcurrentDictionary<WebSocket, byte>();
        app.Map("/ws", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            sockets[socket] = 0;
            var buffer = new byte[256];
            try
            {
                while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, context.RequestAborted)).MessageType != WebSocketMessageType.Close)
                {
                }
            }
            catch (Exception failure) when (failure is WebSocketException or OperationCanceledException)
            {
                // client gone
            }
            finally
            {
                sockets.TryRemove(socket, out _);
            }
        });
        app.MapPost("/send", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            await Task.WhenAll(sockets.Keys.Select(async socket =>
            {
                try
                {
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    // counted as lost by the clients
                }
            }));
            return Results.NoContent();
        });
        app.MapGet("/count", () => Results.Ok(sockets.Count));
        await app.RunAsync();
        return 0;
    }
}
