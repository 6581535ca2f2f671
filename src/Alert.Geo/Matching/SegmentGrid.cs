using NetTopologySuite.Geometries;

namespace Alert.Geo.Matching;

/// <summary>
/// The segments of a polygon's rings bucketed in a uniform grid of about one cell per segment (compressed rows), so
/// finding the segments near an edge is a few array reads with no allocation. A segment spanning several cells is
/// listed in each; callers tolerate seeing it more than once. Immutable and safe for concurrent readers.
/// </summary>
internal sealed class SegmentGrid
{
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _cellWidth;
    private readonly double _cellHeight;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private readonly int[] _items;

    /// <param name="cellsPerSegment">Grid cells per segment (1 by default); the grid keeps the extent's aspect ratio.</param>
    public SegmentGrid(IReadOnlyList<(Coordinate A, Coordinate B)> segments, Envelope extent, double cellsPerSegment = 1)
    {
        Segments = [.. segments];
        var cells = Math.Max(1, segments.Count * cellsPerSegment);
        var aspect = extent.Height > 0 && extent.Width > 0 ? extent.Width / extent.Height : 1;
        _columns = Math.Clamp((int)Math.Sqrt(cells * aspect), 1, 100_000);
        _rows = Math.Clamp((int)(cells / _columns), 1, 100_000);
        _minX = extent.MinX;
        _minY = extent.MinY;
        _cellWidth = Math.Max(extent.Width / _columns, 1e-12);
        _cellHeight = Math.Max(extent.Height / _rows, 1e-12);

        var counts = new int[(_columns * _rows) + 1];
        for (var pass = 0; pass < 2; pass++)
        {
            var fill = pass == 1 ? (int[])counts.Clone() : null;
            _items ??= [];
            for (var s = 0; s < Segments.Length; s++)
            {
                var (a, b) = Segments[s];
                var (c0, c1) = (Column(Math.Min(a.X, b.X)), Column(Math.Max(a.X, b.X)));
                var (r0, r1) = (Row(Math.Min(a.Y, b.Y)), Row(Math.Max(a.Y, b.Y)));
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        if (fill is null)
                        {
                            counts[(r * _columns) + c + 1]++;
                        }
                        else
                        {
                            _items[fill[(r * _columns) + c]++] = s;
                        }
                    }
                }
            }

            if (pass == 0)
            {
                for (var i = 1; i < counts.Length; i++)
                {
                    counts[i] += counts[i - 1];
                }

                _items = new int[counts[^1]];
            }
        }

        _cellStart = counts;
        _items ??= [];
    }

    public (Coordinate A, Coordinate B)[] Segments { get; }

    /// <summary>Cells overlapping the box, as (first column, last column, first row, last row).</summary>
    public (int C0, int C1, int R0, int R1) Range(double minX, double minY, double maxX, double maxY) =>
        (Column(minX), Column(maxX), Row(minY), Row(maxY));

    /// <summary>The segment numbers listed in one cell.</summary>
    public ReadOnlySpan<int> Cell(int column, int row)
    {
        var i = (row * _columns) + column;
        return _items.AsSpan(_cellStart[i], _cellStart[i + 1] - _cellStart[i]);
    }

    private int Column(double x) => Math.Clamp((int)((x - _minX) / _cellWidth), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)((y - _minY) / _cellHeight), 0, _rows - 1);
}
