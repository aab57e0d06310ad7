import GuarantorModel

/// Actor i's utilities of the outcomes of its dyad with j, all in [-2, 2]
/// (Scholz eq. 15, 16, 22, 23 and 24). Distances are normalised by the
/// range, so they lie in [0, 1]; the risk exponent r bends them.
public struct BasicUtilities: Hashable, Sendable {
    /// U_s: i succeeds, j comes to x_i (eq. 15).
    public var success: Double
    /// U_f: i fails, i comes to x_j (eq. 16).
    public var failure: Double
    /// U_b: no challenge, but j moves towards i's side of the median (eq. 22).
    public var better: Double
    /// U_w: no challenge, and j moves away (eq. 23).
    public var worse: Double
    /// U_sq: nothing changes (eq. 24).
    public var statusQuo: Double

    /// - Parameters:
    ///   - distance: |x_i - x_j| / range.
    ///   - medianDistance: |x_i - mu| / range.
    ///   - risk: r_i, in [0.5, 2].
    public init(distance: Double, medianDistance: Double, risk: Double) {
        // max(0, .) only guards rounding: distances are at most 1 by construction.
        func u(_ base: Double) -> Double { 2 - 4 * Math.pow(max(0, base), risk) }
        success = u(0.5 - 0.5 * distance)
        failure = u(0.5 + 0.5 * distance)
        better = u(0.5 - 0.25 * (medianDistance + distance))
        worse = u(0.5 + 0.25 * (medianDistance + distance))
        statusQuo = u(0.5)
    }
}
