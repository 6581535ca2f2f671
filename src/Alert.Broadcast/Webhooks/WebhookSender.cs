using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Alert.Broadcast.Wire;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Polly.CircuitBreaker;

namespace Alert.Broadcast.Webhooks;

/// <summary>
/// POSTs one envelope, as subscribers receive it (JSON), through an endpoint's pipeline. Each attempt is signed afresh
/// with its own timestamp and names the delivery (<c>id/prefecture/sequence</c>) so the receiver can drop repeats.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "alerthub-webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Body(NoticeEnvelope envelope) => JsonSerializer.SerializeToUtf8Bytes(NoticeMessage.From(envelope), Json);

    public async Task<WebhookAttempt> SendAsync(WebhookRegistration webhook, NoticeEnvelope envelope, WebhookPipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(pipeline);
        var body = Body(envelope);
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await pipeline.Pipeline.ExecuteAsync(
                async token =>
                {
                    var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
                    using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    request.Headers.Add(WebhookSigner.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(webhook.Secret, timestamp, body));
                    request.Headers.Add(WebhookSigner.DeliveryHeader, $"{webhook.Id}/{envelope.Prefecture}/{envelope.Sequence}");
                    return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                },
                cancellationToken);
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(WebhookAttemptResult.Delivered)
                : WebhookPipeline.IsTransient(response)
                    ? Exhausted(pipeline, $"HTTP {(int)response.StatusCode}")
                    : new WebhookAttempt(WebhookAttemptResult.Refused, $"HTTP {(int)response.StatusCode}");
        }
        catch (BrokenCircuitException)
        {
            return new WebhookAttempt(WebhookAttemptResult.CircuitOpen, "circuit open");
        }
        catch (Exception failure) when (failure is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return Exhausted(pipeline, failure.Message);
        }
    }

    // Retries that ran out because the endpoint went down (its circuit opened on the way) say nothing about this
    // envelope: it waits for the endpoint like the rest. Only failures the endpoint survived dead-letter it.
    private static WebhookAttempt Exhausted(WebhookPipeline pipeline, string error) =>
        pipeline.CircuitState is "open" or "isolated"
            ? new WebhookAttempt(WebhookAttemptResult.CircuitOpen, error)
            : new WebhookAttempt(WebhookAttemptResult.RetriesExhausted, error);
}
