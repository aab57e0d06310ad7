/// The state and constants of up to eight ground simulations stepped
/// together, one per SIMD lane, and the segments of days between which
/// their flows change (MODEL.md 3.6). The crisis kernel fills it; one of the
/// builds of `stepGround` (baseline, AVX2 or AVX-512, which give the same
/// bits) steps it over the horizon.
///
/// Per-lane values sit in flat arrays of eight lanes per field, so that the
/// kernel writes single lanes as plain numbers and the loop reads whole
/// vectors. Lanes past `lanes` are ignored.
public struct GroundCombat {
    public static let width = 8
    /// Fields of `lanes`: field f of lane l is at f x 8 + l.
    public enum Field: Int {
        /// At the start: the aggressor's and the protégé's power, the
        /// aggressor's reinforcement per day, the objective depth (km) and the
        /// front's fastest advance (km a day).
        case aggressor, protege, reinforcement, target, maxAdvance
        /// At the horizon (written by `stepGround`): the front (km), and the
        /// sum of the daily inflows to the protégé.
        case front, inflowTotal
    }
    public static let fields = 7

    public var lanes = 0
    public var horizon = 0
    public var values: [Double]
    // The same for every lane.
    public var protegeLethality = 0.0
    public var aggressorLethality = 0.0
    public var steepness = 0.0
    public var ratioHalf = 0.0
    /// Segment s runs from day `segmentStart[s]` to `segmentStart[s + 1]`
    /// (the last one to `horizon`). Its inflow to the protégé (mobilisation
    /// plus aid) in lane l is `segmentRates[16 s + l]`, its intelligence
    /// multiplier `segmentRates[16 s + 8 + l]`.
    public var segmentCount = 0
    public var segmentStart: [Int]
    public var segmentRates: [Double]
    /// Room for the force ratios of one block of days (the loop's scratch,
    /// kept here so that stepping allocates nothing).
    public static let blockDays = 64
    public var ratios: [Double]

    /// Room for `segments` segments (the kernel's events plus one).
    public init(segments: Int) {
        values = Array(repeating: 0, count: Self.fields * Self.width)
        segmentStart = Array(repeating: 0, count: max(1, segments))
        segmentRates = Array(repeating: 0, count: 2 * Self.width * max(1, segments))
        ratios = Array(repeating: 0, count: Self.blockDays * Self.width)
    }

    @inlinable
    public subscript(field: Field, lane: Int) -> Double {
        get { values[field.rawValue * Self.width + lane] }
        set { values[field.rawValue * Self.width + lane] = newValue }
    }
}
