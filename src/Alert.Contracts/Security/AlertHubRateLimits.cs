namespace Alert.Contracts.Security;

/// <summary>Rate-limiting policy names shared by the doors and defined once by the host (per organisation).</summary>
public static class AlertHubRateLimits
{
    /// <summary>Issuing, revising, cancelling and relaying notices, at every ingest door.</summary>
    public const string Ingest = "alerthub.ingest";

    /// <summary>Opening subscriptions (SignalR negotiate and connect).</summary>
    public const string Connect = "alerthub.connect";
}
