using NetTopologySuite.Geometries;

namespace Alert.Geo.Indexing;

/// <summary>
/// A uniform grid (0.05°, about 5 km) over the items' extent; each cell lists the items whose envelope meets it. A
/// point look-up is one array index and a handful of candidates, with no tree walk and no allocation.
/// </summary>
internal sealed class PointGrid<T>
    where T : class
{
    private const double Step = 0.05;
    private readonly double _minX;
    private readonly double _minY;
    private readonly int _columns;
    private readonly int _rows;
    private readonly T[]?[] _cells;

    public PointGrid(IEnumerable<(Envelope Envelope, T Item)> items)
    {
        var list = items.ToList();
        var extent = new Envelope();
        foreach (var (envelope, _) in list)
        {
            extent.ExpandToInclude(envelope);
        }

        _minX = extent.IsNull ? 0 : extent.MinX;
        _minY = extent.IsNull ? 0 : extent.MinY;
        _columns = extent.IsNull ? 1 : (int)Math.Floor(extent.Width / Step) + 1;
        _rows = extent.IsNull ? 1 : (int)Math.Floor(extent.Height / Step) + 1;
        var building = new List<T>?[_columns * _rows];
        foreach (var (envelope, item) in list)
        {
            for (var row = Row(envelope.MinY); row <= Row(envelope.MaxY); row++)
            {
                for (var column = Column(envelope.MinX); column <= Column(envelope.MaxX); column++)
                {
                    (building[(row * _columns) + column] ??= []).Add(item);
                }
            }
        }

        _cells = [.. building.Select(b => b?.ToArray())];
    }

    public ReadOnlySpan<T> Candidates(double x, double y)
    {
        var column = (int)Math.Floor((x - _minX) / Step);
        var row = (int)Math.Floor((y - _minY) / Step);
        return column < 0 || row < 0 || column >= _columns || row >= _rows || double.IsNaN(x) || double.IsNaN(y)
            ? []
            : _cells[(row * _columns) + column];
    }

    private int Column(double x) => Math.Clamp((int)Math.Floor((x - _minX) / Step), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)Math.Floor((y - _minY) / Step), 0, _rows - 1);
}
