/// The state and constants of up to eight ground simulations stepped
/// together, one per SIMD lane, and the segments of days between which
/// their flows change (MODEL.md 3.6). The crisis kernel fills it, with
/// lanes from one run or several; one of the builds of `stepGround`
/// (baseline, AVX2 or AVX-512, which give the same bits) steps it over the
/// horizon. Each lane's numbers depend on that lane alone: which lanes share
/// a batch, and where the segments split the days, change none of its bits.
///
/// Per-lane values sit in flat arrays of eight lanes per field, so that the
/// kernel writes single lanes as plain numbers and the loop reads whole
/// vectors. Lanes past `lanes` are ignored.
public struct GroundCombat {
    public static let width = 8
    /// Fields of `values`: field f of lane l is at f x 8 + l.
    public enum Field: Int {
        /// At the start: the aggressor's and the protégé's power, the
        /// aggressor's reinforcement per day, the objective depth (km), the
        /// front's fastest advance (km a day), and the protégé's and the
        /// aggressor's lethality.
        case aggressor, protege, reinforcement, target, maxAdvance, protegeLethality, aggressorLethality
        /// At the horizon (written by `stepGround`): the front (km).
        case front
    }
    public static let fields = 8

    public var lanes = 0
    public var horizon = 0
    public var values: [Double]
    // The same for every lane.
    public var steepness = 0.0
    public var ratioHalf = 0.0
    /// Segment s runs from day `segmentStart[s]` to `segmentStart[s + 1]`
    /// (the last one to `horizon`). Its inflow to the protégé (mobilisation
    /// plus aid) in lane l is `segmentRates[16 s + l]`, its intelligence
    /// multiplier `segmentRates[16 s + 8 + l]`.
    public var segmentCount = 0
    public var segmentStart: [Int]
    public var segmentRates: [Double]
    /// Room for the force ratios of `ringDays` days, a ring the attrition
    /// writes and the front's advance reads `lagDays` days later (the loop's
    /// scratch, kept here so that stepping allocates nothing). A power of two
    /// above the lag.
    public static let ringDays = 64
    public static let lagDays = 16
    var ratios: [Double]

    /// Room for `segments` segments (the kernel's events plus one).
    public init(segments: Int) {
        values = Array(repeating: 0, count: Self.fields * Self.width)
        segmentStart = Array(repeating: 0, count: max(1, segments))
        segmentRates = Array(repeating: 0, count: 2 * Self.width * max(1, segments))
        ratios = Array(repeating: 0, count: Self.ringDays * Self.width)
    }

    @inlinable
    public subscript(field: Field, lane: Int) -> Double {
        get { values[field.rawValue * Self.width + lane] }
        set { values[field.rawValue * Self.width + lane] = newValue }
    }
}

/// A `GroundCombat` seen through pointers: what the builds of the loop in
/// CombatLoopsAVX2 and CombatLoopsAVX512 get. Those modules must not touch
/// Swift arrays (or any other generic code of the standard library), because
/// the specialisations the compiler emits for them are shared symbols that
/// the linker keeps once for the whole program: an AVX-512 copy could then
/// serve baseline code on a machine without AVX-512. `.ci/run` checks their
/// object files for such symbols (scripts/check-combat-loop-symbols.sh).
public struct GroundCombatView {
    public var lanes: Int, horizon: Int, segmentCount: Int
    public var steepness: Double, ratioHalf: Double
    /// `GroundCombat.values`, `segmentStart`, `segmentRates` and `ratios`.
    public var values: UnsafeMutablePointer<Double>
    public var segmentStart: UnsafePointer<Int>
    public var segmentRates: UnsafePointer<Double>
    public var ratios: UnsafeMutableRawPointer
}

extension GroundCombat {
    /// Calls `body` with a pointer view of this batch (valid only inside it).
    public mutating func withView(_ body: (GroundCombatView) -> Void) {
        let (n, h, sc) = (lanes, horizon, segmentCount)
        let (k, r0) = (steepness, ratioHalf)
        values.withUnsafeMutableBufferPointer { v in
            segmentStart.withUnsafeBufferPointer { starts in
                segmentRates.withUnsafeBufferPointer { rates in
                    ratios.withUnsafeMutableBufferPointer { scratch in
                        guard let vp = v.baseAddress, let sp = starts.baseAddress, let rp = rates.baseAddress,
                              let xp = scratch.baseAddress else { return }
                        body(GroundCombatView(lanes: n, horizon: h, segmentCount: sc, steepness: k, ratioHalf: r0, values: vp,
                                              segmentStart: sp, segmentRates: rp, ratios: UnsafeMutableRawPointer(xp)))
                    }
                }
            }
        }
    }
}
