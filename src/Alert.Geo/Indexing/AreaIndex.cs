using Alert.Geo.Boundaries;
using Alert.Geo.Measurement;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Alert.Geo.Indexing;

/// <summary>
/// An immutable spatial index over a partition of areas: a grid of candidates for points (then an indexed point
/// locator), and an STR-tree of envelopes for alert areas (then boundary integration). Every lazily built structure is
/// forced at construction so concurrent readers never race to build it.
/// </summary>
public sealed class AreaIndex
{
    private readonly STRtree<Entry> _tree = new();
    private readonly PointGrid<Entry> _grid;
    private readonly Matching.PartitionSweep? _sweep;

    /// <param name="forMatching">Also prepare every area's boundary for overlap integration now rather than on first use,
    /// so the first alerts after start-up are as fast as the rest.</param>
    public AreaIndex(IEnumerable<AdministrativeArea> areas, bool forMatching = false)
    {
        var entries = new List<Entry>();
        foreach (var area in areas)
        {
            var entry = new Entry(area, new IndexedPointInAreaLocator(area.Geometry), SphericalArea.SquareKilometres(area.Geometry), entries.Count);
            entries.Add(entry);
            _ = entry.Locator.Locate(area.Geometry.EnvelopeInternal.Centre); // builds the locator's own index now
            if (forMatching)
            {
                _ = entry.Boundary.Value;
            }

            _tree.Insert(area.Geometry.EnvelopeInternal, entry);
        }

        _tree.Build();
        _grid = new PointGrid<Entry>(entries.Select(e => (e.Area.Geometry.EnvelopeInternal, e)));
        if (forMatching)
        {
            _sweep = new Matching.PartitionSweep([.. entries.Select(e => e.Boundary.Value)], point => FirstCoveringEntry(point)?.Number ?? -1);
        }
    }

    /// <summary>
    /// The area with the lowest code whose closure contains the point, or null: the hot path of point look-ups,
    /// answered from a uniform grid of candidates without allocating.
    /// </summary>
    public AdministrativeArea? FirstCovering(Coordinate point) => FirstCoveringEntry(point)?.Area;

    private Entry? FirstCoveringEntry(Coordinate point)
    {
        Entry? best = null;
        foreach (var entry in _grid.Candidates(point.X, point.Y))
        {
            if ((best is null || string.CompareOrdinal(entry.Area.Code, best.Area.Code) < 0) && entry.Locator.Locate(point) != NetTopologySuite.Geometries.Location.Exterior)
            {
                best = entry;
            }
        }

        return best;
    }

    /// <summary>
    /// Every area whose interior the alert reaches, with its own area and the overlap in km², integrated along both
    /// boundaries (<see cref="Matching.BoundaryIntegral"/>): the alert's half by one sweep across the partition
    /// (<see cref="Matching.PartitionSweep"/>), each nearby area's half against the alert. No overlay is ever built.
    /// </summary>
    internal IEnumerable<(AdministrativeArea Area, double AreaKm2, double OverlapKm2)> Overlaps(Geometry alert, Matching.BoundaryIntegral alertBoundary)
    {
        // The alert's half of every integral in one walk over the whole partition, when this index was built for it.
        var alertHalves = _sweep?.Sweep(alertBoundary);
        foreach (var entry in _tree.Query(alert.EnvelopeInternal))
        {
            // Rounding at crossing points leaves at most a square millimetre where two shapes only touch.
            var overlap = Math.Min(entry.AreaKm2, alertHalves is null
                ? entry.Boundary.Value.OverlapKm2(alertBoundary)
                : Matching.BoundaryIntegral.ToKm2(alertHalves.GetValueOrDefault(entry.Number) + entry.Boundary.Value.SumInside(alertBoundary)));
            if (overlap > 1e-12)
            {
                yield return (entry.Area, entry.AreaKm2, overlap);
            }
        }
    }

    private sealed record Entry(AdministrativeArea Area, IndexedPointInAreaLocator Locator, double AreaKm2, int Number)
    {
        /// <summary>Built at construction for the indexes alerts are matched against, on first use otherwise.</summary>
        public Lazy<Matching.BoundaryIntegral> Boundary { get; } =
            new(() => new Matching.BoundaryIntegral(Area.Geometry, Locator), LazyThreadSafetyMode.ExecutionAndPublication);
    }
}
