using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alert.Broadcast.Hubs;

/// <summary>
/// One hub message written to many of this host's connections: serialized once per protocol (JSON, MessagePack) and
/// read afterwards without a lock. SignalR's <see cref="SerializedHubMessage"/> caches the same way but locks on every
/// read, which two cores fanning one notice out to 10,000 connections contended for.
/// </summary>
internal sealed class SharedHubMessage(HubMessage message)
{
    private (string Protocol, ReadOnlyMemory<byte> Bytes)[] _serialized = [];

    /// <summary>For a connection that SignalR's own transport writes (server-sent events, long polling).</summary>
    public SerializedHubMessage Serialized { get; } = new(message);

    public ReadOnlyMemory<byte> For(IHubProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        foreach (var (name, bytes) in Volatile.Read(ref _serialized))
        {
            if (string.Equals(name, protocol.Name, StringComparison.Ordinal))
            {
                return bytes;
            }
        }

        return Add(protocol);
    }

    private ReadOnlyMemory<byte> Add(IHubProtocol protocol)
    {
        var serialized = protocol.GetMessageBytes(message);
        while (true)
        {
            var known = Volatile.Read(ref _serialized);
            foreach (var (name, bytes) in known)
            {
                if (string.Equals(name, protocol.Name, StringComparison.Ordinal))
                {
                    return bytes; // another thread serialized it first
                }
            }

            if (Interlocked.CompareExchange(ref _serialized, [.. known, (protocol.Name, serialized)], known) == known)
            {
                return serialized;
            }
        }
    }
}
