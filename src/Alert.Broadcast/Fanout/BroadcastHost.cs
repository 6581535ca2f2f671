using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alert.Broadcast.Fanout;

/// <summary>
/// This web host's single observer: every sequencer sends it each envelope once, and it fans out to the host's own
/// connections through one ordered stream per prefecture (the GPSTracker pattern: one Orleans message per host).
/// </summary>
public sealed class BroadcastHost : IBroadcastHostObserver
{
    private readonly Dictionary<string, PrefectureStream> _streams;

    public BroadcastHost(JournalReader journal, SubscriberRegistry subscribers, ILogger<BroadcastHost> logger, IHostApplicationLifetime lifetime)
    {
        _streams = Contracts.Broadcasting.PrefectureCodes.All.ToDictionary(
            p => p, p => new PrefectureStream(p, journal, subscribers, logger, lifetime.ApplicationStopping), StringComparer.Ordinal);
    }

    /// <summary>Identifies this host to the sequencers.</summary>
    public string HostId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public Task OnNotice(NoticeEnvelope envelope)
    {
        if (_streams.TryGetValue(envelope.Prefecture, out var stream))
        {
            stream.OnEnvelope(envelope);
        }

        return Task.CompletedTask;
    }

    internal void OnLatest(string prefecture, long latest) => _streams[prefecture].OnLatest(latest);
}
