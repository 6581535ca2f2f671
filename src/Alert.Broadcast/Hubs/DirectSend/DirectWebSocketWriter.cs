using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Alert.Broadcast.Hubs.DirectSend;

/// <summary>
/// A SignalR connection's output that sends each flush as one WebSocket message on the writing thread. SignalR's own
/// WebSocket transport puts every write into a pipe and wakes a per-connection loop on the thread pool to send it,
/// with a cancellable send; at 10,000 connections per notice that hop was the largest cost above a bare WebSocket
/// broadcast. SignalR still does everything else (handshake, protocol, pings, closing). Its writes through the
/// <see cref="PipeWriter"/> members come one at a time (it holds a write lock per connection), so the buffer has one
/// user; <see cref="SendMessageAsync"/> may run beside them, because the WebSocket sends one whole message at a time
/// (its control frames included).
/// </summary>
internal sealed class DirectWebSocketWriter(Task<WebSocket> accepted, ITransferFormatFeature? format) : PipeWriter
{
    private static readonly FlushResult Sent = new(isCanceled: false, isCompleted: false);
    private static readonly FlushResult Gone = new(isCanceled: false, isCompleted: true);

    // Messages SignalR serialises for this connection alone (handshake, completions) are built here, in a pooled array
    // held only until sent; shared pre-serialized messages bypass it.
    private byte[] _buffer = [];
    private int _written;
    private volatile bool _completed;
    private volatile bool _sending; // an asynchronous send may still be reading the buffer

    private WebSocketMessageType MessageType =>
        format?.ActiveFormat == TransferFormat.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, _buffer.Length - _written);
        _written += bytes;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        _written == 0 ? new(_completed ? Gone : Sent) : SendAsync(_buffer.AsMemory(0, _written), buffered: true, cancellationToken);

    /// <summary>An already serialized message (SignalR's shared <c>SerializedHubMessage</c>) is sent as it is, not copied.</summary>
    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        if (_written != 0)
        {
            this.Write(source.Span);
            return FlushAsync(cancellationToken);
        }

        return source.IsEmpty ? new(_completed ? Gone : Sent) : SendAsync(source, buffered: false, cancellationToken);
    }

    /// <summary>
    /// Sends one whole, already serialized message (a live notice or heartbeat shared by many connections) without
    /// SignalR's per-connection write lock: the WebSocket itself sends one message at a time, so this is safe beside
    /// SignalR's own writes, and this writer's buffer is not touched. The caller keeps its own messages in order.
    /// </summary>
    public ValueTask<FlushResult> SendMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        message.IsEmpty ? new(_completed ? Gone : Sent) : SendAsync(message, buffered: false, cancellationToken);

    /// <summary>Nothing waits in this writer but a send in progress; cancelling that means giving up on the connection.</summary>
    public override void CancelPendingFlush()
    {
        if (accepted.IsCompletedSuccessfully)
        {
            accepted.Result.Abort();
        }
    }

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        if (!_sending)
        {
            ReleaseBuffer();
        }
    }

    private ValueTask<FlushResult> SendAsync(ReadOnlyMemory<byte> message, bool buffered, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            AfterSend(buffered);
            return new(Gone);
        }

        if (!accepted.IsCompletedSuccessfully)
        {
            return SendWhenAcceptedAsync(message, buffered, cancellationToken);
        }

        var socket = accepted.Result;
        ValueTask sending;
        try
        {
            // An uncancellable send takes the WebSocket's fast path; cancellation is honoured only while a send waits.
            sending = socket.SendAsync(message, MessageType, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception failure) when (IsClosing(failure))
        {
            return new(Closed(socket, buffered));
        }

        if (sending.IsCompletedSuccessfully)
        {
            AfterSend(buffered);
            return new(Sent);
        }

        return AwaitSendAsync(socket, sending, buffered, cancellationToken);
    }

    private async ValueTask<FlushResult> SendWhenAcceptedAsync(ReadOnlyMemory<byte> message, bool buffered, CancellationToken cancellationToken)
    {
        await accepted.WaitAsync(cancellationToken);
        return await SendAsync(message, buffered, cancellationToken);
    }

    private async ValueTask<FlushResult> AwaitSendAsync(WebSocket socket, ValueTask sending, bool buffered, CancellationToken cancellationToken)
    {
        _sending |= buffered;
        try
        {
            if (cancellationToken.CanBeCanceled)
            {
                await sending.AsTask().WaitAsync(cancellationToken);
            }
            else
            {
                await sending;
            }

            AfterSend(buffered);
            return Sent;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The abandoned send may still read the buffer: drop it rather than return it to the pool, and end the
            // connection, which can no longer be written to in order.
            socket.Abort();
            if (buffered)
            {
                (_buffer, _written, _sending) = ([], 0, false);
            }

            throw;
        }
        catch (Exception failure) when (IsClosing(failure))
        {
            return Closed(socket, buffered);
        }
    }

    private void AfterSend(bool buffered)
    {
        if (buffered)
        {
            _sending = false;
            ReleaseBuffer();
        }
    }

    // As a pipe whose reader has gone: the connection is closing, and its receive side ends it.
    private FlushResult Closed(WebSocket socket, bool buffered)
    {
        socket.Abort();
        AfterSend(buffered);
        return Gone;
    }

    private static bool IsClosing(Exception failure) =>
        failure is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException or OperationCanceledException;

    private void Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(1024, _buffer.Length * 2)));
        var written = _written;
        _buffer.AsSpan(0, written).CopyTo(larger);
        ReleaseBuffer();
        (_buffer, _written) = (larger, written);
    }

    // Completing races with a send finishing on another thread: whichever gets the array returns it, once.
    private void ReleaseBuffer()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        _written = 0;
        if (buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
