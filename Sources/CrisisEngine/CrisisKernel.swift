import GuarantorModel

/// Substream numbers: each kind of draw has its own, so that changing one
/// input (sensitivity, scenario variants) leaves every other draw of the run
/// unchanged (common random numbers).
enum Substream {
    static let slotBase: UInt32 = 0x0001_0000
    static let politicsBase: UInt32 = 0x0002_0000
    static let will: UInt32 = 0x0003_0000
    static let aggressorTypes: UInt32 = 0x0004_0000
}

/// The one-run kernel of MODEL.md section 3. It knows nothing of threads,
/// sweeps or reports: given a run index it fills a `RunOutcome`.
public struct CrisisKernel {
    public let plan: CompiledScenario
    public let seed: UInt64
    let daysPerMonth = 30.4375
    let obligations: [(commitment: Int, guarantor: Int)]

    // Scratch reused run after run.
    var inputs: [Double]
    var willU: [Double]
    var leaderNormals: [Double]
    var active: [Bool]            // agreement x guarantor, flattened
    var honourBase: [Double]      // guarantor: base * shift * events
    var startReal: [Double]       // per obligation
    var endReal: [Double]
    var ratePerDay: [Double]      // per obligation, nominal
    var eventDay: [Int32]
    var eventObligation: [Int32]
    var honouredScratch: [Bool]
    var scaleScratch: [Double]    // per guarantor x 2 (money, power)

    public init(plan: CompiledScenario, seed: UInt64) {
        self.plan = plan
        self.seed = seed
        obligations = plan.obligations
        let n = obligations.count
        inputs = Array(repeating: 0, count: plan.slots.count)
        willU = Array(repeating: 0, count: plan.guarantors.count)
        leaderNormals = Array(repeating: 0, count: plan.guarantors.count)
        active = Array(repeating: false, count: plan.agreements.count * max(1, plan.guarantors.count))
        honourBase = Array(repeating: 0, count: plan.guarantors.count)
        startReal = Array(repeating: 0, count: n)
        endReal = Array(repeating: 0, count: n)
        ratePerDay = Array(repeating: 0, count: n)
        eventDay = Array(repeating: 0, count: 2 * n + 1)
        eventObligation = Array(repeating: 0, count: 2 * n + 1)
        honouredScratch = Array(repeating: false, count: n)
        scaleScratch = Array(repeating: 1, count: 2 * max(1, plan.guarantors.count))
    }

    public func makeOutcome() -> RunOutcome {
        RunOutcome(attacks: plan.attacks.count, guarantors: plan.guarantors.count,
                   obligations: obligations.count, slots: plan.slots.count)
    }

    /// Simulated run-days per run: one day of one attack type, for each honour view simulated.
    public var runDaysPerRun: Int {
        plan.horizon * plan.attacks.count * (perceptionIsExact ? 1 : 2)
    }

    var perceptionIsExact: Bool { plan.slots[plan.perception].distribution == .constant(1) }

    // MARK: one run

    public mutating func simulate(run: UInt64, into out: inout RunOutcome) {
        drawInputs(run: run)
        let p = plan.parameters
        let G = plan.guarantors.count
        let attackDay = plan.startDay + Int((inputs[plan.attackAfterYears] * 365.25).rounded())

        // 2. Governments: turnovers, agreement survival, honour shift; 4. events.
        for g in 0..<G {
            let gp = plan.guarantors[g]
            var s = RandomStream(seed: seed, run: run, substream: Substream.politicsBase + UInt32(g))
            var shift = 1.0
            for a in plan.agreements.indices { active[a * G + g] = plan.agreements[a].parties.contains(g) }
            let turnoverP = inputs[gp.turnover]
            for e in gp.electionDays {
                let uTurn = s.uniform()
                let uShift = s.uniform()
                let inWindow = e > plan.startDay && e <= attackDay
                let turned = inWindow && uTurn < turnoverP
                if turned {
                    let d = plan.slots[plan.turnoverShift].distribution
                    shift *= max(0, d.isConstant ? inputs[plan.turnoverShift] : d.quantile(uShift))
                }
                for a in plan.agreements.indices {
                    let uSurvive = s.uniform()
                    if turned && e > plan.agreements[a].signedDay && uSurvive >= plan.agreements[a].survival {
                        active[a * G + g] = false
                    }
                }
            }
            var events = 1.0
            if s.uniform() < inputs[gp.capabilityShift] { events *= p.capabilityShiftMultiplier }
            if s.uniform() < inputs[gp.democraticChange] { events *= p.democraticChangeMultiplier }
            honourBase[g] = inputs[gp.honour] * shift * events
        }
        for a in plan.agreements.indices {
            let ag = plan.agreements[a]
            if !(ag.signedDay <= attackDay && attackDay < ag.expiresDay) {
                for g in 0..<G { active[a * G + g] = false }
            }
        }

        // 3. Will: one common factor, one normal per leader, one idiosyncratic per guarantor.
        var ws = RandomStream(seed: seed, run: run, substream: Substream.will)
        let z = Sampler.standardNormal(&ws)
        for g in 0..<G { leaderNormals[g] = Sampler.standardNormal(&ws) }
        for g in 0..<G {
            let gp = plan.guarantors[g]
            let e = Sampler.standardNormal(&ws)
            var w = gp.commonLoading * z + gp.idiosyncratic * e
            for l in gp.leaders { w += l.loading * leaderNormals[l.index] }
            willU[g] = Math.normalCDF(w)
        }

        // 5. Timelines (attack-independent): start, end and nominal rate per obligation.
        for (i, o) in obligations.enumerated() {
            let c = plan.commitments[o.commitment]
            let ag = plan.agreements[c.agreement]
            var delay = ag.decisionFixed + inputs[ag.decisionDelay]
            var latency = inputs[c.latency]
            if ag.integrated { delay *= p.integratedCommandDelayFactor; latency *= p.integratedCommandDelayFactor }
            let start = delay + latency
            startReal[i] = start
            endReal[i] = c.duration.map { start + inputs[$0] * daysPerMonth } ?? .infinity
            ratePerDay[i] = inputs[c.size] / daysPerMonth
        }

        out.perception = inputs[plan.perception]
        for s in inputs.indices { out.inputs[s] = inputs[s] }

        let exact = perceptionIsExact
        for k in plan.attacks.indices {
            out.actual[k] = combat(attack: k, perceptionFactor: nil, attackDay: attackDay)
            if k == plan.referenceAttack { record(attack: k, into: &out) }
            out.perceived[k] = exact ? out.actual[k] : combat(attack: k, perceptionFactor: out.perception, attackDay: attackDay)
        }
    }

    mutating func drawInputs(run: UInt64) {
        for (i, slot) in plan.slots.enumerated() {
            if case .constant(let v) = slot.distribution { inputs[i] = v; continue }
            var s = RandomStream(seed: seed, run: run, substream: Substream.slotBase + UInt32(i))
            inputs[i] = min(slot.upper, max(slot.lower, Sampler.sample(slot.distribution, &s)))
        }
    }

    /// Honour threshold p * q for obligation i against attack k (0 when its agreement is not in force or does not cover k).
    @inline(__always)
    func threshold(_ i: Int, attack k: Int, perceptionFactor: Double?) -> Double {
        let o = obligations[i]
        let c = plan.commitments[o.commitment]
        let ag = plan.agreements[c.agreement]
        let G = plan.guarantors.count
        guard active[c.agreement * G + o.guarantor], ag.coverMask & (1 << UInt64(k)) != 0 else { return 0 }
        var p = min(1, max(0, honourBase[o.guarantor] * ag.formMultiplier * ag.triggerMultiplier * inputs[plan.attacks[k].cover]))
        if plan.attacks[k].isGround && (ag.stationed != nil || plan.guarantors[o.guarantor].monitors) {
            p = max(p, plan.parameters.tripwireHonour)
        }
        if let f = perceptionFactor { p = min(1, p * f) }
        return p * c.cost
    }

    /// 6. Combat over the horizon for attack k.
    mutating func combat(attack k: Int, perceptionFactor: Double?, attackDay: Int) -> RunOutcome.Combat {
        let p = plan.parameters
        let ap = plan.attacks[k]
        let H = plan.horizon
        let G = plan.guarantors.count
        let n = obligations.count

        // Honour decisions: U_g <= p * q (one U per guarantor: monotone across commitments).
        var escalated = false
        for i in 0..<n {
            let t = threshold(i, attack: k, perceptionFactor: perceptionFactor)
            honouredScratch[i] = t > 0 && willU[obligations[i].guarantor] <= t
        }
        // Capacity: scale each guarantor's flows down to its monthly limits.
        for g in 0..<G { scaleScratch[2 * g] = 0; scaleScratch[2 * g + 1] = 0 }
        for i in 0..<n where honouredScratch[i] {
            let c = plan.commitments[obligations[i].commitment]
            switch c.kind.sizeUnit {
            case .money: scaleScratch[2 * obligations[i].guarantor] += ratePerDay[i]
            case .power: scaleScratch[2 * obligations[i].guarantor + 1] += ratePerDay[i]
            case .none: break
            }
        }
        for g in 0..<G {
            let gp = plan.guarantors[g]
            let money = scaleScratch[2 * g], power = scaleScratch[2 * g + 1]
            scaleScratch[2 * g] = gp.moneyCapacity.map { cap in money > 0 ? min(1, inputs[cap] / daysPerMonth / money) : 1 } ?? 1
            scaleScratch[2 * g + 1] = gp.powerCapacity.map { cap in power > 0 ? min(1, inputs[cap] / daysPerMonth / power) : 1 } ?? 1
        }

        // Events: days at which an honoured flow starts or ends.
        var nEvents = 0
        var stationedPower = 0.0
        for i in 0..<n where honouredScratch[i] {
            let sd = Int(startReal[i].rounded(.up))
            if sd >= H { continue }
            let ed = endReal[i] < Double(H) ? Int(endReal[i].rounded(.up)) : H
            insertEvent(day: sd, obligation: Int32(i), count: &nEvents)
            if ed < H { insertEvent(day: ed, obligation: Int32(-(i + 1)), count: &nEvents) }
            if ap.isGround && plan.commitments[obligations[i].commitment].kind == .troops { escalated = true }
        }
        if ap.isGround {
            for a in plan.agreements.indices {
                guard let slot = plan.agreements[a].stationed else { continue }
                for g in plan.agreements[a].parties where active[a * G + g] {
                    escalated = true
                    // Stationed forces fight from day 0 when their government honours at the troops level.
                    let t = min(1, max(honourBase[g], p.tripwireHonour)) * (p.commitmentCost[.troops] ?? 1)
                    if willU[g] <= t { stationedPower += inputs[slot] }
                }
            }
            for g in 0..<G where plan.guarantors[g].monitors { escalated = true }
        }

        // State at day 0.
        let warning = inputs[plan.warningDays]
        let mobilisation = inputs[plan.protegeMobilisation]
        var D = inputs[plan.protegePower] + mobilisation * warning + stationedPower
        let share = inputs[ap.forceShare]
        var A = inputs[plan.aggressorPower] * share
        let reinforcement = inputs[plan.aggressorReinforcement] * share
        let protLeth = inputs[plan.protegeLethality]
        let aggLeth = inputs[plan.aggressorLethality]
        let depth = max(1e-9, inputs[plan.objectiveDepth] + plan.depthAdjustmentKm)
        let target = inputs[ap.objectiveShare] * depth
        let vmax = inputs[ap.maxAdvance]
        let kSteep = p.advanceSteepness, r0 = p.advanceRatio
        let strikeRate = inputs[ap.strikeRate]
        let ipp = p.interceptionPerPower

        var x = 0.0, destroyed = 0.0
        var lossA = 0.0, lossD = 0.0, sanctions = 0.0
        var powerRate = 0.0, sanctionsRate = 0.0, adRate = 0.0, adStock = 0.0
        var intel = 1.0
        var ev = 0
        for t in 0..<H {
            if ev < nEvents && Int(eventDay[ev]) <= t {
                while ev < nEvents && Int(eventDay[ev]) <= t {
                    let code = Int(eventObligation[ev])
                    let i = code >= 0 ? code : -code - 1
                    let sign = code >= 0 ? 1.0 : -1.0
                    let c = plan.commitments[obligations[i].commitment]
                    let g = obligations[i].guarantor
                    let r = ratePerDay[i]
                    switch c.kind {
                    case .sanctions: sanctionsRate += sign * r * scaleScratch[2 * g]
                    case .financialAid: powerRate += sign * r * scaleScratch[2 * g] * (c.effect ?? p.powerPerMoney) * p.aidEffectiveness
                    case .airDefense:
                        powerRate += sign * r * scaleScratch[2 * g + 1] * p.aidEffectiveness
                        adRate += sign * r * scaleScratch[2 * g + 1] * (c.effect ?? 1)
                    case .armsDeliveries, .training, .troops:
                        powerRate += sign * r * scaleScratch[2 * g + 1] * p.aidEffectiveness
                    case .intelligenceSharing, .consultation: break
                    }
                    ev += 1
                }
                intel = intelligenceMultiplier(day: t, attack: k)
            }
            sanctions += sanctionsRate
            if ap.isGround {
                let dEff = D * intel
                let la = min(A, protLeth * dEff)
                let ld = min(D, aggLeth * A)
                A += reinforcement - la
                D += mobilisation + powerRate - ld
                lossA += la; lossD += ld
                let ratio = A / max(dEff, 1e-9)
                x += vmax / (1 + Math.exp(-kSteep * (ratio - r0)))
                if x > target { x = target }
            } else {
                adStock += adRate
                let unintercepted = Math.exp(-ipp * adStock)
                destroyed += strikeRate * (1 - destroyed) * unintercepted
            }
        }
        var result = RunOutcome.Combat()
        result.objectiveShare = ap.isGround ? x / depth : destroyed * inputs[ap.objectiveShare]
        result.aggressorLosses = lossA
        result.protegeLosses = lossD
        result.sanctionsCost = sanctions
        result.escalated = escalated

        return result
    }

    /// The guarantor and obligation figures of the combat just simulated for attack k (actual honour).
    func record(attack k: Int, into rec: inout RunOutcome) {
        let p = plan.parameters
        let G = plan.guarantors.count
        let n = obligations.count
        let H = plan.horizon
        do {
            for g in 0..<G { rec.guarantorHonours[g] = false; rec.guarantorHonoursPerceived[g] = false; rec.guarantorActive[g] = false }
            for i in 0..<n {
                let g = obligations[i].guarantor
                let c = plan.commitments[obligations[i].commitment]
                let honoured = honouredScratch[i]
                rec.obligationHonoured[i] = honoured
                let sd = Int(startReal[i].rounded(.up))
                rec.obligationStartDay[i] = honoured && sd < H ? sd : -1
                rec.obligationEndDay[i] = endReal[i] < Double(H) ? Int(endReal[i].rounded(.up)) : H
                let scale = scaleScratch[2 * g + (c.kind.sizeUnit == .money ? 0 : 1)]
                rec.obligationRate[i] = ratePerDay[i] * scale
                switch c.kind {
                case .financialAid: rec.obligationAidRate[i] = ratePerDay[i] * scale * (c.effect ?? p.powerPerMoney) * p.aidEffectiveness
                case .armsDeliveries, .airDefense, .training, .troops: rec.obligationAidRate[i] = ratePerDay[i] * scale * p.aidEffectiveness
                default: rec.obligationAidRate[i] = 0
                }
                // A guarantor "honours" when its will clears its strongest agreement's threshold before commitment costs.
                let t = threshold(i, attack: k, perceptionFactor: nil) / c.cost
                if t > 0 {
                    rec.guarantorActive[g] = true
                    if willU[g] <= t { rec.guarantorHonours[g] = true }
                    if willU[g] <= min(1, t * inputs[plan.perception]) { rec.guarantorHonoursPerceived[g] = true }
                }
            }
        }
    }

    /// Protégé effectiveness from intelligence sharing: the largest multiplier
    /// among the honoured intelligence commitments flowing on day t.
    func intelligenceMultiplier(day t: Int, attack k: Int) -> Double {
        var m = 1.0
        for i in obligations.indices where honouredScratch[i] {
            let c = plan.commitments[obligations[i].commitment]
            guard c.kind == .intelligenceSharing else { continue }
            let sd = Int(startReal[i].rounded(.up))
            let ed = endReal[i] < Double(plan.horizon) ? Int(endReal[i].rounded(.up)) : Int.max
            if sd <= t && t < ed {
                let e = c.effect ?? c.effectSlot.map { inputs[$0] } ?? plan.parameters.intelligenceMultiplier
                m = max(m, e)
            }
        }
        return m
    }

    @inline(__always)
    mutating func insertEvent(day: Int, obligation: Int32, count: inout Int) {
        var j = count
        while j > 0 && Int(eventDay[j - 1]) > day {
            eventDay[j] = eventDay[j - 1]; eventObligation[j] = eventObligation[j - 1]; j -= 1
        }
        eventDay[j] = Int32(day); eventObligation[j] = obligation
        count += 1
    }
}
