using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Alert.Silo.Hosting;

public static class GrpcEndpointExtensions
{
    /// <summary>
    /// With <c>AlertHub:GrpcPort</c> set, listens on the configured URLs as usual (HTTP/1.1 for REST, SignalR and
    /// browsers) and, beside each address, on the gRPC port with HTTP/2 only: cleartext HTTP/2 cannot share a port
    /// with HTTP/1.1, since there is no TLS negotiation to choose between them. Endpoints configured explicitly under
    /// <c>Kestrel:Endpoints</c> are left as the operator wrote them.
    /// </summary>
    public static IHostApplicationBuilder AddAlertHubGrpcEndpoint(this IHostApplicationBuilder builder, IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(webHost);
        var grpcPort = builder.Configuration.GetValue<int?>($"{AlertHubOptions.Section}:GrpcPort");
        if (grpcPort is not { } port || builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return builder;
        }

        var urls = (builder.Configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        webHost.ConfigureKestrel(kestrel =>
        {
            var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var url in urls.Select(u => BindingAddress.Parse(u)))
            {
                var https = url.Scheme == "https";
                Listen(kestrel, url.Host, url.Port, https ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1, https);
                if (hosts.Add(url.Host))
                {
                    Listen(kestrel, url.Host, port, HttpProtocols.Http2, https: false);
                }
            }
        });
        return builder;
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols, bool https)
    {
        void Configure(ListenOptions listen)
        {
            listen.Protocols = protocols;
            if (https)
            {
                listen.UseHttps();
            }
        }

        if (host is "localhost")
        {
            kestrel.ListenLocalhost(port, Configure);
        }
        else if (host is "*" or "+" || !IPAddress.TryParse(host, out var address))
        {
            kestrel.ListenAnyIP(port, Configure);
        }
        else
        {
            kestrel.Listen(address, port, Configure);
        }
    }
}
