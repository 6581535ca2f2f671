namespace Alert.Broadcast.Webhooks;

/// <summary>How one envelope's delivery to one endpoint ended, retries included.</summary>
public enum WebhookAttemptResult
{
    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>The endpoint answered a 4xx other than 408 and 429: it refuses this envelope; retrying will not help.</summary>
    Refused,

    /// <summary>Transient failures outlasted the retry budget.</summary>
    RetriesExhausted,

    /// <summary>The circuit is open: the endpoint is failing, so nothing was attempted and the envelope waits.</summary>
    CircuitOpen,
}

public sealed record WebhookAttempt(WebhookAttemptResult Result, string? Error = null);
