using Orleans.Concurrency;
using Alert.Contracts.Notices;

namespace Alert.Contracts.Broadcasting;

/// <summary>
/// A broadcast host (one per web host process, never one per connection). Sequencers call it once per envelope;
/// the host fans out to its own connections. One-way, so a slow host never holds a sequencer. Orleans promises
/// neither order nor delivery of these messages: a host restores order from the sequence numbers, and reads anything
/// missing back from the journal.
/// </summary>
[Alias("alerthub.IBroadcastHostObserver")]
public interface IBroadcastHostObserver : IGrainObserver
{
    [OneWay]
    [Alias("OnNotice")]
    Task OnNotice(NoticeEnvelope envelope);
}
