/// The model's structural parameters. Every default here has its row in
/// ASSUMPTIONS.md (same names as the scenario keys under `parameters:`).
public struct ModelParameters: Hashable, Sendable, Codable {
    /// Honour multiplier by legal form (`form[a]`).
    public var formMultiplier: [LegalForm: Double]
    /// Honour multiplier by trigger (`trigger[a]`).
    public var triggerMultiplier: [TriggerKind: Double]
    /// Probability an agreement survives one government turnover, by legal form.
    public var survivalOnTurnover: [LegalForm: Double]
    /// Cost ranking q[kind]: commitment c is honoured iff U_g <= p * q[kind].
    public var commitmentCost: [CommitmentKind: Double]
    /// Honour probability when a guarantor's own forces stand in the attacker's path.
    public var tripwireHonour: Double
    /// Multiplier on honour after a capability shift (Leeds & Anac 2005: 49.2 % / 82.9 %).
    public var capabilityShiftMultiplier: Double
    /// Multiplier on honour after a change in democratic institutions (29.6 % / 77.3 %).
    public var democraticChangeMultiplier: Double
    /// Multiplier on honour drawn at each government turnover (centred on 1).
    public var turnoverHonourShift: Distribution
    /// Days of deliberation after the consultation window.
    public var consultDeliberationDays: Distribution
    /// Days of deliberation for a discretionary decision.
    public var discretionaryDeliberationDays: Distribution
    /// Extra days when a discretionary decision needs an appropriation.
    public var appropriationDays: Distribution
    /// Factor on decision delays and latencies under an integrated command.
    public var integratedCommandDelayFactor: Double
    /// Combat power bought per unit of money of financial aid.
    public var powerPerMoney: Double
    /// Protégé effectiveness multiplier from intelligence sharing (per honoured guarantor, not compounding past the max).
    public var intelligenceMultiplier: Double
    /// Share of strikes intercepted per unit of air-defence power delivered (exponential saturation).
    public var interceptionPerPower: Double
    /// Steepness k of the advance sigmoid.
    public var advanceSteepness: Double
    /// Force ratio r0 at which the advance runs at half speed (near the 3:1 rule).
    public var advanceRatio: Double
    /// Delivered combat power keeps this share of its nominal value (absorption and training time).
    public var aidEffectiveness: Double

    public init(formMultiplier: [LegalForm: Double], triggerMultiplier: [TriggerKind: Double],
                survivalOnTurnover: [LegalForm: Double], commitmentCost: [CommitmentKind: Double],
                tripwireHonour: Double, capabilityShiftMultiplier: Double, democraticChangeMultiplier: Double,
                turnoverHonourShift: Distribution, consultDeliberationDays: Distribution,
                discretionaryDeliberationDays: Distribution, appropriationDays: Distribution,
                integratedCommandDelayFactor: Double, powerPerMoney: Double, intelligenceMultiplier: Double,
                interceptionPerPower: Double, advanceSteepness: Double, advanceRatio: Double,
                aidEffectiveness: Double) {
        self.formMultiplier = formMultiplier; self.triggerMultiplier = triggerMultiplier
        self.survivalOnTurnover = survivalOnTurnover; self.commitmentCost = commitmentCost
        self.tripwireHonour = tripwireHonour; self.capabilityShiftMultiplier = capabilityShiftMultiplier
        self.democraticChangeMultiplier = democraticChangeMultiplier; self.turnoverHonourShift = turnoverHonourShift
        self.consultDeliberationDays = consultDeliberationDays
        self.discretionaryDeliberationDays = discretionaryDeliberationDays
        self.appropriationDays = appropriationDays; self.integratedCommandDelayFactor = integratedCommandDelayFactor
        self.powerPerMoney = powerPerMoney; self.intelligenceMultiplier = intelligenceMultiplier
        self.interceptionPerPower = interceptionPerPower; self.advanceSteepness = advanceSteepness
        self.advanceRatio = advanceRatio; self.aidEffectiveness = aidEffectiveness
    }

    /// Dictionaries are coded as string-keyed maps, so that the canonical
    /// JSON (sorted keys) and the scenario hash do not depend on hash order.
    enum CodingKeys: String, CodingKey {
        case formMultiplier, triggerMultiplier, survivalOnTurnover, commitmentCost, tripwireHonour
        case capabilityShiftMultiplier, democraticChangeMultiplier, turnoverHonourShift, consultDeliberationDays
        case discretionaryDeliberationDays, appropriationDays, integratedCommandDelayFactor, powerPerMoney
        case intelligenceMultiplier, interceptionPerPower, advanceSteepness, advanceRatio, aidEffectiveness
    }

    static func stringKeyed<K: RawRepresentable>(_ d: [K: Double]) -> [String: Double] where K.RawValue == String {
        Dictionary(uniqueKeysWithValues: d.map { ($0.key.rawValue, $0.value) })
    }

    static func enumKeyed<K: RawRepresentable & Hashable>(_ d: [String: Double]) -> [K: Double] where K.RawValue == String {
        Dictionary(uniqueKeysWithValues: d.compactMap { k, v in K(rawValue: k).map { ($0, v) } })
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.stringKeyed(formMultiplier), forKey: .formMultiplier)
        try c.encode(Self.stringKeyed(triggerMultiplier), forKey: .triggerMultiplier)
        try c.encode(Self.stringKeyed(survivalOnTurnover), forKey: .survivalOnTurnover)
        try c.encode(Self.stringKeyed(commitmentCost), forKey: .commitmentCost)
        try c.encode(tripwireHonour, forKey: .tripwireHonour)
        try c.encode(capabilityShiftMultiplier, forKey: .capabilityShiftMultiplier)
        try c.encode(democraticChangeMultiplier, forKey: .democraticChangeMultiplier)
        try c.encode(turnoverHonourShift, forKey: .turnoverHonourShift)
        try c.encode(consultDeliberationDays, forKey: .consultDeliberationDays)
        try c.encode(discretionaryDeliberationDays, forKey: .discretionaryDeliberationDays)
        try c.encode(appropriationDays, forKey: .appropriationDays)
        try c.encode(integratedCommandDelayFactor, forKey: .integratedCommandDelayFactor)
        try c.encode(powerPerMoney, forKey: .powerPerMoney)
        try c.encode(intelligenceMultiplier, forKey: .intelligenceMultiplier)
        try c.encode(interceptionPerPower, forKey: .interceptionPerPower)
        try c.encode(advanceSteepness, forKey: .advanceSteepness)
        try c.encode(advanceRatio, forKey: .advanceRatio)
        try c.encode(aidEffectiveness, forKey: .aidEffectiveness)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formMultiplier = Self.enumKeyed(try c.decode([String: Double].self, forKey: .formMultiplier))
        triggerMultiplier = Self.enumKeyed(try c.decode([String: Double].self, forKey: .triggerMultiplier))
        survivalOnTurnover = Self.enumKeyed(try c.decode([String: Double].self, forKey: .survivalOnTurnover))
        commitmentCost = Self.enumKeyed(try c.decode([String: Double].self, forKey: .commitmentCost))
        tripwireHonour = try c.decode(Double.self, forKey: .tripwireHonour)
        capabilityShiftMultiplier = try c.decode(Double.self, forKey: .capabilityShiftMultiplier)
        democraticChangeMultiplier = try c.decode(Double.self, forKey: .democraticChangeMultiplier)
        turnoverHonourShift = try c.decode(Distribution.self, forKey: .turnoverHonourShift)
        consultDeliberationDays = try c.decode(Distribution.self, forKey: .consultDeliberationDays)
        discretionaryDeliberationDays = try c.decode(Distribution.self, forKey: .discretionaryDeliberationDays)
        appropriationDays = try c.decode(Distribution.self, forKey: .appropriationDays)
        integratedCommandDelayFactor = try c.decode(Double.self, forKey: .integratedCommandDelayFactor)
        powerPerMoney = try c.decode(Double.self, forKey: .powerPerMoney)
        intelligenceMultiplier = try c.decode(Double.self, forKey: .intelligenceMultiplier)
        interceptionPerPower = try c.decode(Double.self, forKey: .interceptionPerPower)
        advanceSteepness = try c.decode(Double.self, forKey: .advanceSteepness)
        advanceRatio = try c.decode(Double.self, forKey: .advanceRatio)
        aidEffectiveness = try c.decode(Double.self, forKey: .aidEffectiveness)
    }

    /// The defaults; see ASSUMPTIONS.md for the source or "assumption" of each.
    public static let defaults = ModelParameters(
        formMultiplier: [.ratifiedTreaty: 1.0, .executiveAgreement: 0.9, .politicalDeclaration: 0.75],
        triggerMultiplier: [.automatic: 1.0, .consult: 0.85, .discretionary: 0.7],
        survivalOnTurnover: [.ratifiedTreaty: 0.97, .executiveAgreement: 0.6, .politicalDeclaration: 0.5],
        commitmentCost: [.consultation: 1.0, .sanctions: 0.95, .financialAid: 0.9, .intelligenceSharing: 0.9,
                         .armsDeliveries: 0.8, .airDefense: 0.75, .training: 0.8, .troops: 0.35],
        tripwireHonour: 0.9,
        capabilityShiftMultiplier: 0.492 / 0.829,
        democraticChangeMultiplier: 0.296 / 0.773,
        turnoverHonourShift: .normal(mean: 1.0, sd: 0.1),
        consultDeliberationDays: .interval(2, 14),
        discretionaryDeliberationDays: .interval(7, 45),
        appropriationDays: .interval(30, 120),
        integratedCommandDelayFactor: 0.5,
        powerPerMoney: 1.0,
        intelligenceMultiplier: 1.15,
        interceptionPerPower: 0.05,
        advanceSteepness: 3.0,
        advanceRatio: 3.0,
        aidEffectiveness: 0.8
    )
}

/// A calendar date (proleptic Gregorian), without time or zone.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses YYYY-MM-DD.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    public static func < (l: CalendarDate, r: CalendarDate) -> Bool { l.dayNumber < r.dayNumber }

    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
