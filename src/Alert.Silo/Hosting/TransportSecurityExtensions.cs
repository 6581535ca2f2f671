namespace Alert.Silo.Hosting;

public static class TransportSecurityExtensions
{
    /// <summary>
    /// Request limits stated rather than inherited: headers at most 16 KiB in all and 64 of them, a default body limit
    /// of 4 MiB (each door sets its own, smaller where it can), and HSTS for a year outside Development.
    /// </summary>
    public static IHostApplicationBuilder AddAlertHubTransportSecurity(this IHostApplicationBuilder builder, IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        return builder;
    }

    /// <summary>
    /// Headers for an API that serves no pages: nothing may frame, sniff or script it, and no referrer leaves it.
    /// HSTS is sent on HTTPS outside Development (a browser remembering it for localhost would break other work).
    /// </summary>
    public static IApplicationBuilder UseAlertHubSecureHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-site";
            return next(context);
        });
    }
}
