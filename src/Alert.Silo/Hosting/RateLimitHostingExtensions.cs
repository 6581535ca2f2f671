using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Silo.Security;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Hosting;

public static class RateLimitHostingExtensions
{
    /// <summary>Token buckets per organisation for ingest and for opening subscriptions; refusals are 429 problems with Retry-After.</summary>
    public static IHostApplicationBuilder AddAlertHubRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(AlertHubRateLimits.Ingest, context => context.User.HasClaim(c => c.Type == AlertHubClaims.Relay)
                ? Bucket(context, "relay", o => (o.RelayIngestBurst, o.RelayIngestPerSecond))
                : Bucket(context, "ingest", o => (o.IngestBurst, o.IngestPerSecond)));
            limiter.AddPolicy(AlertHubRateLimits.Connect, context => Bucket(context, "connect", o => (o.ConnectBurst, o.ConnectPerSecond)));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problem = new Problem("https://alerthub.jp/problems/rate-limited", "要求が多すぎます", 429,
                    $"この組織からの要求が上限を超えました。{retryAfter} 秒後に再送してください（同じ内容の再送は重複になりません）。",
                    "Too many requests", $"This organisation has sent more than its limit; send again in {retryAfter} s (an identical re-send never duplicates).");
                await response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, Problem.ContentType, cancellationToken);
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> Bucket(HttpContext context, string purpose, Func<RateLimitOptions, (int Burst, int PerSecond)> limits)
    {
        // One bucket per organisation on this host, whichever of its keys it uses; callers without a key, per source address.
        var organisation = context.User.FindFirstValue(AlertHubClaims.Organisation)
            ?? $"address:{context.Connection.RemoteIpAddress}";
        var (burst, perSecond) = limits(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetTokenBucketLimiter($"{purpose}:{organisation}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
