namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// Why the hub closed a subscriber's connection, as its SignalR client sees it (the close error), in Japanese and
/// English. Either way the client reconnects and resubscribes with <c>after</c> set to its last sequence.
/// </summary>
public static class DisconnectReasons
{
    public static string TooSlow(int capacity) =>
        $"too-slow: 受信が {capacity} 件以上遅れたため切断しました。最後に受信した sequence を after に指定して再購読してください。 / " +
        $"Disconnected for falling {capacity} envelopes behind; resubscribe with after set to the last sequence received.";

    public const string DeliveryFailed =
        "delivery-failed: 配信を続けられなくなったため切断しました。最後に受信した sequence を after に指定して再購読してください。 / " +
        "Delivery to this connection failed; resubscribe with after set to the last sequence received.";
}
