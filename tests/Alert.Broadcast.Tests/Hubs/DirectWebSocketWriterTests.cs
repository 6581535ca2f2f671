using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using Alert.Broadcast.Hubs.DirectSend;
using Microsoft.AspNetCore.Connections;

namespace Alert.Broadcast.Tests.Hubs;

/// <summary>
/// The hub's direct send on a real WebSocket over loopback TCP: what SignalR writes arrives as one message per flush
/// in the negotiated format, shared messages sent from many threads arrive whole beside it, and a peer that has gone or
/// stopped reading ends the connection instead of failing the sender.
/// </summary>
public sealed class DirectWebSocketWriterTests
{
    [Fact]
    public async Task Each_flush_is_one_message_in_the_negotiated_format()
    {
        await using var pair = await WebSocketPair.OpenAsync();
        var format = new NegotiatedFormat(TransferFormat.Text);
        var writer = new DirectWebSocketWriter(Task.FromResult(pair.Server), format);

        Encoding.UTF8.GetBytes("{\"a\":1}\u001e", writer.GetSpan(64));
        writer.Advance(8);
        writer.Write("{\"b\":2}\u001e"u8);
        var flushed = await writer.FlushAsync();

        Assert.False(flushed.IsCompleted);
        var (type, bytes) = await pair.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.Equal("{\"a\":1}\u001e{\"b\":2}\u001e", Encoding.UTF8.GetString(bytes));

        format.ActiveFormat = TransferFormat.Binary;
        await writer.WriteAsync(new byte[] { 3, 1, 2, 3 });
        var (binaryType, binary) = await pair.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, binaryType);
        Assert.Equal([3, 1, 2, 3], binary);
    }

    [Fact]
    public async Task A_message_larger_than_any_buffer_goes_out_whole()
    {
        await using var pair = await WebSocketPair.OpenAsync();
        var writer = new DirectWebSocketWriter(Task.FromResult(pair.Server), new NegotiatedFormat(TransferFormat.Binary));
        var large = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();

        // Built piecewise through the buffer, as SignalR's serializer writes a big message.
        for (var offset = 0; offset < large.Length; offset += 1000)
        {
            writer.Write(large.AsSpan(offset, Math.Min(1000, large.Length - offset)));
        }

        var flushing = writer.FlushAsync().AsTask();
        var (_, received) = await pair.ReceiveAsync();
        await flushing;

        Assert.Equal(large, received);
    }

    [Fact]
    public async Task Shared_messages_sent_from_many_threads_beside_the_connections_own_writes_arrive_whole_and_in_each_senders_order()
    {
        await using var pair = await WebSocketPair.OpenAsync();
        var writer = new DirectWebSocketWriter(Task.FromResult(pair.Server), new NegotiatedFormat(TransferFormat.Text));
        const int Senders = 6;
        const int PerSender = 150;
        var expected = Senders * PerSender + PerSender;
        var received = new ConcurrentQueue<string>();
        var reading = Task.Run(async () =>
        {
            for (var i = 0; i < expected; i++)
            {
                received.Enqueue(Encoding.UTF8.GetString((await pair.ReceiveAsync()).Bytes));
            }
        });

        // Shared messages of many sizes from several threads at once ...
        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                var body = $"s{s}:{i}:" + new string('x', (i * 97 % 9000) + s);
                await writer.SendMessageAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);
            }
        })).ToList();

        // ... beside the connection's own messages, written through the buffer by one writer as SignalR does.
        senders.Add(Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                writer.Write(Encoding.UTF8.GetBytes($"own:{i}:" + new string('y', i * 31 % 5000)));
                await writer.FlushAsync();
            }
        }));
        await Task.WhenAll(senders);
        await reading;

        var messages = received.ToList();
        Assert.Equal(expected, messages.Count);
        foreach (var message in messages)
        {
            var parts = message.Split(':');
            var filler = parts[2];
            Assert.True(filler.All(c => c == filler[0]) || filler.Length == 0, $"message interleaved with another: {message[..Math.Min(40, message.Length)]}…");
        }

        foreach (var sender in Enumerable.Range(0, Senders).Select(s => $"s{s}").Append("own"))
        {
            var order = messages.Where(m => m.StartsWith(sender + ":", StringComparison.Ordinal)).Select(m => int.Parse(m.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, PerSender), order);
        }
    }

    [Fact]
    public async Task Writes_made_before_the_socket_is_accepted_go_out_once_it_is()
    {
        await using var pair = await WebSocketPair.OpenAsync();
        var accepted = new TaskCompletionSource<WebSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new DirectWebSocketWriter(accepted.Task, new NegotiatedFormat(TransferFormat.Text));

        writer.Write("{}\u001e"u8);
        var flushing = writer.FlushAsync().AsTask();
        Assert.False(flushing.IsCompleted);

        accepted.SetResult(pair.Server);
        Assert.False((await flushing).IsCompleted);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString((await pair.ReceiveAsync()).Bytes));
    }

    [Fact]
    public async Task Sending_to_a_peer_that_has_gone_reports_the_connection_complete_without_throwing()
    {
        await using var pair = await WebSocketPair.OpenAsync();
        var writer = new DirectWebSocketWriter(Task.FromResult(pair.Server), new NegotiatedFormat(TransferFormat.Text));
        pair.Client.Abort(); // closes the client's end of the TCP connection

        // The first sends may still land in the kernel's buffers; the connection's end shows within a few.
        var result = default(FlushResult);
        for (var i = 0; i < 1000 && !result.IsCompleted; i++)
        {
            result = await writer.SendMessageAsync(new byte[4096], CancellationToken.None);
        }

        Assert.True(result.IsCompleted);
        Assert.True((await writer.SendMessageAsync(new byte[10], CancellationToken.None)).IsCompleted);
    }

    [Fact]
    public async Task Cancelling_a_send_the_peer_is_not_reading_aborts_the_connection()
    {
        await using var pair = await WebSocketPair.OpenAsync();
        var writer = new DirectWebSocketWriter(Task.FromResult(pair.Server), new NegotiatedFormat(TransferFormat.Binary));
        using var cancel = new CancellationTokenSource();
        var chunk = new byte[256 * 1024];

        // The client never reads: once the kernel's buffers are full a send has to wait.
        ValueTask<FlushResult> waiting = default;
        for (var i = 0; i < 2000; i++)
        {
            waiting = writer.SendMessageAsync(chunk, cancel.Token);
            if (!waiting.IsCompleted)
            {
                break;
            }
        }

        Assert.False(waiting.IsCompleted, "the peer's buffers never filled");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        Assert.Equal(WebSocketState.Aborted, pair.Server.State);
    }

    [Fact]
    public async Task After_completion_nothing_more_is_sent()
    {
        await using var pair = await WebSocketPair.OpenAsync();
        var writer = new DirectWebSocketWriter(Task.FromResult(pair.Server), new NegotiatedFormat(TransferFormat.Text));
        await writer.WriteAsync("{\"first\":1}\u001e"u8.ToArray());
        await writer.CompleteAsync();

        Assert.True((await writer.WriteAsync("{\"late\":1}\u001e"u8.ToArray())).IsCompleted);
        Assert.True((await writer.SendMessageAsync("{\"late\":2}\u001e"u8.ToArray(), CancellationToken.None)).IsCompleted);
        await pair.Server.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal("{\"first\":1}\u001e", Encoding.UTF8.GetString((await pair.ReceiveAsync()).Bytes));
        Assert.Equal(WebSocketMessageType.Close, (await pair.ReceiveAsync()).Type);
    }
}
