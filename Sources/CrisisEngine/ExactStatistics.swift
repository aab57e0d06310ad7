import GuarantorModel

/// Exactly mergeable statistics.
///
/// Each run's value is rounded once to a fixed-point integer (2^-24 units)
/// and summed as a 256-bit integer. Integer addition is associative, so the
/// totals are identical whatever the thread count, the chunking, the sharding
/// across machines or the order in which shards are merged. The rounding
/// (at most 3e-8 per value) is far below any Monte Carlo standard error.
public enum FixedPoint {
    public static let scale = 16_777_216.0   // 2^24
}

/// An exact sum of fixed-point values in 256 bits (a signed high word and an
/// unsigned low word), so that no realistic number of runs can overflow it.
public struct ExactSum: Hashable, Sendable {
    public var hi: Int128 = 0
    public var lo: UInt128 = 0
    public init() {}
    public init(hi: Int128, lo: UInt128) { self.hi = hi; self.lo = lo }

    @usableFromInline static let two128 = 340282366920938463463374607431768211456.0   // 2^128
    @usableFromInline static let saturation = 0x1p228

    /// Adds x rounded to the nearest multiple of 2^-24. Non-finite values add nothing
    /// (the kernel never produces them; scenario numbers and draws are bounded), and
    /// magnitudes beyond about 2.6e61 count as 2.6e61 (`addLarge`).
    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        let y = x * FixedPoint.scale
        if abs(y) < 0x1p51 {
            // The same integer as `rounded(.toNearestOrEven)`, without rint.
            let r = Math.nearestInteger(y)
            addUnits(Int64(r))
            return
        }
        addLarge(y)
    }

    /// `add` for |y| >= 2^51 (y = x 2^24): sums in euros, their squares, and
    /// the infinite days of aid that never starts (which add nothing).
    /// Doubles of magnitude 2^52 and above are integers already, so they are
    /// converted from their bits, exactly, without the generic conversions.
    @inlinable @inline(never)
    mutating func addLarge(_ y: Double) {
        guard y.isFinite else { return }
        // Saturate at 2^228 units (about 2.6e61 in value units: far beyond any figure from inputs
        // within ±1e15, but a square of a product of such inputs can reach it), so that the high
        // word's conversion cannot trap and 10^8 runs of such values cannot overflow 256 bits.
        let y = min(max(y, -ExactSum.saturation), ExactSum.saturation)
        let magnitude = abs(y)
        if magnitude >= 0x1p52 && magnitude < 1.0e38 {
            // |y| = significand x 2^shift, shift from 0 to 74 (1e38 < 2^127).
            let bits = y.bitPattern
            let significand = bits & 0x000F_FFFF_FFFF_FFFF | 0x0010_0000_0000_0000
            let shift = Int((bits >> 52) & 0x7FF) - 1075
            let units = UInt128(significand) << shift
            addUnits(y < 0 ? 0 - Int128(units) : Int128(units))
            return
        }
        let v = y.rounded(.toNearestOrEven)
        if abs(v) < 1.0e38 {
            addUnits(Int128(v))
        } else {
            let h = (v / ExactSum.two128).rounded(.down)
            let l = v - h * ExactSum.two128            // exact: an integer in [0, 2^128)
            hi &+= Int128(h)
            let (sum, carry) = lo.addingReportingOverflow(UInt128(l))
            lo = sum
            if carry { hi &+= 1 }
        }
    }

    @inlinable @inline(__always)
    public mutating func addUnits(_ u: Int64) {
        let (sum, carry) = lo.addingReportingOverflow(UInt128(truncatingIfNeeded: u))
        lo = sum
        hi &+= Int128((u < 0 ? -1 : 0) &+ (carry ? 1 : 0))
    }

    @inlinable @inline(__always)
    public mutating func addUnits(_ u: Int128) {
        let (sum, carry) = lo.addingReportingOverflow(UInt128(truncatingIfNeeded: u))
        lo = sum
        hi &+= (u < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    public mutating func merge(_ o: ExactSum) {
        let (sum, carry) = lo.addingReportingOverflow(o.lo)
        lo = sum
        hi &+= o.hi &+ (carry ? 1 : 0)
    }

    /// The sum in value units.
    public var value: Double { (Double(hi) * ExactSum.two128 + Double(lo)) / FixedPoint.scale }

    /// "hi:lo" in decimal, for shard files.
    public var text: String { "\(hi):\(lo)" }
    public init?(text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int128(parts[0]), let l = UInt128(parts[1]) else { return nil }
        hi = h; lo = l
    }
}

/// Count, sum and sum of squares of one quantity, in fixed point.
public struct Moments: Hashable, Sendable {
    public var count: Int64 = 0
    public var sum = ExactSum()
    public var sumSquares = ExactSum()
    public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        count &+= 1
        // A zero adds zero units to both sums (most runs' deliveries of an
        // obligation not honoured, for one): nothing to do but count it.
        guard x != 0 else { return }
        sum.add(x)
        sumSquares.add(x * x)
    }

    /// Adds 1 (true) or 0 (false): the same as `add(b ? 1 : 0)`, without the arithmetic.
    @inlinable @inline(__always)
    public mutating func add(_ b: Bool) {
        count &+= 1
        if b {
            sum.addUnits(Int64(FixedPoint.scale))
            sumSquares.addUnits(Int64(FixedPoint.scale))
        }
    }

    public mutating func merge(_ o: Moments) {
        count &+= o.count; sum.merge(o.sum); sumSquares.merge(o.sumSquares)
    }

    public var mean: Double { count == 0 ? .nan : sum.value / Double(count) }

    /// Sample variance (n - 1 denominator).
    public var variance: Double {
        guard count > 1 else { return 0 }
        let n = Double(count)
        let m = sum.value / n
        return max(0, (sumSquares.value - n * m * m) / (n - 1))
    }

    /// Monte Carlo standard error of the mean.
    public var standardError: Double { count > 1 ? (variance / Double(count)).squareRoot() : .nan }
}

/// Counts in fixed bins over [lo, hi]; values below lo go to the first bin,
/// values at or above hi to an overflow bin at the end. Exact zeros are
/// also counted apart (`zeros`), so that a quantile that falls among them
/// is 0, not a point inside the first bin (no aid delivered is 0, not a
/// small positive amount).
public struct FixedHistogram: Hashable, Sendable {
    public let lo: Double
    public let hi: Double
    /// (hi - lo) / bins, computed once.
    public let width: Double
    /// Whether the bins are the days 0, 1, ..., bins - 1 (`init(days:)`), so that
    /// a day's bin is the day itself (`add(day:)`) and a quantile is a whole day.
    let dayBins: Bool
    public var counts: [Int64]
    /// How many of the values added by `add(_:)` were exactly 0 (each also counted in its bin).
    public var zeros: Int64 = 0

    public init(lo: Double, hi: Double, bins: Int) {
        self.init(lo: lo, hi: hi, bins: bins, days: false)
    }

    /// Bins for the whole days 0 to `days` - 1 (and never, or later, in the overflow bin).
    public init(days: Int) {
        self.init(lo: 0, hi: Double(max(1, days)), bins: max(1, days), days: true)
    }

    init(lo: Double, hi: Double, bins: Int, days: Bool) {
        self.lo = lo; self.hi = hi > lo ? hi : lo + 1
        counts = [Int64](repeating: 0, count: max(1, bins) + 1)
        width = (self.hi - lo) / Double(max(1, bins))
        dayBins = days
    }

    public var bins: Int { counts.count - 1 }

    @inlinable
    public func bin(_ x: Double) -> Int {
        if !(x >= lo) { return 0 }
        if x >= hi { return bins }
        return min(bins - 1, Int((x - lo) / width))
    }

    @inlinable
    public mutating func add(_ x: Double) {
        if x == 0 { zeros &+= 1 }
        counts[bin(x)] &+= 1
    }

    /// Adds day d, or never (the overflow bin) when d is negative: the same
    /// count as `add(d >= 0 ? Double(d) : .infinity)` (less the count of
    /// zeros, which day quantiles do not need), and without a division when
    /// the bins are days.
    @inline(__always)
    public mutating func add(day d: Int) {
        guard dayBins else { add(d >= 0 ? Double(d) : .infinity); return }
        // Day bins: d / 1 is d, below hi = bins it is its own bin; at or above hi, or never, the overflow bin.
        let n = counts.count - 1
        counts[d >= 0 && d < n ? d : n] &+= 1
    }

    public mutating func merge(_ o: FixedHistogram) {
        for i in counts.indices where i < o.counts.count { counts[i] &+= o.counts[i] }
        zeros &+= o.zeros
    }

    public var total: Int64 { counts.reduce(0, &+) }

    /// The q-quantile; +inf when it falls in the overflow bin. Day bins give
    /// the first day by which a share q of the values has come (a whole
    /// day: the values are whole days). Other bins interpolate within the
    /// bin, except that the exact zeros are a point mass at 0: a quantile
    /// among them is 0, and the rest of the first bin spreads over it.
    public func quantile(_ q: Double) -> Double {
        FixedHistogram.quantile(q, lo: lo, width: width, counts: counts, zeros: zeros, days: dayBins)
    }

    /// `quantile` from a histogram's numbers (the reports use it on the
    /// histograms of a study's JSON); `days` for whole-day bins, whose
    /// quantiles are whole days (and which count no zeros apart).
    public static func quantile(_ q: Double, lo: Double, width: Double, counts: [Int64], zeros: Int64, days: Bool = false) -> Double {
        let bins = counts.count - 1
        let n = counts.reduce(0, &+)
        guard n > 0, bins > 0 else { return .nan }
        let target = q * Double(n)
        if days {
            var cum: Int64 = 0
            for i in 0..<bins {
                cum &+= counts[i]
                if counts[i] > 0 && Double(cum) >= target { return lo + Double(i) * width }
            }
            return .infinity
        }
        // Exact zeros sit in the bin of 0 (the first bin of a histogram from 0).
        let zeroBin = lo <= 0 && 0 < lo + Double(bins) * width ? min(bins - 1, Int((0 - lo) / width)) : -1
        let z = zeroBin >= 0 ? Double(min(zeros, counts[zeroBin])) : 0
        var cum = 0.0
        for i in 0..<bins {
            var c = Double(counts[i])
            var start = lo + Double(i) * width
            if i == zeroBin && z > 0 {
                if cum + z >= target { return 0 }
                cum += z; c -= z; start = 0
            }
            if cum + c >= target && c > 0 {
                let frac = (target - cum) / c
                let end = lo + Double(i + 1) * width
                return start + min(1, max(0, frac)) * (end - start)
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
