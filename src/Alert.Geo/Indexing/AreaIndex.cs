using Alert.Geo.Boundaries;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Alert.Geo.Indexing;

/// <summary>
/// An immutable spatial index over a partition of areas: an STR-tree of envelopes, then exact tests on prepared
/// geometries. Every lazily built structure is forced at construction so concurrent readers never race to build it.
/// </summary>
public sealed class AreaIndex
{
    private readonly STRtree<Entry> _tree = new();

    public AreaIndex(IEnumerable<AdministrativeArea> areas)
    {
        var factory = new PreparedGeometryFactory();
        foreach (var area in areas)
        {
            var entry = new Entry(area, factory.Create(area.Geometry), new IndexedPointInAreaLocator(area.Geometry));
            entry.Warm();
            _tree.Insert(area.Geometry.EnvelopeInternal, entry);
        }

        _tree.Build();
    }

    /// <summary>Areas whose closure contains the point, in code order (a point on a shared border is in both).</summary>
    public IReadOnlyList<AdministrativeArea> Covering(Coordinate point)
    {
        var hits = new List<AdministrativeArea>(1);
        foreach (var entry in _tree.Query(new Envelope(point)))
        {
            if (entry.Locator.Locate(point) != NetTopologySuite.Geometries.Location.Exterior)
            {
                hits.Add(entry.Area);
            }
        }

        if (hits.Count > 1)
        {
            hits.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        }

        return hits;
    }

    /// <summary>Areas whose interior meets the geometry's interior (touching along a border only does not count).</summary>
    public IReadOnlyList<AdministrativeArea> Intersecting(Geometry geometry)
    {
        var hits = new List<AdministrativeArea>();
        foreach (var entry in _tree.Query(geometry.EnvelopeInternal))
        {
            if (entry.Prepared.Intersects(geometry) && !entry.Area.Geometry.Touches(geometry))
            {
                hits.Add(entry.Area);
            }
        }

        hits.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        return hits;
    }

    private sealed record Entry(AdministrativeArea Area, IPreparedGeometry Prepared, IndexedPointInAreaLocator Locator)
    {
        public void Warm()
        {
            // A rectangle around the area exercises both the point locator and the segment intersection index.
            var envelope = new Envelope(Area.Geometry.EnvelopeInternal);
            envelope.ExpandBy(0.01);
            _ = Prepared.Intersects(Area.Geometry.Factory.ToGeometry(envelope));
            _ = Locator.Locate(envelope.Centre);
        }
    }
}
