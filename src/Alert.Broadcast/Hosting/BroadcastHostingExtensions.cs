using System.Text.Encodings.Web;
using Alert.Broadcast.Fanout;
using Alert.Broadcast.Feeds;
using Alert.Broadcast.Hubs;
using Alert.Broadcast.Hubs.DirectSend;
using Alert.Broadcast.Subscriptions;
using Alert.Broadcast.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alert.Broadcast.Hosting;

public static class BroadcastHostingExtensions
{
    /// <summary>SignalR (JSON and MessagePack), this host's observer and its registration with the sequencers.</summary>
    public static IHostApplicationBuilder AddAlertBroadcast(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024)
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.PropertyNameCaseInsensitive = true;
                o.PayloadSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            })
            .AddMessagePackProtocol();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        builder.Services.AddOptions<BroadcastOptions>().BindConfiguration(BroadcastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new SubscriberRegistry(sp.GetRequiredService<Geo.JapanGeography>(), sp.GetRequiredService<SubscriberContext>().Publications));
        builder.Services.AddSingleton<SubscriberContext>();
        builder.Services.AddOptions<Delivery.DeliveryOptions>().BindConfiguration(Delivery.DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Delivery.DeliveryTracker>();
        builder.Services.AddOptions<Webhooks.WebhookOptions>().BindConfiguration(Webhooks.WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Webhooks.WebhookSender>();
        builder.Services.AddHttpClient(Webhooks.WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Delivery.DeliveryTracker>());
        builder.Services.AddHostedService<SubscriberHeartbeat>();
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 64 * 1024);
        builder.Services.AddSingleton<Grpc.OpenFeedStreams>();
        builder.Services.AddSingleton<Summary.PrefectureSummaryBuilder>();
        builder.Services.AddSingleton<Formats.NoticePlaces>();
        builder.Services.AddSingleton<Formats.Cap.CapAlertWriter>();
        builder.Services.AddSingleton<Formats.Atom.AtomFeedWriter>();
        builder.Services.AddSingleton<Formats.Edxl.EdxlDistributionWriter>();
        builder.Services.AddSingleton<Formats.GeoJson.NoticeFeatureWriter>();
        builder.Services.AddSingleton<JournalReader>();
        builder.Services.AddSingleton<TrackingHubLifetimeManager>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.SignalR.HubLifetimeManager<NoticeHub>>(sp => sp.GetRequiredService<TrackingHubLifetimeManager>());
        builder.Services.AddSingleton<INoticeSender, HubNoticeSender>();
        builder.Services.AddSingleton<BroadcastHost>();
        builder.Services.AddSingleton<BroadcastHostRegistration>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BroadcastHostRegistration>());
        builder.Services.AddHealthChecks().AddCheck<BroadcastHostRegistration>("broadcast-host", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// WebSockets for the whole host, with the hub's sockets remembered as they are accepted so the hub's connections
    /// can write to them directly (<see cref="BroadcastOptions.DirectWebSocketSend"/>). Call before the endpoints run.
    /// </summary>
    public static IApplicationBuilder UseAlertBroadcast(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets();
        if (app.ApplicationServices.GetRequiredService<IOptions<BroadcastOptions>>().Value.DirectWebSocketSend)
        {
            app.Use((context, next) =>
            {
                AcceptedWebSocketFeature.InstallOn(context, NoticeHub.Path);
                return next(context);
            });
        }

        return app;
    }

    /// <summary>Maps where notices leave: the hub and the read/feed endpoints.</summary>
    public static IEndpointRouteBuilder MapAlertBroadcast(this IEndpointRouteBuilder endpoints)
    {
        // MapHub<NoticeHub> spelled out, to put the direct-send middleware in front of the hub on each connection.
        var hub = endpoints.MapConnections(NoticeHub.Path, new HttpConnectionDispatcherOptions(), connection =>
        {
            connection.UseDirectWebSocketSend();
            connection.UseHub<NoticeHub>();
        });
        hub.Add(endpoint =>
        {
            foreach (var attribute in typeof(NoticeHub).GetCustomAttributes(inherit: true))
            {
                endpoint.Metadata.Add(attribute);
            }

            endpoint.Metadata.Add(new HubMetadata(typeof(NoticeHub)));
        });
        hub.RequireRateLimiting(Contracts.Security.AlertHubRateLimits.Connect);
        endpoints.MapGrpcService<Grpc.NoticeFeedService>();
        endpoints.MapFeeds();
        endpoints.MapDeliveries();
        endpoints.MapWebhooks();
        return endpoints;
    }
}
