/// Exactly mergeable statistics.
///
/// Each run's value is rounded once to a fixed-point integer (2^-24 units)
/// and summed as a 128-bit integer. Integer addition is associative, so the
/// totals are identical whatever the thread count, the chunking, the sharding
/// across machines or the order in which shards are merged. The rounding
/// (at most 3e-8 per value) is far below any Monte Carlo standard error.
public enum FixedPoint {
    public static let scale = 16_777_216.0   // 2^24
    /// Largest magnitude a single value may have (2^70 units / scale).
    public static let maxValue = 7.0e13

    @inlinable @inline(__always)
    public static func units(_ x: Double) -> Int128 {
        let v = (x * scale).rounded(.toNearestOrEven)
        if !(abs(v) < 1.9e34) { return v.isNaN ? 0 : (v > 0 ? Int128(1) << 114 : -(Int128(1) << 114)) }
        return Int128(v)
    }

    @inlinable
    public static func value(_ u: Int128) -> Double { Double(u) / scale }
}

/// Count, sum and sum of squares of one quantity, in fixed point.
public struct Moments: Hashable, Sendable {
    public var count: Int64 = 0
    public var sum: Int128 = 0
    public var sumSquares: Int128 = 0
    public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        count &+= 1
        sum &+= FixedPoint.units(x)
        sumSquares &+= FixedPoint.units(x * x)
    }

    public mutating func merge(_ o: Moments) {
        count &+= o.count; sum &+= o.sum; sumSquares &+= o.sumSquares
    }

    public var mean: Double { count == 0 ? .nan : FixedPoint.value(sum) / Double(count) }

    /// Sample variance (n - 1 denominator).
    public var variance: Double {
        guard count > 1 else { return 0 }
        let n = Double(count)
        let m = FixedPoint.value(sum) / n
        return max(0, (FixedPoint.value(sumSquares) - n * m * m) / (n - 1))
    }

    /// Monte Carlo standard error of the mean.
    public var standardError: Double { count > 1 ? (variance / Double(count)).squareRoot() : .nan }
}

/// Counts in fixed bins over [lo, hi]; values below lo go to the first bin,
/// values at or above hi to an overflow bin at the end.
public struct FixedHistogram: Hashable, Sendable {
    public let lo: Double
    public let hi: Double
    public var counts: [Int64]

    public init(lo: Double, hi: Double, bins: Int) {
        self.lo = lo; self.hi = hi > lo ? hi : lo + 1
        counts = [Int64](repeating: 0, count: max(1, bins) + 1)
    }

    public var bins: Int { counts.count - 1 }
    public var width: Double { (hi - lo) / Double(bins) }

    @inlinable
    public func bin(_ x: Double) -> Int {
        if !(x >= lo) { return 0 }
        if x >= hi { return bins }
        return min(bins - 1, Int((x - lo) / width))
    }

    @inlinable
    public mutating func add(_ x: Double) { counts[bin(x)] &+= 1 }

    public mutating func merge(_ o: FixedHistogram) {
        for i in counts.indices where i < o.counts.count { counts[i] &+= o.counts[i] }
    }

    public var total: Int64 { counts.reduce(0, &+) }

    /// The q-quantile, interpolated within its bin; +inf when it falls in the overflow bin.
    public func quantile(_ q: Double) -> Double {
        let n = total
        guard n > 0 else { return .nan }
        let target = q * Double(n)
        var cum = 0.0
        for i in 0..<bins {
            let c = Double(counts[i])
            if cum + c >= target && c > 0 {
                let frac = (target - cum) / c
                return lo + (Double(i) + min(1, max(0, frac))) * width
            }
            cum += c
        }
        return .infinity
    }

    /// Share of values below x (bin edges exact).
    public func share(below x: Double) -> Double {
        let n = total
        guard n > 0 else { return .nan }
        let b = bin(x)
        return Double(counts[0..<b].reduce(0, &+)) / Double(n)
    }
}
