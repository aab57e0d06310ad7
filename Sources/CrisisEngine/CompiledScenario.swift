import GuarantorModel

/// One uncertain input of a scenario: drawn once per run from its own
/// substream, so fixing it (sensitivity) leaves every other draw unchanged.
public struct InputSlot: Hashable, Sendable, Codable {
    /// Where it is written, e.g. `aggressor.combat_power`, `guarantors.USA.honour`.
    public var path: String
    public var distribution: Distribution
    /// Draws are clamped to [0, 1] for probabilities and at 0 for non-negative quantities.
    public var lower: Double
    public var upper: Double
}

/// The scenario in the index-based form the kernel reads: arrays of numbers
/// and slot indices, no strings or dictionaries on the hot path.
public struct CompiledScenario: Sendable {
    public struct AttackPlan: Sendable {
        public var kind: AttackKind
        public var isGround: Bool
        public var forceShare: Int, objectiveShare: Int, maxAdvance: Int, strikeRate: Int, cover: Int, entryCost: Int
    }
    public struct GuarantorPlan: Sendable {
        public var honour: Int
        public var commonLoading: Double
        public var leaders: [(index: Int, loading: Double)]
        public var idiosyncratic: Double
        public var electionDays: [Int]
        public var turnover: Int
        public var moneyCapacity: Int?     // slot, per month
        public var powerCapacity: Int?
        public var capabilityShift: Int, democraticChange: Int
        public var monitors: Bool
    }
    public struct AgreementPlan: Sendable {
        public var parties: [Int]
        public var formMultiplier: Double
        public var triggerMultiplier: Double
        public var survival: Double
        public var signedDay: Int
        public var expiresDay: Int       // Int.max when indefinite
        public var coverMask: UInt64     // bit k: covers attack k
        public var integrated: Bool
        public var stationed: Int?       // slot
        public var decisionDelay: Int    // slot: the drawn decision delay in days (0 slot for automatic)
        public var decisionFixed: Double // fixed part (consultation window) in days
    }
    public struct CommitmentPlan: Sendable {
        public var agreement: Int
        public var kind: CommitmentKind
        public var cost: Double          // q[kind]
        public var size: Int
        public var latency: Int
        public var duration: Int?
        public var effect: Double?       // constant override, or nil
        public var effectSlot: Int?
    }

    public var scenario: Scenario
    public var slots: [InputSlot]
    public var horizon: Int
    public var startDay: Int
    public var attackAfterYears: Int
    public var protegePower: Int, protegeMobilisation: Int, protegeLethality: Int
    public var aggressorPower: Int, aggressorReinforcement: Int, aggressorLethality: Int, perception: Int
    public var objectiveValue: Int, lossCost: Int, sanctionsCost: Int, escalationCost: Int
    public var warningDays: Int, objectiveDepth: Int
    /// Km added to (buffer zone) or removed from (aggressor police in a DMZ) the objective depth.
    public var depthAdjustmentKm: Double
    public var attacks: [AttackPlan]
    public var guarantors: [GuarantorPlan]
    public var agreements: [AgreementPlan]
    public var commitments: [CommitmentPlan]
    public var parameters: ModelParameters
    /// Attack type whose guarantor figures are reported (the first full invasion, else the last type).
    public var referenceAttack: Int
    public var turnoverShift: Int

    public init(_ s: Scenario) {
        scenario = s
        parameters = s.parameters
        horizon = s.horizonDays
        startDay = s.start.dayNumber
        var slots: [InputSlot] = []
        // Every draw is clamped to ±Distribution.maxMagnitude (1e15, the limit of numbers in a file) at
        // least: a heavy tail (`{lognormal: [0, 40]}`, `1 to 1e15`) reaches 1e300 or infinity, which no
        // day count or exact sum holds (an attack 1e300 years on trapped converting days to Int).
        let m = Distribution.maxMagnitude
        func slot(_ path: String, _ d: Distribution, lower: Double = -m, upper: Double = m) -> Int {
            slots.append(InputSlot(path: path, distribution: d, lower: lower, upper: upper))
            return slots.count - 1
        }
        func prob(_ path: String, _ d: Distribution) -> Int { slot(path, d, lower: 0, upper: 1) }
        func nonneg(_ path: String, _ d: Distribution) -> Int { slot(path, d, lower: 0) }

        attackAfterYears = nonneg("attack_after_years", s.attackAfterYears)
        protegePower = nonneg("protege.combat_power", s.protege.combatPower)
        protegeMobilisation = nonneg("protege.mobilisation_per_day", s.protege.mobilisationPerDay)
        protegeLethality = nonneg("protege.lethality", s.protege.lethality)
        aggressorPower = nonneg("aggressor.combat_power", s.aggressor.combatPower)
        aggressorReinforcement = nonneg("aggressor.reinforcement_per_day", s.aggressor.reinforcementPerDay)
        aggressorLethality = nonneg("aggressor.lethality", s.aggressor.lethality)
        perception = nonneg("aggressor.perception", s.aggressor.perception)
        objectiveValue = slot("aggressor.valuation.objective_value", s.aggressor.valuation.objectiveValue)
        lossCost = nonneg("aggressor.valuation.loss_cost", s.aggressor.valuation.lossCost)
        sanctionsCost = nonneg("aggressor.valuation.sanctions_cost", s.aggressor.valuation.sanctionsCost)
        escalationCost = nonneg("aggressor.valuation.escalation_cost", s.aggressor.valuation.escalationCost)
        warningDays = nonneg("settlement.warning_days", s.settlement.warningDays)
        objectiveDepth = nonneg("settlement.objective_depth_km", s.settlement.objectiveDepthKm)
        switch s.settlement.kind {
        case .bufferZone: depthAdjustmentKm = 2 * s.settlement.zoneWidthKm
        case .demilitarisedZone: depthAdjustmentKm = s.settlement.aggressorPoliceInside ? -s.settlement.zoneWidthKm : 0
        default: depthAdjustmentKm = 0
        }
        turnoverShift = nonneg("parameters.turnover_honour_shift", s.parameters.turnoverHonourShift)

        attacks = s.attacks.map { a in
            AttackPlan(kind: a.kind, isGround: a.kind.isGround,
                       forceShare: prob("attacks.\(a.id).force_share", a.forceShare),
                       objectiveShare: prob("attacks.\(a.id).objective_share", a.objectiveShare),
                       maxAdvance: nonneg("attacks.\(a.id).max_advance_km_per_day", a.maxAdvanceKmPerDay),
                       strikeRate: prob("attacks.\(a.id).strike_rate_per_day", a.strikeRatePerDay),
                       cover: prob("attacks.\(a.id).cover_factor", a.coverFactor),
                       entryCost: slot("attacks.\(a.id).entry_cost", a.entryCost))
        }
        referenceAttack = s.attacks.firstIndex { $0.kind == .fullInvasion } ?? max(0, s.attacks.count - 1)

        let gIndex = Dictionary(uniqueKeysWithValues: s.guarantors.enumerated().map { ($1.id, $0) })
        guarantors = s.guarantors.map { g in
            let honourDist: Distribution
            switch g.honour {
            case .probability(let d): honourDist = d
            case .prior(let name): honourDist = NamedPrior.named(name)?.distribution ?? .constant(0)
            }
            return GuarantorPlan(
                honour: prob("guarantors.\(g.id).honour", honourDist),
                commonLoading: g.commonLoading,
                leaders: g.leaderLoadings.compactMap { l in gIndex[l.leader].map { ($0, l.loading) } },
                idiosyncratic: max(0, 1 - g.sharedVariance).squareRoot(),
                electionDays: g.elections.map(\.dayNumber),
                turnover: prob("guarantors.\(g.id).turnover_probability", g.turnoverProbability),
                moneyCapacity: g.capacity.moneyPerMonth.map { nonneg("guarantors.\(g.id).capacity.money_per_month", $0) },
                powerCapacity: g.capacity.powerPerMonth.map { nonneg("guarantors.\(g.id).capacity.power_per_month", $0) },
                capabilityShift: prob("guarantors.\(g.id).capability_shift_probability", g.capabilityShiftProbability),
                democraticChange: prob("guarantors.\(g.id).democratic_change_probability", g.democraticChangeProbability),
                monitors: s.settlement.monitorGuarantors.contains(g.id))
        }
        let aIndex = Dictionary(uniqueKeysWithValues: s.attacks.enumerated().map { ($1.id, $0) })
        var agreements: [AgreementPlan] = []
        var commitments: [CommitmentPlan] = []
        let p = s.parameters
        for (ai, a) in s.agreements.enumerated() {
            var mask: UInt64 = 0
            for c in a.covers { if let k = aIndex[c], k < 64 { mask |= 1 << UInt64(k) } }
            let delaySlot: Int
            var fixed = 0.0
            switch a.trigger {
            case .automatic: delaySlot = nonneg("agreements.\(a.id).decision_delay_days", .constant(0))
            case .consult(let hours):
                fixed = hours / 24
                delaySlot = nonneg("agreements.\(a.id).deliberation_days", p.consultDeliberationDays)
            case .discretionary:
                var d = p.discretionaryDeliberationDays
                if a.needsAppropriation {
                    // deliberation plus appropriation: an interval whose ends are the sums of the two
                    // intervals' ends (5th with 5th, 95th with 95th); wider than the sum's own 90 % interval (ASSUMPTIONS.md)
                    let lo = p.discretionaryDeliberationDays.quantile(0.05) + p.appropriationDays.quantile(0.05)
                    let hi = p.discretionaryDeliberationDays.quantile(0.95) + p.appropriationDays.quantile(0.95)
                    d = .interval(lo, hi)
                }
                delaySlot = nonneg("agreements.\(a.id).deliberation_days", d)
            }
            agreements.append(AgreementPlan(
                parties: a.guarantors.compactMap { gIndex[$0] },
                formMultiplier: p.formMultiplier[a.form] ?? 1,
                triggerMultiplier: p.triggerMultiplier[a.trigger.kind] ?? 1,
                survival: p.survivalOnTurnover[a.form] ?? 1,
                signedDay: a.signed.dayNumber,
                expiresDay: a.expires?.dayNumber ?? Int.max,
                coverMask: mask,
                integrated: a.integratedCommand,
                stationed: a.stationedForces.map { nonneg("agreements.\(a.id).stationed_forces", $0) },
                decisionDelay: delaySlot,
                decisionFixed: fixed))
            for (ci, c) in a.commitments.enumerated() {
                let base = "agreements.\(a.id).commitments[\(ci)]"
                var effect: Double? = nil
                var effectSlot: Int? = nil
                if let e = c.effect {
                    if case .constant(let v) = e { effect = v } else { effectSlot = nonneg("\(base).effect", e) }
                }
                commitments.append(CommitmentPlan(
                    agreement: ai, kind: c.kind, cost: p.commitmentCost[c.kind] ?? 1,
                    size: nonneg("\(base).size_per_month", c.sizePerMonth),
                    latency: nonneg("\(base).latency_days", c.latencyDays),
                    duration: c.durationMonths.map { nonneg("\(base).duration_months", $0) },
                    effect: effect, effectSlot: effectSlot))
            }
        }
        self.agreements = agreements
        self.commitments = commitments
        self.slots = slots
        var obligations: [(commitment: Int, guarantor: Int)] = []
        for (ci, c) in commitments.enumerated() {
            for g in agreements[c.agreement].parties { obligations.append((ci, g)) }
        }
        self.obligations = obligations
        obligationIsMilitary = obligations.map { commitments[$0.commitment].kind.isMilitary }
    }

    /// Indices of the slots that are uncertain (the inputs of the sensitivity analysis).
    public var uncertainSlots: [Int] {
        slots.indices.filter { !slots[$0].distribution.isConstant }
    }

    /// The same scenario with one input fixed at a value (common random numbers for everything else).
    public func fixing(slot: Int, at value: Double) -> CompiledScenario {
        var c = self
        c.slots[slot].distribution = .constant(value)
        return c
    }

    /// (commitment index, guarantor index) for every delivery a study reports on.
    public private(set) var obligations: [(commitment: Int, guarantor: Int)] = []
    /// Per obligation: whether it is military aid (for days to first military aid).
    public private(set) var obligationIsMilitary: [Bool] = []
}
