namespace Alert.Contracts.Security;

/// <summary>Authorisation policy names shared by the doors and defined once by the host.</summary>
public static class AlertHubPolicies
{
    public const string Issue = "alerthub.issue";
    public const string Read = "alerthub.read";
    public const string Admin = "alerthub.admin";
    public const string Relay = "alerthub.relay";
}
