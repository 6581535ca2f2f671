using Alert.Geo.Geofencing;
using NetTopologySuite.Geometries;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// A subscription's place, tested with the same rule as the host's shared device index (<see cref="GeofenceIndex"/>):
/// a point is inside when the area covers it, a circle when it reaches the area. Used on its own for the few
/// envelopes a session reads back from the journal; live envelopes are decided for all connections at once.
/// </summary>
public sealed class LocationFence
{
    private readonly GeofenceIndex _single;

    public LocationFence(double latitude, double longitude, double radiusKm, GeometryFactory factory)
    {
        (Latitude, Longitude, RadiusKm) = (latitude, longitude, radiusKm);
        _single = new GeofenceIndex(factory);
        _single.Upsert(0, latitude, longitude, radiusKm);
    }

    public double Latitude { get; }

    public double Longitude { get; }

    public double RadiusKm { get; }

    public bool Reaches(Geometry footprint) => !footprint.IsEmpty && _single.Inside(footprint).Count > 0;
}
