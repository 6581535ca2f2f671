namespace Alert.Geo.Geofencing;

/// <summary>How a grid cell lies against an alert area.</summary>
internal enum CellRelation
{
    /// <summary>The area covers the whole cell: every point in it is inside.</summary>
    Inside,

    /// <summary>The area's border crosses the cell: test each point.</summary>
    Border,

    /// <summary>The cell is clear of the area: only devices with a radius can reach it.</summary>
    Outside,
}
