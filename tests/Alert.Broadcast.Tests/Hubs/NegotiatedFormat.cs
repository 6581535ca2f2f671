using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Alert.Broadcast.Tests.Hubs;

/// <summary>The connection's negotiated format, as SignalR sets it after the handshake.</summary>
internal sealed class NegotiatedFormat(TransferFormat active) : ITransferFormatFeature
{
    public TransferFormat SupportedFormats => TransferFormat.Text | TransferFormat.Binary;

    public TransferFormat ActiveFormat { get; set; } = active;
}
