using Alert.Contracts.Broadcasting;

namespace Alert.Broadcast.Webhooks;

/// <summary>Webhook registrations, their delivery cursors and dead letters, in the durable store.</summary>
public interface IWebhookStore
{
    Task SaveAsync(WebhookRegistration registration, CancellationToken cancellationToken);

    Task DeleteAsync(string id, CancellationToken cancellationToken);

    Task<WebhookRegistration?> LoadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Ids of the webhooks that take a prefecture's envelopes.</summary>
    Task<IReadOnlyList<string>> IdsForPrefectureAsync(string prefecture, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookRegistration>> ForOrganisationAsync(string? organisation, CancellationToken cancellationToken);

    Task SaveCursorAsync(string id, string prefecture, long sequence, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, long>> LoadCursorsAsync(string id, CancellationToken cancellationToken);

    Task AddDeadLetterAsync(string id, WebhookDeadLetter letter, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookDeadLetter>> LoadDeadLettersAsync(string id, CancellationToken cancellationToken);
}
