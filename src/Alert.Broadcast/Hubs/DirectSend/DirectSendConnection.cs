using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;

namespace Alert.Broadcast.Hubs.DirectSend;

/// <summary>
/// Connection middleware in front of the hub: a WebSocket connection whose socket was captured
/// (<see cref="AcceptedWebSocketFeature"/>) writes through <see cref="DirectWebSocketWriter"/> for as long as the hub
/// runs it; reading, and the transport's closing handshake, stay SignalR's. Server-sent events and long polling, or a
/// host without the capture, keep SignalR's transport unchanged.
/// </summary>
internal static class DirectSendConnection
{
    public static IConnectionBuilder UseDirectWebSocketSend(this IConnectionBuilder connections) =>
        connections.Use(next => connection => RunAsync(connection, next));

    private static async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (connection.Features.Get<IHttpTransportFeature>()?.TransportType != HttpTransportType.WebSockets
            || connection.Features.Get<IHttpContextFeature>()?.HttpContext?.Features.Get<AcceptedWebSocketFeature>() is not { } accepted)
        {
            await next(connection);
            return;
        }

        var transport = connection.Transport;
        var writer = new DirectWebSocketWriter(accepted.Socket, connection.Features.Get<ITransferFormatFeature>());
        connection.Transport = new Pipe(transport.Input, writer);
        connection.Features.Set(writer);
        try
        {
            await next(connection);
        }
        finally
        {
            // SignalR completes the transport it created when the connection ends; that sends the closing frame.
            connection.Features.Set<DirectWebSocketWriter>(null);
            connection.Transport = transport;
            writer.Complete();
        }
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
