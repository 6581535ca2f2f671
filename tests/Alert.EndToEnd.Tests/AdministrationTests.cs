using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Alert.EndToEnd.Tests;

/// <summary>
/// Keys made by an administrator (and on the command line) against the running service: scoped to their own
/// territory by code and by polygon, revoked at once, shown once and never stored, and every attempt in the audit log.
/// </summary>
public sealed class AdministrationTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private const string Admin = "dev-admin";

    private AlertHubProcess Host => fixture.Host;

    private static object Evacuation(string issuer, string municipality, object? geometry = null) => new
    {
        category = "evacuation", status = "actual", issuer, headline = "避難指示", disaster = $"鍵 {Guid.NewGuid():N}", level = 4,
        areas = new[] { geometry is null ? (object)new { municipality, name = "一帯" } : new { name = "範囲", geometry } },
    };

    private async Task<JsonElement> CreateKeyAsync(string organisation, object? body = null)
    {
        using var admin = Host.CreateClient(Admin);
        using var response = body is null
            ? await admin.PostAsync($"/api/v1/admin/organisations/{organisation}/keys", null)
            : await admin.PostAsJsonAsync($"/api/v1/admin/organisations/{organisation}/keys", body);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return created;
    }

    private async Task<HttpStatusCode> IssueAsync(string key, object notice)
    {
        using var client = Host.CreateClient(key);
        using var response = await client.PostAsJsonAsync("/api/v1/notices", notice);
        return response.StatusCode;
    }

    private async Task<List<JsonElement>> AuditAsync(string organisation, int atLeast)
    {
        using var admin = Host.CreateClient(Admin);
        for (var attempt = 0; ; attempt++)
        {
            // The audit writer batches off the request path: poll until the entries are there.
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?organisation={organisation}&limit=1000");
            var entries = page.GetProperty("entries").EnumerateArray().ToList();
            if (entries.Count >= atLeast || attempt == 50)
            {
                return entries;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_municipality_key_issues_only_for_its_own_area_and_stops_at_once_when_revoked()
    {
        var created = await CreateKeyAsync("13102"); // 中央区
        var key = created.GetProperty("key").GetString()!;
        var keyId = created.GetProperty("keyId").GetString()!;
        Assert.Equal(["issue:13102", "subscribe"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal(HttpStatusCode.Created, await IssueAsync(key, Evacuation("13102", "13102")));
        Assert.Equal(HttpStatusCode.Forbidden, await IssueAsync(key, Evacuation("13101", "13101"))); // the neighbour by code
        Assert.Equal(HttpStatusCode.Forbidden, await IssueAsync(key, Evacuation("13102", "13101"))); // its own name, the neighbour's area
        var palace = new { type = "Polygon", coordinates = new[] { new[] { new[] { 139.748, 35.680 }, new[] { 139.756, 35.680 }, new[] { 139.756, 35.688 }, new[] { 139.748, 35.688 }, new[] { 139.748, 35.680 } } } };
        Assert.Equal(HttpStatusCode.Forbidden, await IssueAsync(key, Evacuation("13102", "13102", palace))); // the neighbour by polygon (皇居, 千代田区)

        using (var admin = Host.CreateClient(Admin))
        {
            using var revoked = await admin.DeleteAsync($"/api/v1/admin/keys/{keyId}");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            var keys = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/organisations/13102/keys");
            var listed = keys.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == keyId);
            Assert.False(listed.GetProperty("active").GetBoolean());
            Assert.False(listed.TryGetProperty("key", out _)); // a key is shown once, when made
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await IssueAsync(key, Evacuation("13102", "13102")));

        var audit = await AuditAsync("13102", 4);
        Assert.Contains(audit, e => e.GetProperty("outcome").GetString() == "accepted" && e.GetProperty("keyId").GetString() == keyId
            && e.GetProperty("detail").GetString()!.StartsWith("/api/v1/notices/", StringComparison.Ordinal));
        Assert.Equal(3, audit.Count(e => e.GetProperty("outcome").GetString() == "forbidden" && e.GetProperty("keyId").GetString() == keyId));
        Assert.All(audit, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("source").GetString())));

        using var admin2 = Host.CreateClient(Admin);
        var failures = await admin2.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit?outcome=authentication-failed&limit=1000");
        Assert.Contains(failures.GetProperty("entries").EnumerateArray(), e => e.GetProperty("detail").GetString() == "unknown or revoked key presented");
        Assert.DoesNotContain(key, failures.ToString(), StringComparison.Ordinal);

        // SOAP answers every refusal with 200 and a code; the audit log still says what happened.
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };
        using var soap = await anonymous.PostAsync("/soap/publiccommons", new StringContent(
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>", System.Text.Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.OK, soap.StatusCode);
        for (var attempt = 0; ; attempt++)
        {
            var soapFailures = await admin2.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit?outcome=authentication-failed&limit=1000");
            if (soapFailures.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("path").GetString() == "/soap/publiccommons") || attempt == 50)
            {
                Assert.Contains(soapFailures.GetProperty("entries").EnumerateArray(), e => e.GetProperty("path").GetString() == "/soap/publiccommons");
                break;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_subscription_opened_with_a_key_closes_when_the_key_is_revoked()
    {
        using (var admin = Host.CreateClient(Admin))
        {
            using var added = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { id = "app-maker", kind = "transmitter", name = "防災アプリ" });
        }

        var created = await CreateKeyAsync("app-maker");
        await using var app = await Subscriber.ConnectAsync(Host, created.GetProperty("key").GetString()!);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await app.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" } });

        // The same key's gRPC feed, as a broadcast system would hold it.
        var key = created.GetProperty("key").GetString()!;
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(Host.GrpcAddress, new Grpc.Net.Client.GrpcChannelOptions
        {
            Credentials = Grpc.Core.ChannelCredentials.Create(Grpc.Core.ChannelCredentials.Insecure, Grpc.Core.CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", $"Bearer {key}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        using var feed = new Alert.Contracts.Protos.NoticeFeed.NoticeFeedClient(channel).Subscribe(new Alert.Contracts.Protos.SubscribeRequest { Prefectures = { "13" } });
        Assert.True(await feed.ResponseStream.MoveNext(CancellationToken.None)); // the stream is open (a heartbeat or a notice)

        using (var admin = Host.CreateClient(Admin))
        {
            using var revoked = await admin.DeleteAsync($"/api/v1/admin/keys/{created.GetProperty("keyId").GetString()}");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // 30 s bounds a hang; the watcher looks every second.
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(30))));
        var ended = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await foreach (var unused in feed.ResponseStream.ReadAllAsync(timeout.Token))
            {
            }
        });
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, ended.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => Subscriber.ConnectAsync(Host, created.GetProperty("key").GetString()!));
    }

    [Fact]
    public async Task Scopes_beyond_the_organisation_and_non_administrators_are_refused()
    {
        using (var admin = Host.CreateClient(Admin))
        {
            using var neighbour = await admin.PostAsJsonAsync("/api/v1/admin/organisations/13103/keys", new { scopes = new[] { "issue:13101" } });
            Assert.Equal((HttpStatusCode)422, neighbour.StatusCode);
            var problem = await neighbour.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("scope-for-organisation", problem.GetProperty("errors")[0].GetProperty("rule").GetString());

            using var unknown = await admin.PostAsync("/api/v1/admin/organisations/no-such-org/keys", null);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

            using var transmitter = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { id = "tv-kanto", kind = "transmitter", name = "関東テレビ" });
            Assert.Equal(HttpStatusCode.Created, transmitter.StatusCode);
            using var again = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { id = "tv-kanto", kind = "administrator" });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var tv = (await CreateKeyAsync("tv-kanto")).GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, await IssueAsync(tv, Evacuation("13101", "13101"))); // transmitters only read
        using var reader = Host.CreateClient(tv);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/prefectures/13/notices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/v1/admin/organisations/13101/keys", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task The_command_line_makes_lists_and_revokes_keys_the_running_service_honours_at_once()
    {
        async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet", [RepositoryPaths.SiloAssembly, .. arguments, $"--AlertHub:DataDirectory={Host.DataDirectory}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output, error);
        }

        var (exit, output, error) = await RunAsync("keys", "create", "27100");
        Assert.True(exit == 0, error);
        var created = JsonDocument.Parse(output).RootElement;
        var key = created.GetProperty("key").GetString()!;
        var keyId = created.GetProperty("keyId").GetString()!;
        Assert.Equal(["issue:27100", "subscribe"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.Created, await IssueAsync(key, Evacuation("27100", "27128"))); // 大阪市中央区, a ward of the city

        var listed = await RunAsync("keys", "list", "27100");
        Assert.Equal(0, listed.Exit);
        Assert.Contains(keyId, listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);

        Assert.Equal(1, (await RunAsync("keys", "create", "27100", "--scope", "issue:13101")).Exit); // a scope not its own
        Assert.Equal(0, (await RunAsync("keys", "revoke", keyId)).Exit);
        Assert.Equal(HttpStatusCode.Unauthorized, await IssueAsync(key, Evacuation("27100", "27128")));
        Assert.Equal(2, (await RunAsync("keys", "frobnicate")).Exit);
    }
}
