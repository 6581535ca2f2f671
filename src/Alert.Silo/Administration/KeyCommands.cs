using System.Text.Json;
using Alert.Geo;
using Alert.Silo.Hosting;
using Alert.Silo.Journal;
using Alert.Silo.Security.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alert.Silo.Administration;

/// <summary>
/// The administration API on the command line, against the data directory, with no key needed: how the first
/// administrator key of a production install is made, and how a key is revoked when the service is down.
/// <code>
/// dotnet run --project src/Alert.Silo -- keys create 13101 [--scope issue:13101 --scope subscribe]
/// dotnet run --project src/Alert.Silo -- keys list 13101
/// dotnet run --project src/Alert.Silo -- keys revoke KEYID
/// dotnet run --project src/Alert.Silo -- organisations add ops administrator "AlertHub 運用"
/// </code>
/// </summary>
public static class KeyCommands
{
    public static bool IsCommand(string[] args) => args is ["keys" or "organisations", ..];

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var dataDirectory = configuration[$"{AlertHubOptions.Section}:DataDirectory"] ?? new AlertHubOptions().DataDirectory;
        var options = Options.Create(new SqliteJournalOptions { DatabasePath = Path.Combine(Path.GetFullPath(dataDirectory), "journal.db") });
        using var journal = new SqliteNoticeJournal(options, NullLogger<SqliteNoticeJournal>.Instance);
        var registry = new SqliteKeyRegistry(options, journal, TimeProvider.System);
        var json = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        // Configuration given beside the command (--AlertHub:DataDirectory=…) is read above, not part of the command.
        string[] command = [.. args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal)))];
        switch (command)
        {
            case ["keys", "create", var organisationId, .. var rest]:
            {
                var geography = JapanGeography.LoadEmbedded();
                var organisation = OrganisationRules.Resolve(organisationId, registry, geography);
                if (organisation is null)
                {
                    return Fail(error, $"組織 {organisationId} は登録されていません（先に organisations add）。", $"There is no registered organisation {organisationId} (run organisations add first).");
                }

                var scopes = Scopes(rest) is { Count: > 0 } given ? given : KeyScopes.Defaults(organisation.Kind, organisation.Id);
                var refused = scopes.Where(s => !KeyScopes.IsAllowed(organisation.Kind, organisation.Id, s)).ToList();
                if (refused.Count > 0)
                {
                    return Fail(error, $"組織 {organisation.Id} には付与できない権限です: {KeyScopes.Describe(refused)}", $"These scopes cannot be granted to {organisation.Id}: {KeyScopes.Describe(refused)}");
                }

                registry.AddOrganisation(organisation.Id, organisation.Kind, organisation.Name); // no-op when registered
                var (record, key) = registry.CreateKey(organisation.Id, scopes, "command-line");
                output.WriteLine(JsonSerializer.Serialize(new { keyId = record.KeyId, key, organisation = record.Organisation, scopes = record.Scopes }, json));
                return 0;
            }

            case ["keys", "list", var organisationId]:
                output.WriteLine(JsonSerializer.Serialize(registry.KeysOf(organisationId).Select(k => new { keyId = k.KeyId, scopes = k.Scopes, createdAt = k.CreatedAt, revokedAt = k.RevokedAt }), json));
                return 0;

            case ["keys", "revoke", var keyId]:
                return registry.Revoke(keyId) ? 0 : Fail(error, $"有効な API キー {keyId} はありません。", $"There is no active API key {keyId}.");

            case ["organisations", "add", var id, var kindText, .. var name]:
            {
                if (!Enum.TryParse<OrganisationKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
                {
                    return Fail(error, "種別は municipality, prefecture, transmitter, relay, administrator のいずれかです。", "kind must be municipality, prefecture, transmitter, relay or administrator.");
                }

                var (organisation, problem) = OrganisationRules.Check(id, kind, name.Length > 0 ? string.Join(' ', name) : null, JapanGeography.LoadEmbedded());
                if (problem is not null)
                {
                    return Fail(error, problem.Message, problem.MessageEn);
                }

                return registry.AddOrganisation(organisation!.Id, organisation.Kind, organisation.Name) ? 0 : Fail(error, $"組織 {id} は登録済みです。", $"Organisation {id} is already registered.");
            }

            default:
                error.WriteLine("usage: keys create ORGANISATION [--scope SCOPE]... | keys list ORGANISATION | keys revoke KEYID | organisations add ID KIND [NAME]");
                return 2;
        }
    }

    private static List<string> Scopes(string[] rest)
    {
        var scopes = new List<string>();
        for (var i = 0; i + 1 < rest.Length; i++)
        {
            if (rest[i] == "--scope")
            {
                scopes.Add(rest[++i]);
            }
        }

        return scopes;
    }

    private static int Fail(TextWriter error, string message, string messageEn)
    {
        error.WriteLine($"{message} / {messageEn}");
        return 1;
    }
}
