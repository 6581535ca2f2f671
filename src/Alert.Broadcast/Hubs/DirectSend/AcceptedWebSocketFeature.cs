using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Alert.Broadcast.Hubs.DirectSend;

/// <summary>
/// Stands in for the request's WebSocket feature on a hub request and remembers the WebSocket that SignalR's transport
/// accepts with it, so that connection's outgoing messages can be written to it directly
/// (<see cref="DirectWebSocketWriter"/>). Accepting itself is left entirely to the feature it wraps.
/// </summary>
internal sealed class AcceptedWebSocketFeature(IHttpWebSocketFeature accepting) : IHttpWebSocketFeature
{
    private readonly TaskCompletionSource<WebSocket> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsWebSocketRequest => accepting.IsWebSocketRequest;

    /// <summary>Completes with the WebSocket once the transport has accepted it; faults if accepting failed.</summary>
    public Task<WebSocket> Socket => _accepted.Task;

    public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
    {
        try
        {
            var socket = await accepting.AcceptAsync(context);
            _accepted.TrySetResult(socket);
            return socket;
        }
        catch (Exception failure)
        {
            _accepted.TrySetException(failure);
            throw;
        }
    }

    /// <summary>Installs this feature on a WebSocket request to <paramref name="path"/>; other requests are untouched.</summary>
    public static void InstallOn(HttpContext context, PathString path)
    {
        if (context.Request.Path.StartsWithSegments(path) && context.Features.Get<IHttpWebSocketFeature>() is { IsWebSocketRequest: true } accepting)
        {
            var feature = new AcceptedWebSocketFeature(accepting);
            context.Features.Set<IHttpWebSocketFeature>(feature);
            context.Features.Set(feature);
        }
    }
}
