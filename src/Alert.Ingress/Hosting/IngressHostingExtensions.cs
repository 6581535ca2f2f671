using Alert.Ingress.Geography;
using Alert.Ingress.Notices;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alert.Ingress.Hosting;

public static class IngressHostingExtensions
{
    /// <summary>Services behind the issuers' HTTP API.</summary>
    public static IHostApplicationBuilder AddAlertIngress(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NoticeResolver>();
        builder.Services.AddSingleton<Documents.DocumentIngest>();
        builder.Services.AddSingleton<Jma.JmaRelay>();
        return builder;
    }

    /// <summary>Maps where notices enter (<c>POST /api/v1/notices</c>) and the issuers' map look-ups.</summary>
    public static IEndpointRouteBuilder MapAlertIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNoticeIngress();
        Cap.CapEndpoints.MapCapIngress(endpoints);
        Edxl.EdxlEndpoints.MapEdxlIngress(endpoints);
        Jma.JmaEndpoints.MapJmaIngress(endpoints);
        endpoints.MapGeography();
        return endpoints;
    }
}
