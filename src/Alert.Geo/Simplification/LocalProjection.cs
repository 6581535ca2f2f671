using NetTopologySuite.Geometries;

namespace Alert.Geo.Simplification;

/// <summary>
/// A local equirectangular plane in metres around a geometry's centre, so buffers and tolerances are real distances.
/// Over a prefecture-sized area the scale error stays below about 1%, which only changes how much is added, never
/// whether the original is covered: containment is always checked again in longitude and latitude.
/// </summary>
internal sealed class LocalProjection(Envelope around)
{
    private const double MetresPerDegreeLatitude = 110_574;
    private readonly double _lon0 = around.Centre.X;
    private readonly double _lat0 = around.Centre.Y;
    private readonly double _metresPerDegreeLongitude = 111_320 * Math.Cos(around.Centre.Y * Math.PI / 180);

    public Geometry Forward(Geometry geometry) => Transform(geometry, c => new Coordinate((c.X - _lon0) * _metresPerDegreeLongitude, (c.Y - _lat0) * MetresPerDegreeLatitude));

    public Geometry Inverse(Geometry geometry) => Transform(geometry, c => new Coordinate((c.X / _metresPerDegreeLongitude) + _lon0, (c.Y / MetresPerDegreeLatitude) + _lat0));

    private static Geometry Transform(Geometry geometry, Func<Coordinate, Coordinate> map)
    {
        var copy = geometry.Copy();
        copy.Apply(new CoordinateMap(map));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class CoordinateMap(Func<Coordinate, Coordinate> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var mapped = map(seq.GetCoordinate(i));
            seq.SetX(i, mapped.X);
            seq.SetY(i, mapped.Y);
        }
    }
}
