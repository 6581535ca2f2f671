using System.Security.Claims;
using System.Text.Json;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Geo;
using Alert.Ingress.Validation;
using Alert.Silo.Security.Keys;

namespace Alert.Silo.Administration;

/// <summary>
/// Organisations and their keys, for administrators only: register an organisation, make a key (shown once), list
/// keys without their secrets, revoke one. Rotation is a new key, then revoking the old one once the caller has
/// switched. The command line (<c>dotnet run --project src/Alert.Silo -- keys …</c>) does the same without a key.
/// </summary>
public static class AdminEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapOrganisationsAndKeys(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/admin").RequireAuthorization(AlertHubPolicies.Admin);
        admin.MapGet("/organisations", (SqliteKeyRegistry registry) => Results.Ok(new { organisations = registry.Organisations().Select(View) }));
        admin.MapPost("/organisations", AddOrganisationAsync);
        admin.MapGet("/organisations/{id}/keys", (string id, SqliteKeyRegistry registry) =>
            registry.FindOrganisation(id) is null ? NotFound(id) : Results.Ok(new { organisation = id, keys = registry.KeysOf(id).Select(View) }));
        admin.MapPost("/organisations/{id}/keys", CreateKeyAsync);
        admin.MapDelete("/keys/{keyId}", (string keyId, SqliteKeyRegistry registry) => registry.Revoke(keyId)
            ? Results.NoContent()
            : Problem(Problems.NotFound($"有効な API キー {keyId} はありません（存在しないか取り消し済み）。", $"There is no active API key {keyId} (unknown or already revoked).")));
        return endpoints;
    }

    private static async Task<IResult> AddOrganisationAsync(HttpContext context, SqliteKeyRegistry registry, JapanGeography geography, CancellationToken cancellationToken)
    {
        var (document, refused) = await JsonBody.ReadAsync(context, MaxBodyBytes, cancellationToken);
        if (document is null)
        {
            return refused!;
        }

        using (document)
        {
            var errors = new List<ProblemError>();
            var id = Text(document.RootElement, "id", errors);
            var kindText = Text(document.RootElement, "kind", errors);
            var name = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            OrganisationKind? kind = Enum.TryParse<OrganisationKind>(kindText, ignoreCase: true, out var parsed) && !int.TryParse(kindText, out _) ? parsed : null;
            if (kindText is not null && kind is null)
            {
                errors.Add(new ProblemError("kind", "allowed-value", "kind は municipality, prefecture, transmitter, relay, administrator のいずれかです。",
                    "kind must be one of municipality, prefecture, transmitter, relay, administrator."));
            }

            if (errors.Count > 0)
            {
                return Problem(Problems.Invalid(errors));
            }

            var (organisation, error) = OrganisationRules.Check(id!, kind!.Value, name, geography);
            if (error is not null)
            {
                return Problem(Problems.Invalid([error]));
            }

            return registry.AddOrganisation(organisation!.Id, organisation.Kind, organisation.Name)
                ? Results.Created($"/api/v1/admin/organisations/{organisation.Id}/keys", View(registry.FindOrganisation(organisation.Id)!))
                : Problem(Problems.Conflict($"組織 {organisation.Id} は登録済みです。", $"Organisation {organisation.Id} is already registered.", null));
        }
    }

    private static async Task<IResult> CreateKeyAsync(string id, HttpContext context, SqliteKeyRegistry registry, JapanGeography geography, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? scopes = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (document, refused) = await JsonBody.ReadAsync(context, MaxBodyBytes, cancellationToken);
            if (document is null)
            {
                return refused!;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object || (document.RootElement.TryGetProperty("scopes", out var list) && list.ValueKind != JsonValueKind.Array)
                    || (list.ValueKind == JsonValueKind.Array && list.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String)))
                {
                    return Problem(Problems.Invalid([new ProblemError("scopes", "string-array", "scopes は文字列の配列です（例: [\"issue:13101\", \"subscribe\"]）。",
                        "scopes must be an array of strings (for example [\"issue:13101\", \"subscribe\"]).")]));
                }

                scopes = list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(s => s.GetString()!).Distinct(StringComparer.Ordinal)] : null;
            }
        }

        var organisation = OrganisationRules.Resolve(id, registry, geography);
        if (organisation is null)
        {
            return NotFound(id);
        }

        var granted = scopes ?? KeyScopes.Defaults(organisation.Kind, organisation.Id);
        var refusedScopes = granted.Where(s => !KeyScopes.IsAllowed(organisation.Kind, organisation.Id, s)).ToList();
        if (granted.Count == 0 || refusedScopes.Count > 0)
        {
            return Problem(Problems.Invalid([new ProblemError("scopes", "scope-for-organisation",
                $"組織 {organisation.Id}（{organisation.Kind}）には付与できない権限です: {KeyScopes.Describe(refusedScopes)}",
                $"These scopes cannot be granted to organisation {organisation.Id} ({organisation.Kind}): {KeyScopes.Describe(refusedScopes)}")]));
        }

        registry.AddOrganisation(organisation.Id, organisation.Kind, organisation.Name); // no-op when registered
        var (record, key) = registry.CreateKey(organisation.Id, granted, context.User.FindFirstValue(AlertHubClaims.KeyId) ?? "unknown");
        context.Response.Headers.CacheControl = "no-store"; // the key is shown once and must not be kept by any cache
        return Results.Created($"/api/v1/admin/organisations/{organisation.Id}/keys", new
        {
            keyId = record.KeyId,
            key,
            organisation = record.Organisation,
            scopes = record.Scopes,
            createdAt = record.CreatedAt,
        });
    }

    private static string? Text(JsonElement body, string field, List<ProblemError> errors)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        errors.Add(new ProblemError(field, "required", $"{field} は必須の文字列です。", $"{field} is a required string."));
        return null;
    }

    private static object View(Organisation organisation) => new { id = organisation.Id, kind = organisation.Kind.ToString().ToLowerInvariant(), name = organisation.Name, createdAt = organisation.CreatedAt };

    private static object View(RegisteredKey key) => new { keyId = key.KeyId, scopes = key.Scopes, createdAt = key.CreatedAt, createdBy = key.CreatedBy, revokedAt = key.RevokedAt, active = key.Active };

    private static IResult NotFound(string id) => Problem(Problems.NotFound($"組織 {id} は登録されていません。", $"There is no registered organisation {id}."));

    private static IResult Problem(Problem problem) => Results.Json(problem, statusCode: problem.Status, contentType: Contracts.Problems.Problem.ContentType);
}
