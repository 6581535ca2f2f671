using System.Net.Http.Json;
using System.Text.Json;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>Accepted means durable: a 201 survives SIGKILL the next instant.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Notice_accepted_just_before_sigkill_is_on_the_board_and_replayed_with_the_same_sequence()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("alerthub-crash-").FullName;
        try
        {
            JsonElement accepted;
            await using (var first = await AlertHubProcess.StartAsync(dataDirectory))
            {
                accepted = await first.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("避難指示 crash"));
                await first.KillAsync();
            }

            var id = accepted.GetProperty("id").GetString()!;
            var sequence = accepted.GetProperty("sequence").GetInt64();

            await using var second = await AlertHubProcess.StartAsync(dataDirectory);
            using var client = second.CreateClient(Notices.Broadcaster);

            var notice = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}");
            Assert.Equal(sequence, notice.GetProperty("sequence").GetInt64());

            var board = await client.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/notices");
            Assert.Contains(board.GetProperty("notices").EnumerateArray(), n => n.GetProperty("id").GetString() == id);

            await using var subscriber = await Subscriber.ConnectAsync(second, Notices.Broadcaster);
            await subscriber.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, after = new Dictionary<string, long> { ["13"] = 0 } });
            var replayed = await subscriber.NextMatchingAsync(n => n.Id == id);
            Assert.Equal(sequence, replayed.Sequence);

            // The sequence continues after the crash: no reuse, no gap.
            var next = await second.IssueAsync(Notices.Municipality13101, Notices.ChiyodaEvacuation("避難指示 after crash"));
            Assert.Equal(sequence + 1, next.GetProperty("sequence").GetInt64());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Many_notices_accepted_concurrently_all_survive_sigkill()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("alerthub-crash-").FullName;
        try
        {
            List<JsonElement> accepted;
            await using (var first = await AlertHubProcess.StartAsync(dataDirectory))
            {
                accepted = [.. await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                    first.IssueAsync(Notices.Prefecture13, Notices.OnBehalf(i % 2 == 0 ? "13101" : "13102", $"concurrent {i}"))))];
                await first.KillAsync();
            }

            await using var second = await AlertHubProcess.StartAsync(dataDirectory);
            using var client = second.CreateClient(Notices.Broadcaster);
            var feed = await client.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/feed?after=0&limit=1000");
            var journalled = feed.GetProperty("envelopes").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("sequence").GetInt64());

            Assert.Equal(40, journalled.Count);
            Assert.All(accepted, a => Assert.Equal(a.GetProperty("sequence").GetInt64(), journalled[a.GetProperty("id").GetString()!]));
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), journalled.Values.Order());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
