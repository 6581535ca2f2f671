using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alert.Broadcast.Formats.Atom;
using Alert.Broadcast.Formats.Cap;
using Alert.Broadcast.Formats.GeoJson;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Alert.Broadcast.Feeds;

/// <summary>
/// Where notices leave in standard formats for systems that already speak them: Atom feeds of CAP 1.2 entries per
/// prefecture and nationwide (with <c>ETag</c> / <c>If-None-Match</c>, so pollers pay nothing when nothing changed),
/// and notices in force as GeoJSON for maps. A single notice as CAP is content negotiation on <c>GET /api/v1/notices/{id}</c>.
/// </summary>
internal static class StandardFormatEndpoints
{
    /// <summary>Entries per Atom feed: the newest revisions.</summary>
    public const int FeedEntries = 50;

    // Sequences read back per prefecture to find FeedEntries of the wanted statuses.
    private const int Window = 200;

    public static void MapStandardFormats(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/prefectures/{prefecture}/feed.atom", PrefectureAtomAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/feed.atom", NationalAtomAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/prefectures/{prefecture}/notices.geojson", PrefectureGeoJsonAsync).RequireAuthorization(AlertHubPolicies.Read);
        endpoints.MapGet("/api/v1/notices.geojson", NationalGeoJsonAsync).RequireAuthorization(AlertHubPolicies.Read);
    }

    public static bool WantsCap(HttpRequest request) => Wants(request, CapIdentity.ContentType);

    public static bool Wants(HttpRequest request, string mediaType) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);

    public static Uri BaseUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");

    private static Task<IResult> PrefectureAtomAsync(
        string prefecture, string? status, HttpContext context, IGrainFactory grains, AtomFeedWriter atom, CancellationToken cancellationToken) =>
        FeedEndpoints.Check(prefecture, status) is { } problem
            ? Task.FromResult(problem)
            : AtomAsync([prefecture], FeedEndpoints.Statuses(status), context, grains, atom,
                new AtomFeedHead($"urn:alerthub:feed:{prefecture}:{string.Join('+', FeedEndpoints.Statuses(status))}", $"AlertHub {prefecture} — 発表中の情報 / notices", context.Request.Path + context.Request.QueryString),
                cancellationToken);

    private static Task<IResult> NationalAtomAsync(string? status, HttpContext context, IGrainFactory grains, AtomFeedWriter atom, CancellationToken cancellationToken) =>
        FeedEndpoints.CheckStatus(status) is { } problem
            ? Task.FromResult(problem)
            : AtomAsync(PrefectureCodes.All, FeedEndpoints.Statuses(status), context, grains, atom,
                new AtomFeedHead($"urn:alerthub:feed:jp:{string.Join('+', FeedEndpoints.Statuses(status))}", "AlertHub 全国 — 発表中の情報 / notices nationwide", context.Request.Path + context.Request.QueryString),
                cancellationToken);

    private static async Task<IResult> AtomAsync(
        IReadOnlyList<string> prefectures, string[] statuses, HttpContext context, IGrainFactory grains, AtomFeedWriter atom, AtomFeedHead head, CancellationToken cancellationToken)
    {
        // The feed changes only when a sequence moves: its tag is the prefectures' latest sequences and the statuses.
        var latest = await Task.WhenAll(prefectures.Select(p => grains.GetGrain<IPrefectureGrain>(p).ReadAfter(long.MaxValue - 1, 1, cancellationToken)));
        var tag = Tag(head.Id, latest.Select(page => (page.Prefecture, page.LatestSequence)));
        context.Response.Headers.ETag = tag;
        context.Response.Headers.CacheControl = "no-cache";
        if (Matches(context.Request, tag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var pages = await Task.WhenAll(latest.Where(l => l.LatestSequence > 0)
            .Select(l => grains.GetGrain<IPrefectureGrain>(l.Prefecture).ReadAfter(Math.Max(0, l.LatestSequence - Window), Window, cancellationToken)));
        var newest = pages.SelectMany(p => p.Envelopes)
            .Where(e => statuses.Contains(e.Status))
            .OrderByDescending(e => e.AcceptedAt).ThenByDescending(e => e.Sequence)
            .Take(FeedEntries)
            .ToList();

        // CAP references name every earlier revision with its time: read each revised notice's history once.
        var histories = new Dictionary<string, IReadOnlyList<NoticeEnvelope>>(StringComparer.Ordinal);
        foreach (var id in newest.Where(e => e.Revision > 1).Select(e => e.Id).Distinct(StringComparer.Ordinal))
        {
            histories[id] = await grains.GetGrain<IPrefectureGrain>(newest.First(e => e.Id == id).Prefecture).GetRevisions(id, cancellationToken);
        }

        var entries = newest.Select(e => (e, histories.GetValueOrDefault(e.Id) ?? (IReadOnlyList<NoticeEnvelope>)[])).ToList();
        return Results.Bytes(atom.Write(head, entries, BaseUri(context.Request)), AtomFeedWriter.ContentType + "; charset=utf-8");
    }

    private static async Task<IResult> PrefectureGeoJsonAsync(
        string prefecture, string? status, IGrainFactory grains, NoticeFeatureWriter features, CancellationToken cancellationToken)
    {
        if (FeedEndpoints.Check(prefecture, status) is { } problem)
        {
            return problem;
        }

        return GeoJson(features, await ActiveAsync(grains, [prefecture], FeedEndpoints.Statuses(status), cancellationToken));
    }

    private static async Task<IResult> NationalGeoJsonAsync(string? status, IGrainFactory grains, NoticeFeatureWriter features, CancellationToken cancellationToken)
    {
        if (FeedEndpoints.CheckStatus(status) is { } problem)
        {
            return problem;
        }

        return GeoJson(features, await ActiveAsync(grains, PrefectureCodes.All, FeedEndpoints.Statuses(status), cancellationToken));
    }

    private static IResult GeoJson(NoticeFeatureWriter features, IEnumerable<NoticeEnvelope> notices) =>
        Results.Bytes(features.Write(notices), NoticeFeatureWriter.ContentType + "; charset=utf-8");

    private static async Task<IEnumerable<NoticeEnvelope>> ActiveAsync(IGrainFactory grains, IReadOnlyList<string> prefectures, string[] statuses, CancellationToken cancellationToken)
    {
        var lists = await Task.WhenAll(prefectures.SelectMany(p => statuses.Select(s => grains.GetGrain<IPrefectureGrain>(p).GetActiveNotices(s, cancellationToken))));
        return lists.SelectMany(l => l).OrderBy(n => n.Prefecture, StringComparer.Ordinal).ThenBy(n => n.Sequence);
    }

    private static string Tag(string feed, IEnumerable<(string Prefecture, long Sequence)> latest)
    {
        var text = new StringBuilder(feed);
        foreach (var (prefecture, sequence) in latest)
        {
            text.Append('|').Append(prefecture).Append('=').Append(sequence.ToString(CultureInfo.InvariantCulture));
        }

        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24]}\"";
    }

    private static bool Matches(HttpRequest request, string tag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(tag, StringComparison.Ordinal));
}
