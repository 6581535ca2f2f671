using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Alert.LoadTest;

/// <summary>
/// One client process of the load tool: many WebSocket connections spread over loopback source addresses (so that
/// ephemeral ports never run out), each reading messages and noting, per sequence, how many connections got it and
/// when the last one did. Against AlertHub each connection speaks the SignalR JSON protocol itself (handshake,
/// <c>Subscribe</c>, pings); against the floor it only reads. Both extract the sequence the same way from the same
/// bytes, so the client's own cost is identical on both sides of the ratio. Talks to the coordinator by JSON lines.
/// </summary>
internal static class SubscriberClients
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] NoticeTarget = "\"target\":\"notice\""u8.ToArray();
    private static readonly byte[] SequenceProperty = "\"sequence\":"u8.ToArray();
    private static readonly object Output = new();

    /// <param name="args">mode (hub|floor), count, key, prefecture, sources (comma-separated), urls (comma-separated).</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var (hub, count, key, prefecture) = (args[0] == "hub", int.Parse(args[1], CultureInfo.InvariantCulture), args[2], args[3]);
        var sources = args[4].Split(',').Select(IPAddress.Parse).ToArray();
        var urls = args[5].Split(',').Select(u => new Uri(u)).ToArray();
        var invokers = sources.Select(Invoker).ToArray();
        var stats = new ConcurrentDictionary<long, SequenceStat>();
        var duplicates = 0L;
        var connections = new WebSocket?[count];
        var ready = 0;
        var failed = 0;
        string? sample = null;
        using var stop = new CancellationTokenSource();

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, token) =>
        {
            var baseUrl = urls[i % urls.Length];
            var target = hub
                ? new Uri($"ws://{baseUrl.Authority}/hubs/notices?access_token={Uri.EscapeDataString(key)}")
                : new Uri($"ws://{baseUrl.Authority}/ws");
            try
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(target, invokers[i % invokers.Length], token);
                var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = ReadAsync(socket, subscribed, stop.Token);
                if (hub)
                {
                    await SendAsync(socket, """{"protocol":"json","version":1}""");
                    await SendAsync(socket, $$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":[{"prefectures":["{{prefecture}}"]}]}""");
                    await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(60), token);
                }

                connections[i] = socket;
                if (Interlocked.Increment(ref ready) % 1000 == 0)
                {
                    Emit(new { e = "progress", connected = ready });
                }
            }
            catch (Exception failure)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                {
                    Emit(new { e = "warning", message = failure.Message });
                }
            }
        });
        Emit(new { e = "ready", connected = ready, failed });

        if (hub)
        {
            // SignalR drops a client it has not heard from for 30 s, so each connection pings every 10 s. Real clients
            // ping on their own timers, spread over time; one wave of 10,000 pings every 10 s instead put a burst of
            // reads on the host that any notice meeting it waited behind. So a fiftieth of the connections ping every 200 ms.
            _ = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
                for (var tick = 0; await timer.WaitForNextTickAsync(stop.Token); tick = (tick + 1) % 50)
                {
                    for (var i = tick; i < connections.Length; i += 50)
                    {
                        if (connections[i] is not { } socket)
                        {
                            continue;
                        }

                        try
                        {
                            await SendAsync(socket, """{"type":6}""");
                        }
                        catch (WebSocketException)
                        {
                        }
                    }
                }
            });
        }

        string? line;
        while ((line = await Console.In.ReadLineAsync()) is not null && line != "quit")
        {
            if (line == "report")
            {
                Emit(new
                {
                    e = "report",
                    received = stats.ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value.Count),
                    duplicates = Interlocked.Read(ref duplicates),
                    open = connections.Count(c => c?.State == WebSocketState.Open),
                    sample,
                });
            }
        }

        await stop.CancelAsync();
        foreach (var socket in connections.OfType<WebSocket>())
        {
            socket.Abort();
            socket.Dispose();
        }

        return 0;

        async Task ReadAsync(WebSocket socket, TaskCompletionSource subscribed, CancellationToken token)
        {
            var buffer = new byte[16 * 1024];
            var last = 0L;
            try
            {
                while (!token.IsCancellationRequested)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        if (length == buffer.Length)
                        {
                            Array.Resize(ref buffer, buffer.Length * 2);
                        }

                        result = await socket.ReceiveAsync(buffer.AsMemory(length), token);
                        length += result.Count;
                    }
                    while (!result.EndOfMessage);

                    var at = Stopwatch.GetTimestamp();
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    foreach (var frame in Frames(buffer.AsMemory(0, length)))
                    {
                        var span = frame.Span;
                        if (span.IndexOf(NoticeTarget) >= 0 && Sequence(span) is { } sequence)
                        {
                            if (sequence <= last)
                            {
                                Interlocked.Increment(ref duplicates);
                                continue;
                            }

                            last = sequence;
                            var stat = stats.GetOrAdd(sequence, _ => new SequenceStat());
                            var reached = stat.Add(at);
                            sample ??= Convert.ToBase64String(span);
                            if (reached == Volatile.Read(ref ready))
                            {
                                Emit(new { e = "got", seq = sequence, count = reached, last = stat.Last });
                            }
                        }
                        else if (!subscribed.Task.IsCompleted && span.IndexOf("\"type\":3"u8) >= 0)
                        {
                            if (span.IndexOf("\"error\""u8) >= 0)
                            {
                                subscribed.TrySetException(new InvalidOperationException(Encoding.UTF8.GetString(span)));
                            }
                            else
                            {
                                subscribed.TrySetResult();
                            }
                        }
                    }
                }
            }
            catch (Exception failure) when (failure is WebSocketException or OperationCanceledException)
            {
                subscribed.TrySetException(failure);
            }
        }
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Frames(ReadOnlyMemory<byte> message)
    {
        while (message.Length > 0)
        {
            var end = message.Span.IndexOf(RecordSeparator);
            yield return end < 0 ? message : message[..end];
            message = end < 0 ? ReadOnlyMemory<byte>.Empty : message[(end + 1)..];
        }
    }

    private static long? Sequence(ReadOnlySpan<byte> frame)
    {
        var at = frame.IndexOf(SequenceProperty);
        return at >= 0 && Utf8Parser.TryParse(frame[(at + SequenceProperty.Length)..], out long sequence, out _) ? sequence : null;
    }

    private static Task SendAsync(WebSocket socket, string frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);

    private static HttpMessageInvoker Invoker(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private static void Emit(object value)
    {
        var line = JsonSerializer.Serialize(value);
        lock (Output)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }

    private sealed class SequenceStat
    {
        private int _count;
        private long _last;

        public int Count => Volatile.Read(ref _count);

        public long Last => Interlocked.Read(ref _last);

        public int Add(long at)
        {
            long seen;
            while ((seen = Interlocked.Read(ref _last)) < at && Interlocked.CompareExchange(ref _last, at, seen) != seen)
            {
            }

            return Interlocked.Increment(ref _count);
        }
    }
}
