namespace Alert.Silo.Security.Keys;

/// <summary>An organisation that holds keys: a municipality or prefecture by its code, anyone else by a slug.</summary>
public sealed record Organisation(string Id, OrganisationKind Kind, string Name, DateTimeOffset CreatedAt);
