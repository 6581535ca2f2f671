using System.Security.Claims;

namespace Alert.Contracts.Security;

/// <summary>
/// Turns a presented API key into the caller's claims, for doors that carry the key somewhere other than the
/// <c>Authorization</c> header (a SOAP WS-Security UsernameToken's password). Null when the key is unknown.
/// </summary>
public interface IApiKeyAuthenticator
{
    ClaimsPrincipal? Authenticate(string presentedKey);
}
