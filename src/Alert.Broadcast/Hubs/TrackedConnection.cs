using Microsoft.AspNetCore.SignalR;

namespace Alert.Broadcast.Hubs;

/// <summary>A hub connection and, for a WebSocket with direct send, the writer notices go to.</summary>
internal sealed record TrackedConnection(HubConnectionContext Connection, DirectSend.DirectWebSocketWriter? Direct)
{
    private static readonly KeyValuePair<string, object?> DirectPath = new("send", "direct");
    private static readonly KeyValuePair<string, object?> TransportPath = new("send", "transport");

    public KeyValuePair<string, object?> SendPath => Direct is null ? TransportPath : DirectPath;
}
