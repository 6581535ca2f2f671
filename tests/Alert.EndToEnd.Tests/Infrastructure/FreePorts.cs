using System.Net;
using System.Net.Sockets;

namespace Alert.EndToEnd.Tests.Infrastructure;

internal static class FreePorts
{
    /// <summary>Ports the OS reports free on loopback; held together so the same one is not handed out twice.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
