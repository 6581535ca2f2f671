using System.Text.Json;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Alert.Broadcast.Webhooks;

/// <summary>
/// <c>/api/v1/webhooks</c>: a transmitter registers an endpoint and a secret for some prefectures, sees how delivery
/// stands (cursor per prefecture, circuit, dead letters) and removes it. An organisation sees its own webhooks; an
/// administrator sees all.
/// </summary>
internal static class WebhookEndpoints
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public static void MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/webhooks").RequireAuthorization(AlertHubPolicies.Read);
        group.MapPost("", RegisterAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/dead-letters", GetDeadLettersAsync);
        group.MapDelete("/{id}", DeleteAsync);
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, IGrainFactory grains, IWebhookStore store, IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The same reading rules and problems as every other door (JsonRequests); the limit is enforced while reading,
        // so an oversized body is never buffered.
        if (!context.Request.HasJsonContentType())
        {
            return Problem(JsonRequests.UnsupportedMediaType());
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        JsonElement body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            var (document, problem) = JsonRequests.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            if (document is null)
            {
                return Problem(problem!);
            }

            using (document)
            {
                body = document.RootElement.Clone();
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(JsonRequests.TooLarge(MaxBodyBytes));
        }

        var organisation = Organisation(context);
        var (registration, errors) = Read(body, organisation, options.Value, clock.GetUtcNow());
        if (registration is null)
        {
            return Problem(Problems.Invalid(errors));
        }

        // A replayed registration must not create a second endpoint that gets everything twice.
        var existing = (await store.ForOrganisationAsync(organisation, cancellationToken)).FirstOrDefault(w => w.Url == registration.Url);
        if (existing is not null)
        {
            return Problem(new Problem("https://alerthub.jp/problems/conflict", "競合しています", 409,
                $"この URL は Webhook {existing.Id} として登録済みです。変更するには削除してから登録してください。", "Conflict",
                $"This URL is already registered as webhook {existing.Id}; delete it first to register it again."));
        }

        var created = await grains.GetGrain<IWebhookGrain>(registration.Id).Register(registration, cancellationToken);
        return Results.Created($"/api/v1/webhooks/{created.Id}", View(created, await grains.GetGrain<IWebhookGrain>(created.Id).GetStatus(cancellationToken)));
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, IWebhookStore store, CancellationToken cancellationToken)
    {
        var registrations = await store.ForOrganisationAsync(IsAdmin(context) ? null : Organisation(context), cancellationToken);
        var views = new List<object>();
        foreach (var registration in registrations)
        {
            views.Add(View(registration, await grains.GetGrain<IWebhookGrain>(registration.Id).GetStatus(cancellationToken)));
        }

        return Results.Ok(new { webhooks = views });
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken) =>
        await Visible(id, context, grains, cancellationToken) is { } registration
            ? Results.Ok(View(registration, await grains.GetGrain<IWebhookGrain>(id).GetStatus(cancellationToken)))
            : NotFound(id);

    private static async Task<IResult> GetDeadLettersAsync(string id, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken) =>
        await Visible(id, context, grains, cancellationToken) is not null
            ? Results.Ok(new { id, deadLetters = await grains.GetGrain<IWebhookGrain>(id).GetDeadLetters(cancellationToken) })
            : NotFound(id);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await Visible(id, context, grains, cancellationToken) is null)
        {
            return NotFound(id);
        }

        await grains.GetGrain<IWebhookGrain>(id).Delete(cancellationToken);
        return Results.NoContent();
    }

    private static (WebhookRegistration? Registration, List<ProblemError> Errors) Read(JsonElement body, string organisation, WebhookOptions options, DateTimeOffset now)
    {
        var errors = new List<ProblemError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ProblemError("$", "object", "本文は JSON オブジェクトにしてください。", "The body must be a JSON object."));
            return (null, errors);
        }

        Uri? url = null;
        if (!body.TryGetProperty("url", out var urlValue) || urlValue.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(urlValue.GetString(), UriKind.Absolute, out url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add(new ProblemError("url", "absolute-http-url", "url は絶対 URL（https://…）にしてください。", "url must be an absolute URL (https://…)."));
        }
        else if (url.Scheme == "http" && !url.IsLoopback && !options.AllowHttp)
        {
            errors.Add(new ProblemError("url", "https", "url は https にしてください（http はループバックのみ）。", "url must use https (plain http only for loopback)."));
        }

        var secret = body.TryGetProperty("secret", out var secretValue) && secretValue.ValueKind == JsonValueKind.String ? secretValue.GetString()! : null;
        if (secret is null || secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(char.IsControl))
        {
            errors.Add(new ProblemError("secret", "length", $"secret は {MinSecretLength}〜{MaxSecretLength} 文字（制御文字なし）にしてください。",
                $"secret must be {MinSecretLength} to {MaxSecretLength} characters without control characters."));
        }

        var prefectures = Strings(body, "prefectures");
        if (prefectures is null || prefectures.Count == 0 || prefectures.Any(p => !PrefectureCodes.IsValid(p)))
        {
            errors.Add(new ProblemError("prefectures", "prefecture-codes", "prefectures は都道府県コード（01〜47）の配列にしてください。", "prefectures must be an array of prefecture codes (01 to 47)."));
        }

        var statuses = body.TryGetProperty("statuses", out _) ? Strings(body, "statuses") : [NoticeStatus.Actual];
        if (statuses is null || statuses.Count == 0 || statuses.Any(s => !NoticeStatus.All.Contains(s)))
        {
            errors.Add(new ProblemError("statuses", "statuses", "statuses は actual, exercise, test から選んでください。", "statuses must be chosen from actual, exercise and test."));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new WebhookRegistration($"wh-{Guid.CreateVersion7():N}", organisation, url!, secret!, [.. prefectures!.Distinct(StringComparer.Ordinal)], [.. statuses!.Distinct(StringComparer.Ordinal)], now), errors);
    }

    private static List<string>? Strings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > 47)
        {
            return null;
        }

        var strings = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            strings.Add(item.GetString()!);
        }

        return strings;
    }

    private static async Task<WebhookRegistration?> Visible(string id, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!id.StartsWith("wh-", StringComparison.Ordinal) || id.Length > 64)
        {
            return null;
        }

        var registration = await grains.GetGrain<IWebhookGrain>(id).GetRegistration(cancellationToken);
        return registration is not null && (IsAdmin(context) || registration.Organisation == Organisation(context)) ? registration : null;
    }

    // The secret is never shown again after registration: it is the transmitter's to keep.
    private static object View(WebhookRegistration registration, WebhookStatus? status) => new
    {
        id = registration.Id,
        organisation = registration.Organisation,
        url = registration.Url,
        prefectures = registration.Prefectures,
        statuses = registration.Statuses,
        createdAt = registration.CreatedAt,
        delivery = status is null ? null : new
        {
            circuit = status.Circuit,
            delivered = status.Delivered,
            latest = status.Latest,
            behind = status.Latest.Sum(l => Math.Max(0, l.Value - status.Delivered.GetValueOrDefault(l.Key))),
            deadLetters = status.DeadLetters,
            lastSuccessAt = status.LastSuccessAt,
            lastFailureAt = status.LastFailureAt,
            lastError = status.LastError,
        },
        signature = "X-AlertHub-Signature: sha256=hex(HMAC-SHA256(secret, X-AlertHub-Timestamp + \".\" + body)); docs/WEBHOOKS.md",
    };

    private static string Organisation(HttpContext context) => context.User.FindFirst(AlertHubClaims.Organisation)?.Value ?? string.Empty;

    private static bool IsAdmin(HttpContext context) => context.User.HasClaim(c => c.Type == AlertHubClaims.Admin);

    private static IResult NotFound(string id) => Problem(Problems.NotFound($"Webhook {id} はありません。", $"There is no webhook {id}."));

    private static IResult Problem(Problem problem) => Results.Json(problem, statusCode: problem.Status, contentType: Contracts.Problems.Problem.ContentType);
}
