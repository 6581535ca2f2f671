using Alert.Broadcast.Subscriptions;
using CsCheck;

namespace Alert.Broadcast.Tests.Subscriptions;

/// <summary>
/// The fan-out's array of a prefecture's sessions: always exactly the sessions added and not removed, and the same
/// array (no copy per envelope) for as long as none comes or goes.
/// </summary>
public sealed class PrefectureSubscribersTests(BroadcastClusterFixture fixture) : IClassFixture<BroadcastClusterFixture>
{
    [Fact]
    public void Current_is_exactly_the_sessions_added_and_not_removed_after_any_sequence_of_changes()
    {
        var pool = Enumerable.Range(0, 8)
            .Select(i => TestSessions.Create(fixture.Grains, $"connection-{i}", "13", after: 0, SubscriptionFilter.ActualOnly, new RecordingSender()))
            .ToArray();
        Gen.Select(Gen.Bool, Gen.Int[0, pool.Length - 1]).Array[0, 60].Sample(changes =>
        {
            var subscribers = new PrefectureSubscribers();
            var model = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (add, index) in changes)
            {
                var session = pool[index];
                if (add)
                {
                    subscribers.Add(session);
                    model.Add(session.ConnectionId);
                }
                else
                {
                    subscribers.Remove(session.ConnectionId);
                    model.Remove(session.ConnectionId);
                }

                var current = subscribers.Current();
                Assert.True(model.SetEquals(current.Select(s => s.ConnectionId)) && current.Length == model.Count);
                Assert.Equal(model.Count == 0, subscribers.IsEmpty);
            }
        });
    }

    [Fact]
    public void The_array_is_reused_until_a_session_comes_or_goes()
    {
        var subscribers = new PrefectureSubscribers();
        var first = TestSessions.Create(fixture.Grains, "first", "13", after: 0, SubscriptionFilter.ActualOnly, new RecordingSender());
        var second = TestSessions.Create(fixture.Grains, "second", "13", after: 0, SubscriptionFilter.ActualOnly, new RecordingSender());
        subscribers.Add(first);

        var once = subscribers.Current();
        Assert.Same(once, subscribers.Current());

        subscribers.Add(second);
        var twice = subscribers.Current();
        Assert.NotSame(once, twice);
        Assert.Equal(2, twice.Length);

        subscribers.Remove("nobody");
        Assert.Same(twice, subscribers.Current());
        subscribers.Remove("first");
        Assert.Equal(["second"], subscribers.Current().Select(s => s.ConnectionId));
    }
}
