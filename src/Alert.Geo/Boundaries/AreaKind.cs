namespace Alert.Geo.Boundaries;

/// <summary>What an administrative area is, as N03 classifies it.</summary>
public enum AreaKind
{
    /// <summary>市.</summary>
    City,

    /// <summary>政令指定都市 as a whole.</summary>
    DesignatedCity,

    /// <summary>行政区 of a designated city.</summary>
    DesignatedCityWard,

    /// <summary>東京23区 (特別区), municipalities in their own right.</summary>
    SpecialWard,

    /// <summary>町.</summary>
    Town,

    /// <summary>村.</summary>
    Village,

    /// <summary>都道府県.</summary>
    Prefecture,

    /// <summary>所属未定地: inside a prefecture, in no municipality.</summary>
    Unassigned,
}
