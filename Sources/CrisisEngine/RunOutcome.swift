/// What one run produced, in preallocated arrays that the kernel overwrites
/// run after run (no allocation per run).
public struct RunOutcome: Sendable {
    public struct Combat: Sendable {
        public var objectiveShare = 0.0
        public var aggressorLosses = 0.0
        public var protegeLosses = 0.0
        public var sanctionsCost = 0.0
        public var escalated = false
    }
    /// Per attack type, with the actual honour probabilities.
    public var actual: [Combat]
    /// Per attack type, with the honour probabilities the aggressor perceives.
    public var perceived: [Combat]
    /// Per guarantor (reference attack, actual): honours its strongest active agreement.
    public var guarantorHonours: [Bool]
    /// Per guarantor: honours as the aggressor perceives it.
    public var guarantorHonoursPerceived: [Bool]
    /// Per guarantor: it had an agreement in force at the attack.
    public var guarantorActive: [Bool]
    /// Per obligation (commitment x guarantor), reference attack, actual.
    public var obligationHonoured: [Bool]
    /// First delivery day, or -1 when never within the horizon.
    public var obligationStartDay: [Int]
    public var obligationEndDay: [Int]
    /// Amount per day once flowing (after capacity limits).
    public var obligationRate: [Double]
    /// Power-equivalent aid per day once flowing (0 for non-material commitments).
    public var obligationAidRate: [Double]
    /// Values drawn for each input slot.
    public var inputs: [Double]
    /// Aggressor's perception factor in this run.
    public var perception = 1.0

    public init(attacks: Int, guarantors: Int, obligations: Int, slots: Int) {
        actual = Array(repeating: Combat(), count: attacks)
        perceived = Array(repeating: Combat(), count: attacks)
        guarantorHonours = Array(repeating: false, count: guarantors)
        guarantorHonoursPerceived = Array(repeating: false, count: guarantors)
        guarantorActive = Array(repeating: false, count: guarantors)
        obligationHonoured = Array(repeating: false, count: obligations)
        obligationStartDay = Array(repeating: -1, count: obligations)
        obligationEndDay = Array(repeating: -1, count: obligations)
        obligationRate = Array(repeating: 0, count: obligations)
        obligationAidRate = Array(repeating: 0, count: obligations)
        inputs = Array(repeating: 0, count: slots)
    }

    /// Delivered amount of obligation i by day t.
    @inlinable
    public func delivered(_ i: Int, byDay t: Int) -> Double {
        guard obligationHonoured[i], obligationStartDay[i] >= 0 else { return 0 }
        return Self.delivered(start: obligationStartDay[i], end: obligationEndDay[i], rate: obligationRate[i], byDay: t)
    }

    @inlinable
    public func aidDelivered(_ i: Int, byDay t: Int) -> Double {
        guard obligationHonoured[i], obligationStartDay[i] >= 0 else { return 0 }
        return Self.delivered(start: obligationStartDay[i], end: obligationEndDay[i], rate: obligationAidRate[i], byDay: t)
    }

    /// What flows at `rate` a day from day `start` until day `end` has delivered by day t.
    @inlinable @inline(__always)
    public static func delivered(start: Int, end: Int, rate: Double, byDay t: Int) -> Double {
        let days = min(t, end) - start
        return days > 0 ? Double(days) * rate : 0
    }
}
