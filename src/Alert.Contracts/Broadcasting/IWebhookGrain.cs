using Alert.Contracts.Notices;
using Orleans.Concurrency;

namespace Alert.Contracts.Broadcasting;

/// <summary>
/// One webhook endpoint (key: its id): the single place in the cluster that delivers to it, keeping its own cursor,
/// queue and circuit breaker so that a slow or dead endpoint never delays another.
/// </summary>
[Alias("alerthub.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Creates the endpoint, starting after each prefecture's latest sequence.</summary>
    [Alias("Register")]
    Task<WebhookRegistration> Register(WebhookRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Stops delivery and forgets the endpoint.</summary>
    [Alias("Delete")]
    Task Delete(CancellationToken cancellationToken = default);

    /// <summary>The registration, or null when there is none.</summary>
    [Alias("GetRegistration")]
    [AlwaysInterleave]
    Task<WebhookRegistration?> GetRegistration(CancellationToken cancellationToken = default);

    [Alias("GetStatus")]
    [AlwaysInterleave]
    Task<WebhookStatus?> GetStatus(CancellationToken cancellationToken = default);

    [Alias("GetDeadLetters")]
    [AlwaysInterleave]
    Task<IReadOnlyList<WebhookDeadLetter>> GetDeadLetters(CancellationToken cancellationToken = default);

    /// <summary>A sequencer's hand-over of a new envelope; delivery happens in the background, in order.</summary>
    [Alias("Notify")]
    [OneWay]
    Task Notify(NoticeEnvelope envelope);
}
