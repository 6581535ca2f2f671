namespace Alert.Silo.Security.Keys;

/// <summary>Who an organisation is to the hub; it bounds the scopes its keys may hold.</summary>
public enum OrganisationKind
{
    /// <summary>市区町村: id is its 5-digit local government code.</summary>
    Municipality,

    /// <summary>都道府県: id is its 2-digit code.</summary>
    Prefecture,

    /// <summary>情報伝達者 (broadcaster, app maker): id is a slug.</summary>
    Transmitter,

    /// <summary>A relay of another authority's reports, such as 気象庁: id is a slug.</summary>
    Relay,

    /// <summary>The hub's own administrators: id is a slug.</summary>
    Administrator,
}
