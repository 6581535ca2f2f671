using System.Buffers;
using NetTopologySuite.Geometries;

namespace Alert.Geo.Matching;

/// <summary>
/// The segments of some rings bucketed in a uniform grid (compressed rows). Each cell holds its segments' end points
/// as plain numbers, side by side, so scanning a cell reads one stretch of memory and follows no references: in dense
/// cities the partition's cells are scanned millions of times a second and pointer chasing, not arithmetic, was the
/// cost. A segment spanning several cells is listed in each; callers tolerate meeting it more than once. Segments are
/// numbered ring after ring in the order given. Immutable and safe for concurrent readers.
/// A grid built for one request (an alert's boundary) rents its arrays from the shared pool and returns them when
/// disposed: at 100 KB and more they would otherwise land on the large-object heap and bring on full collections.
/// </summary>
internal sealed class SegmentGrid : IDisposable
{
    private readonly bool _pooled;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _columnsPerDegree;
    private readonly double _rowsPerDegree;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private readonly double[] _ends;
    private readonly int[] _numbers;

    /// <param name="rings">Closed rings; ring r's segment i joins its points i and i + 1.</param>
    /// <param name="extent">The box the grid covers; segments outside it land in the border cells.</param>
    /// <param name="cellsPerSegment">Grid cells per segment (1 by default); the grid keeps the extent's aspect ratio.</param>
    /// <param name="pooled">Rent the arrays from the shared pool; the grid must then be disposed, once, when done.</param>
    public SegmentGrid(IReadOnlyList<Coordinate[]> rings, Envelope extent, double cellsPerSegment = 1, bool pooled = false)
        : this(rings, extent, Layout(CountSegments(rings), extent, cellsPerSegment), pooled)
    {
    }

    private SegmentGrid(IReadOnlyList<Coordinate[]> rings, Envelope extent, (int Columns, int Rows) layout, bool pooled)
    {
        _pooled = pooled;
        (_columns, _rows) = layout;
        _minX = extent.MinX;
        _minY = extent.MinY;
        // Multiplying by the reciprocal is several times cheaper than dividing, and the same function places both the
        // segments and the queries, so the two always agree.
        _columnsPerDegree = 1 / Math.Max(extent.Width / _columns, 1e-12);
        _rowsPerDegree = 1 / Math.Max(extent.Height / _rows, 1e-12);

        // Pass 1 counts each cell's segments, pass 2 writes them in place.
        var cellCount = (_columns * _rows) + 1;
        var counts = Rent<int>(cellCount);
        Array.Clear(counts, 0, cellCount);
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length - 1; i++)
            {
                var (c0, c1, r0, r1) = Cells(ring[i], ring[i + 1]);
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        counts[(r * _columns) + c + 1]++;
                    }
                }
            }
        }

        for (var i = 1; i < cellCount; i++)
        {
            counts[i] += counts[i - 1];
        }

        var items = counts[cellCount - 1];
        _ends = Rent<double>(items * 4);
        _numbers = Rent<int>(items);
        var fill = Rent<int>(cellCount);
        Array.Copy(counts, fill, cellCount);
        var number = 0;
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length - 1; i++, number++)
            {
                var (a, b) = (ring[i], ring[i + 1]);
                var (c0, c1, r0, r1) = Cells(a, b);
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        var item = fill[(r * _columns) + c]++;
                        _ends[item * 4] = a.X;
                        _ends[(item * 4) + 1] = a.Y;
                        _ends[(item * 4) + 2] = b.X;
                        _ends[(item * 4) + 3] = b.Y;
                        _numbers[item] = number;
                    }
                }
            }
        }

        if (_pooled)
        {
            ArrayPool<int>.Shared.Return(fill);
        }

        _cellStart = counts;
    }

    /// <summary>
    /// One column of horizontal strips, about <paramref name="segmentsPerStrip"/> segments' worth each: every segment
    /// whose latitude range includes a point's is listed in that point's strip, which is what a ray cast needs.
    /// </summary>
    public static SegmentGrid Strips(IReadOnlyList<Coordinate[]> rings, Envelope extent, int segmentsPerStrip, bool pooled = false) =>
        new(rings, extent, (1, Math.Clamp(CountSegments(rings) / Math.Max(1, segmentsPerStrip), 1, 100_000)), pooled);

    /// <summary>Returns rented arrays to the pool; the grid must not be used afterwards. Nothing to do when not pooled.</summary>
    public void Dispose()
    {
        if (_pooled)
        {
            ArrayPool<int>.Shared.Return(_cellStart);
            ArrayPool<double>.Shared.Return(_ends);
            ArrayPool<int>.Shared.Return(_numbers);
        }
    }

    /// <summary>Cells overlapping the box, as (first column, last column, first row, last row).</summary>
    public (int C0, int C1, int R0, int R1) Range(double minX, double minY, double maxX, double maxY) =>
        (Column(minX), Column(maxX), Row(minY), Row(maxY));

    /// <summary>The cell row a latitude falls in (clamped to the grid).</summary>
    public int RowOf(double y) => Row(y);

    /// <summary>One cell's end points, x0, y0, x1, y1 per item.</summary>
    public ReadOnlySpan<double> Ends(int column, int row)
    {
        var i = (row * _columns) + column;
        return _ends.AsSpan(_cellStart[i] * 4, (_cellStart[i + 1] - _cellStart[i]) * 4);
    }

    /// <summary>One cell's segment numbers, in step with <see cref="Ends"/>.</summary>
    public ReadOnlySpan<int> Numbers(int column, int row)
    {
        var i = (row * _columns) + column;
        return _numbers.AsSpan(_cellStart[i], _cellStart[i + 1] - _cellStart[i]);
    }

    private T[] Rent<T>(int length) => _pooled ? ArrayPool<T>.Shared.Rent(length) : new T[length];

    private static int CountSegments(IReadOnlyList<Coordinate[]> rings)
    {
        var count = 0;
        foreach (var ring in rings)
        {
            count += Math.Max(0, ring.Length - 1);
        }

        return count;
    }

    private static (int Columns, int Rows) Layout(int segments, Envelope extent, double cellsPerSegment)
    {
        var cells = Math.Max(1, segments * cellsPerSegment);
        var aspect = extent.Height > 0 && extent.Width > 0 ? extent.Width / extent.Height : 1;
        var columns = Math.Clamp((int)Math.Sqrt(cells * aspect), 1, 100_000);
        return (columns, Math.Clamp((int)(cells / columns), 1, 100_000));
    }

    private (int C0, int C1, int R0, int R1) Cells(Coordinate a, Coordinate b) =>
        (Column(Math.Min(a.X, b.X)), Column(Math.Max(a.X, b.X)), Row(Math.Min(a.Y, b.Y)), Row(Math.Max(a.Y, b.Y)));

    private int Column(double x) => Math.Clamp((int)((x - _minX) * _columnsPerDegree), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)((y - _minY) * _rowsPerDegree), 0, _rows - 1);
}
