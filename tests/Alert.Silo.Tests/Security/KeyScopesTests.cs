using Alert.Silo.Security.Keys;

namespace Alert.Silo.Tests.Security;

public sealed class KeyScopesTests
{
    [Theory]
    [InlineData(OrganisationKind.Municipality, "13101", "issue:13101", true)]
    [InlineData(OrganisationKind.Municipality, "13101", "issue:13102", false)] // a neighbour's code
    [InlineData(OrganisationKind.Municipality, "13101", "issue-prefecture:13", false)]
    [InlineData(OrganisationKind.Municipality, "13101", "exercise-only", true)]
    [InlineData(OrganisationKind.Municipality, "13101", "admin", false)]
    [InlineData(OrganisationKind.Prefecture, "13", "issue-prefecture:13", true)]
    [InlineData(OrganisationKind.Prefecture, "13", "issue:13104", true)]
    [InlineData(OrganisationKind.Prefecture, "13", "issue:27100", false)] // another prefecture's city
    [InlineData(OrganisationKind.Prefecture, "13", "issue-prefecture:27", false)]
    [InlineData(OrganisationKind.Transmitter, "nhk", "subscribe", true)]
    [InlineData(OrganisationKind.Transmitter, "nhk", "issue:13101", false)]
    [InlineData(OrganisationKind.Relay, "jma", "relay", true)]
    [InlineData(OrganisationKind.Relay, "jma", "admin", false)]
    [InlineData(OrganisationKind.Administrator, "ops", "admin", true)]
    [InlineData(OrganisationKind.Administrator, "ops", "issue-prefecture:13", false)]
    public void Each_kind_of_organisation_holds_only_its_own_scopes(OrganisationKind kind, string organisation, string scope, bool allowed) =>
        Assert.Equal(allowed, KeyScopes.IsAllowed(kind, organisation, scope));

    [Fact]
    public void Defaults_are_allowed_and_become_the_doors_identity()
    {
        foreach (var (kind, id) in new[] { (OrganisationKind.Municipality, "13101"), (OrganisationKind.Prefecture, "13"), (OrganisationKind.Transmitter, "nhk"), (OrganisationKind.Relay, "jma"), (OrganisationKind.Administrator, "ops") })
        {
            Assert.All(KeyScopes.Defaults(kind, id), s => Assert.True(KeyScopes.IsAllowed(kind, id, s), $"{kind} {s}"));
        }

        var identity = KeyScopes.ToIdentity("13101", "千代田区", ["issue:13101", "exercise-only", "subscribe"]);
        Assert.Equal(["13101"], identity.IssueMunicipalities);
        Assert.True(identity is { ExerciseOnly: true, Subscribe: true, Admin: false, Relay: false });
    }
}
