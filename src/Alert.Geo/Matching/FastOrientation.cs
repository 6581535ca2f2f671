namespace Alert.Geo.Matching;

/// <summary>
/// The side of a line a point is on, from plain double arithmetic, answered only where rounding cannot have flipped
/// it (Shewchuk's first-stage error bound for orient2d). Callers hand the few uncertain cases, which are exactly the
/// touching and collinear ones, to NetTopologySuite's robust predicates.
/// </summary>
internal static class FastOrientation
{
    // (3 + 16ε)ε with ε = 2⁻⁵³: bounds the error of the determinant below, differences of the inputs included.
    private const double ErrorBound = 3.3306690738754716e-16;

    /// <summary>Twice the signed area of a, b, c: positive when c is left of a→b.</summary>
    public static double Determinant(double ax, double ay, double bx, double by, double cx, double cy) =>
        ((bx - ax) * (cy - ay)) - ((by - ay) * (cx - ax));

    /// <summary>+1 when c is certainly left of a→b, −1 when certainly right, 0 when too close to call.</summary>
    public static int CertainSide(double ax, double ay, double bx, double by, double cx, double cy)
    {
        var left = (bx - ax) * (cy - ay);
        var right = (by - ay) * (cx - ax);
        var determinant = left - right;
        var bound = ErrorBound * (Math.Abs(left) + Math.Abs(right));
        return determinant > bound ? 1 : -determinant > bound ? -1 : 0;
    }
}
