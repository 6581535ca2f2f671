using System.Collections.Concurrent;

namespace Alert.Broadcast.Grpc;

/// <summary>
/// This host's open gRPC feed streams by the key that opened them, so a revoked key's streams can be ended at once
/// (the hub's connections are found through their lifetime manager; gRPC calls have no such registry of their own).
/// </summary>
public sealed class OpenFeedStreams
{
    private readonly ConcurrentDictionary<long, (string KeyId, Action End)> _open = new();
    private long _next;

    public IDisposable Open(string keyId, Action end)
    {
        var id = Interlocked.Increment(ref _next);
        _open[id] = (keyId, end);
        return new Registration(this, id);
    }

    /// <summary>Ends every open stream of <paramref name="keyId"/>; returns how many.</summary>
    public int End(string keyId)
    {
        var ended = 0;
        foreach (var (id, stream) in _open)
        {
            if (stream.KeyId == keyId && _open.TryRemove(id, out _))
            {
                stream.End();
                ended++;
            }
        }

        return ended;
    }

    private sealed class Registration(OpenFeedStreams streams, long id) : IDisposable
    {
        public void Dispose() => streams._open.TryRemove(id, out _);
    }
}
