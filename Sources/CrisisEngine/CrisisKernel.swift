import CombatLoops
import GuarantorModel

/// Substream numbers: each kind of draw has its own, so that changing one
/// input (sensitivity, scenario variants) leaves every other draw of the run
/// unchanged (common random numbers).
public enum Substream {
    public static let slotBase: UInt32 = 0x0001_0000
    public static let politicsBase: UInt32 = 0x0002_0000
    public static let will: UInt32 = 0x0003_0000
    /// Aggressor types (Deterrence): type m draws slot s from (seed, m, aggressorTypesBase + s).
    public static let aggressorTypesBase: UInt32 = 0x0004_0000
}

/// The one-run kernel of MODEL.md section 3. It knows nothing of threads,
/// sweeps or reports: given a run index it fills a `RunOutcome`.
///
/// Storage note: everything the kernel reads per run is flattened at init
/// into plain arrays of numbers indexed by obligation (commitment x
/// guarantor), agreement, guarantor or attack, so the hot paths touch no
/// strings, dictionaries, optionals or nested arrays, and allocate nothing.
public struct CrisisKernel {
    public let plan: CompiledScenario
    public let seed: UInt64
    static let daysPerMonth = 30.4375

    // Sizes.
    let G: Int, A: Int, K: Int, N: Int, H: Int

    // Per obligation (static).
    let obGuarantor: [Int], obAgreement: [Int], obKind: [CommitmentKind], obCost: [Double], obUnit: [Int]
    let obSize: [Int], obLatency: [Int], obDuration: [Int], obEffectConst: [Double], obEffectSlot: [Int]
    let obTripwire: [Bool], obMilitary: [Bool]
    // Per agreement.
    let agMultiplier: [Double], agDelay: [Int], agFixed: [Double], agIntegrated: [Bool]
    let agSigned: [Int], agExpires: [Int], agSurvival: [Double], agStationed: [Int]
    /// The (agreement, guarantor) pairs of the agreements' parties, by
    /// agreement then guarantor: agreement a's are `agPairStart[a] ..<
    /// agPairStart[a + 1]`; guarantor g's, by agreement, are `gPairs[gPairStart[g] ..< gPairStart[g + 1]]`.
    /// (Lists, not an agreement x guarantor table: a run's work stays
    /// linear in the scenario's size.)
    let pairAgreement: [Int], pairGuarantor: [Int], agPairStart: [Int], gPairs: [Int], gPairStart: [Int]
    let obPair: [Int]                 // per obligation: its (agreement, guarantor) pair
    // Per guarantor.
    let gHonour: [Int], gTurnover: [Int], gCapShift: [Int], gDemo: [Int], gMoneyCap: [Int], gPowerCap: [Int]
    let gCommon: [Double], gIdio: [Double], gMonitors: [Bool]
    let electionDays: [Int], electionStart: [Int]          // flattened, offsets of size G + 1
    let leaderIndex: [Int], leaderLoading: [Double], leaderStart: [Int]
    // Per attack.
    let atGround: [Bool], atForce: [Int], atObjective: [Int], atAdvance: [Int], atStrike: [Int], atCover: [Int]
    // Parameters used per run.
    let tripwire: Double, troopsCost: Double, capShiftMult: Double, demoMult: Double, delayFactor: Double
    let powerPerMoney: Double, intelDefault: Double, interception: Double, aidEffect: Double
    let turnoverShiftConstant: Bool
    // Per input slot, without its path (a string the hot loop must not touch).
    let slotDistribution: [Distribution], slotLower: [Double], slotUpper: [Double]
    let varyingSlots: [Int]           // the slots that are not constants (constants sit in `inputs` from the start)
    let gaussianDraws: [GaussianDraws] // the normal and lognormal slots among them, four at a time
    let betaDraws: [BetaDraws]        // the beta slots with both shapes at least 1, four at a time
    let otherDraws: [Int]             // the rest of them, drawn one by one
    let perceptionIsExact: Bool

    // Per-run scratch.
    var inputs: [Double]
    /// The run's normals, four lanes a vector: one per gaussian group, two
    /// per beta group (X and Y), two per four blocks of the will stream
    /// (even and odd positions). The lanes in the normal's tails and their
    /// uniforms (room for all, plus one).
    var drawNormals: [Double]
    var tailLanes: [Int], tailUniforms: [Double]
    var betaOdd: [SIMD4<Double>]                       // per beta group: the acceptance uniforms of X and Y
    /// The Philox blocks a run's draws need, one lane each (`philoxUniforms`):
    /// block 0 of each gaussian slot (four lanes a group), blocks 0 and then 1
    /// of each beta slot (four lanes a group), blocks 0, 1, ... of the will
    /// stream; padded to a multiple of 8. Their block numbers and substreams,
    /// and the uniforms they give at even and odd positions.
    let philoxBlocks: [UInt64], philoxSubstreams: [UInt64]
    var philoxEven: [Double], philoxOdd: [Double]
    /// The central normals of those uniforms (even positions, and odd ones of the will stream's blocks).
    var philoxEvenNormals: [Double], philoxOddNormals: [Double]
    var willU: [Double]
    /// The will stream's normal j (j = 0 ... 2G) is `drawNormals[willNormalAt[j]]`.
    let willNormalAt: [Int]
    var active: [Bool]
    var honourBase: [Double]
    var startDay: [Int]
    var endDay: [Int]
    var rate: [Double]
    var effect: [Double]
    var honourP: [Double]             // attack x obligation, before perception
    /// Honour decisions per attack, view (actual, then perceived) and obligation: row (2k + view) x N.
    var decision: [Bool]
    var row = 0                       // the row of the decisions `decide` made last
    var obActive: [Bool], obBase: [Double], obWill: [Double]   // per obligation: agreement in force for its guarantor; base honour x form; will U_g
    let obCoverMask: [UInt64]         // per obligation: the attacks its agreement covers
    let intelObligations: [Int], troopsObligations: [Int], flowObligations: [Int]
    /// Whether any guarantor has a capacity limit; if none has, `decide`
    /// takes each honoured obligation's full flow, set once a run.
    let capacityLimited: Bool
    var fullPower: [Double], fullSanctions: [Double], fullAirDefence: [Double]
    var stationedPower = 0.0, stationedEscalates = false   // per run: forces stationed in the protégé (ground attacks)
    var eventKey: [Int]               // the run's flow events, sorted: day << 32 | 2 * obligation (+1 for an end)
    /// The event sort's scratch, all zeros between runs: per day with events, their count, then
    /// the position of its next key. Bit d of `eventDays`: day d has events (64 days a word).
    var eventsBefore: [Int]
    var eventDays: [UInt64]
    let eventObligations: [Int]       // the obligations whose start and end change a flow
    var eventCount = 0
    // Per-simulation scratch.
    var scale: [Double]
    // Per-lane scratch of a batch of up to `maxLanes` simulations (lane-major).
    static let maxLanes = 8
    let groundSims: [Int], strikeSims: [Int]     // indices into simAttack/simPerceived
    let simAttack: [Int], simPerceived: [Bool]   // the simulations of one run, in order
    var perceivedAsActual: [Bool]                // per attack: the perceived view decides as the actual one
    /// Whether a perceived view that decides as the actual one reuses its
    /// combat (always, but for the test that checks the reuse changes nothing).
    var reusesIdenticalViews = true
    /// The ground batch handed to the combat loop. Its lanes come from this
    /// run and the runs before it: each run's ground simulations are queued
    /// (`stageGround`) and a batch is stepped once eight are (`stepQueued`),
    /// so the vector lanes stay full however few ground simulations a run
    /// has. A lane's numbers depend on that lane alone, so which runs share
    /// a batch changes no bit of any run's outcome.
    var ground: GroundCombat
    var queued = 0                               // lanes of `ground` queued so far
    var queue: [QueuedLane]                      // per lane of `ground`
    /// Segment records: the segments of days of up to eight ground lanes of
    /// one run (between the run's events), `recordRoom` at most: record r's
    /// segment s starts on day `recordDays[r x room + s]`, with the lanes'
    /// inflows at `recordRates[16 (r x room + s) + lane]` and their
    /// intelligence multipliers 8 further on.
    let recordRoom: Int
    var recordDays: [Int], recordRates: [Double], recordCount: [Int], recordPending: [Int], freeRecords: [Int]
    /// Outcome slots of the runs under way (`simulate(runs:outcomes:_:)`):
    /// the run and its ground lanes still queued.
    var slotRun: [UInt64], slotPending: [Int], freeSlots: [Int]
    /// A batch's records in lane order, the first lane of each, and a cursor
    /// per record (`stepQueued`'s scratch).
    var batchRecords: [Int], batchRecordStart: [Int], batchCursor: [Int]
    /// The outcome slots of `simulate(run:into:)`.
    var spareOutcomes: [RunOutcome]
    /// The build of the combat loop this kernel runs (the widest the CPU
    /// runs, unless GUARANTOR_VECTOR names a narrower one).
    public var vectorPath = VectorPath.selected
    var batchSims: [Int]                         // the simulations a pass steps, in order
    var laneDPower: [Double], laneDSanctions: [Double], laneDAirDefence: [Double]   // obligation x lane (8 lanes an obligation)
    var laneIntelStart: [Int], laneIntelEnd: [Int], laneIntelEffect: [Double], laneIntelCount: [Int]
    var laneStationed: [Double], laneEscalated: [Bool]

    public init(plan: CompiledScenario, seed: UInt64) {
        self.plan = plan
        self.seed = seed
        let obligations = plan.obligations
        G = plan.guarantors.count; A = plan.agreements.count; K = plan.attacks.count; N = obligations.count
        H = plan.horizon
        let p = plan.parameters
        var obG: [Int] = [], obA: [Int] = [], obK: [CommitmentKind] = [], obC: [Double] = [], obU: [Int] = []
        var obS: [Int] = [], obL: [Int] = [], obD: [Int] = [], obEC: [Double] = [], obES: [Int] = []
        var obT: [Bool] = [], obM: [Bool] = []
        for o in obligations {
            let c = plan.commitments[o.commitment]
            obG.append(o.guarantor); obA.append(c.agreement); obK.append(c.kind); obC.append(c.cost)
            obU.append(c.kind.sizeUnit == .money ? 1 : c.kind.sizeUnit == .power ? 2 : 0)
            obS.append(c.size); obL.append(c.latency); obD.append(c.duration ?? -1)
            obEC.append(c.effect ?? .nan); obES.append(c.effectSlot ?? -1)
            obT.append(plan.agreements[c.agreement].stationed != nil || plan.guarantors[o.guarantor].monitors)
            obM.append(c.kind.isMilitary)
        }
        obGuarantor = obG; obAgreement = obA; obKind = obK; obCost = obC; obUnit = obU
        obSize = obS; obLatency = obL; obDuration = obD; obEffectConst = obEC; obEffectSlot = obES
        obTripwire = obT; obMilitary = obM
        agMultiplier = plan.agreements.map { $0.formMultiplier * $0.triggerMultiplier }
        agDelay = plan.agreements.map(\.decisionDelay)
        agFixed = plan.agreements.map(\.decisionFixed)
        agIntegrated = plan.agreements.map(\.integrated)
        agSigned = plan.agreements.map(\.signedDay)
        agExpires = plan.agreements.map(\.expiresDay)
        agSurvival = plan.agreements.map(\.survival)
        agStationed = plan.agreements.map { $0.stationed ?? -1 }
        var pa: [Int] = [], pg: [Int] = [], aps: [Int] = [0], pairIndex: [Int: Int] = [:]
        for (a, ag) in plan.agreements.enumerated() {
            for g in Set(ag.parties).sorted() { pairIndex[a * G + g] = pa.count; pa.append(a); pg.append(g) }
            aps.append(pa.count)
        }
        pairAgreement = pa; pairGuarantor = pg; agPairStart = aps
        var byGuarantor = [[Int]](repeating: [], count: G)
        for p in pa.indices { byGuarantor[pg[p]].append(p) }   // by agreement within each guarantor
        gPairs = byGuarantor.flatMap { $0 }
        gPairStart = byGuarantor.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        let gCount = G
        obPair = zip(obA, obG).map { pairIndex[$0 * gCount + $1] ?? -1 }   // always found: obligations come from the parties
        gHonour = plan.guarantors.map(\.honour); gTurnover = plan.guarantors.map(\.turnover)
        gCapShift = plan.guarantors.map(\.capabilityShift); gDemo = plan.guarantors.map(\.democraticChange)
        gMoneyCap = plan.guarantors.map { $0.moneyCapacity ?? -1 }; gPowerCap = plan.guarantors.map { $0.powerCapacity ?? -1 }
        gCommon = plan.guarantors.map(\.commonLoading); gIdio = plan.guarantors.map(\.idiosyncratic)
        gMonitors = plan.guarantors.map(\.monitors)
        var ed: [Int] = [], es: [Int] = [0], li: [Int] = [], ll: [Double] = [], ls: [Int] = [0]
        for g in plan.guarantors {
            ed += g.electionDays; es.append(ed.count)
            for l in g.leaders { li.append(l.index); ll.append(l.loading) }
            ls.append(li.count)
        }
        electionDays = ed; electionStart = es; leaderIndex = li; leaderLoading = ll; leaderStart = ls
        atGround = plan.attacks.map(\.isGround); atForce = plan.attacks.map(\.forceShare)
        atObjective = plan.attacks.map(\.objectiveShare); atAdvance = plan.attacks.map(\.maxAdvance)
        atStrike = plan.attacks.map(\.strikeRate); atCover = plan.attacks.map(\.cover)
        tripwire = p.tripwireHonour; troopsCost = p.commitmentCost[.troops] ?? 1
        capShiftMult = p.capabilityShiftMultiplier; demoMult = p.democraticChangeMultiplier
        delayFactor = p.integratedCommandDelayFactor; powerPerMoney = p.powerPerMoney
        intelDefault = p.intelligenceMultiplier; interception = p.interceptionPerPower
        aidEffect = p.aidEffectiveness
        turnoverShiftConstant = plan.slots[plan.turnoverShift].distribution.isConstant
        slotDistribution = plan.slots.map(\.distribution)
        slotLower = plan.slots.map(\.lower); slotUpper = plan.slots.map(\.upper)
        varyingSlots = plan.slots.indices.filter { !plan.slots[$0].distribution.isConstant }
        var gaussian: [Int] = [], beta: [Int] = [], other: [Int] = []
        for i in varyingSlots {
            switch plan.slots[i].distribution {
            case .normal, .lognormal: gaussian.append(i)
            case .beta(let a, let b) where a >= 1 && b >= 1: beta.append(i)
            default: other.append(i)
            }
        }
        let distributions = slotDistribution
        gaussianDraws = stride(from: 0, to: gaussian.count, by: 4).map { first in
            GaussianDraws(slots: gaussian[first..<min(gaussian.count, first + 4)], distributions: distributions)
        }
        betaDraws = stride(from: 0, to: beta.count, by: 4).map { first in
            BetaDraws(slots: beta[first..<min(beta.count, first + 4)], distributions: distributions)
        }
        otherDraws = other
        perceptionIsExact = plan.slots[plan.perception].distribution == .constant(1)

        // Constants are set once, here; only the other slots are drawn per run.
        inputs = plan.slots.map { slot in
            if case .constant(let v) = slot.distribution { return v }
            return 0
        }
        let normalLanes = 4 * (gaussianDraws.count + 2 * betaDraws.count) + (2 * G + 1 + 7) / 8 * 8
        drawNormals = Array(repeating: 0, count: normalLanes)
        tailLanes = Array(repeating: 0, count: normalLanes + 1)
        tailUniforms = Array(repeating: 0, count: normalLanes + 1)
        betaOdd = Array(repeating: SIMD4(repeating: 0), count: 2 * betaDraws.count)
        var blocks: [UInt64] = [], substreams: [UInt64] = []
        func stream(_ slot: Int) -> UInt64 { UInt64(Substream.slotBase + UInt32(slot)) }
        for g in gaussianDraws { for l in 0..<4 { blocks.append(0); substreams.append(stream(g.slots[l])) } }
        for block in UInt64(0)...1 {
            for g in betaDraws { for l in 0..<4 { blocks.append(block); substreams.append(stream(g.slots[l])) } }
        }
        for block in 0..<(2 * G + 1 + 7) / 8 * 4 { blocks.append(UInt64(block)); substreams.append(UInt64(Substream.will)) }
        while blocks.count % 8 != 0 { blocks.append(0); substreams.append(0) }
        philoxBlocks = blocks; philoxSubstreams = substreams
        philoxEven = Array(repeating: 0, count: blocks.count); philoxOdd = Array(repeating: 0, count: blocks.count)
        philoxEvenNormals = philoxEven; philoxOddNormals = philoxOdd
        willU = Array(repeating: 0, count: G)
        // Will uniforms 8c ... 8c + 7 are the even and odd halves of blocks 4c ... 4c + 3: vectors 2c and 2c + 1 of the will's part.
        let willBase = gaussianDraws.count + 2 * betaDraws.count
        willNormalAt = (0...(2 * G)).map { j in 4 * (willBase + 2 * (j / 8) + j % 2) + (j % 8) / 2 }
        active = Array(repeating: false, count: max(1, pa.count))
        honourBase = Array(repeating: 0, count: G)
        startDay = Array(repeating: 0, count: N); endDay = Array(repeating: 0, count: N)
        rate = Array(repeating: 0, count: N); effect = Array(repeating: 0, count: N)
        honourP = Array(repeating: 0, count: max(1, K * N))
        eventKey = Array(repeating: 0, count: 2 * N + 1)
        eventsBefore = Array(repeating: 0, count: H + 1)
        eventDays = Array(repeating: 0, count: (H + 1 + 63) / 64)
        eventObligations = (0..<N).filter { i in
            obU[i] > 0 || obK[i] == .sanctions || obK[i] == .intelligenceSharing
        }
        decision = Array(repeating: false, count: max(1, 2 * K * N))
        obActive = Array(repeating: false, count: N); obBase = Array(repeating: 0, count: N)
        obWill = Array(repeating: 0, count: N)
        obCoverMask = obA.map { plan.agreements[$0].coverMask }
        intelObligations = (0..<N).filter { obK[$0] == .intelligenceSharing }
        capacityLimited = plan.guarantors.contains { $0.moneyCapacity != nil || $0.powerCapacity != nil }
        fullPower = Array(repeating: 0, count: N); fullSanctions = Array(repeating: 0, count: N)
        fullAirDefence = Array(repeating: 0, count: N)
        troopsObligations = (0..<N).filter { obK[$0] == .troops }
        // Obligations with a flow in the combat: the others' lanes stay zero.
        flowObligations = (0..<N).filter { obK[$0] != .intelligenceSharing && obK[$0] != .consultation }
        scale = Array(repeating: 1, count: 2 * max(1, G))
        let L = Self.maxLanes
        var sa: [Int] = [], sp: [Bool] = []
        for k in 0..<K {
            sa.append(k); sp.append(false)
            if !perceptionIsExact { sa.append(k); sp.append(true) }
        }
        simAttack = sa; simPerceived = sp
        let room = 2 * N + 2
        recordRoom = room
        let records = L + 2 + (sa.count + L - 1) / L, slots = L + 2
        ground = GroundCombat(segments: L * room)
        ground.horizon = H; ground.steepness = p.advanceSteepness; ground.ratioHalf = p.advanceRatio
        queue = Array(repeating: QueuedLane(), count: L)
        recordDays = Array(repeating: 0, count: records * room); recordRates = Array(repeating: 0, count: 2 * L * records * room)
        recordCount = Array(repeating: 0, count: records); recordPending = Array(repeating: 0, count: records)
        freeRecords = Array((0..<records).reversed())
        slotRun = Array(repeating: 0, count: slots); slotPending = Array(repeating: 0, count: slots)
        freeSlots = Array((0..<slots).reversed())
        batchRecords = Array(repeating: 0, count: L); batchRecordStart = Array(repeating: 0, count: L + 1)
        batchCursor = Array(repeating: 0, count: L)
        spareOutcomes = Array(repeating: RunOutcome(attacks: K, guarantors: G, obligations: N, slots: plan.slots.count), count: slots)
        perceivedAsActual = Array(repeating: true, count: K); batchSims = Array(repeating: 0, count: sa.count)
        groundSims = sa.indices.filter { plan.attacks[sa[$0]].isGround }
        strikeSims = sa.indices.filter { !plan.attacks[sa[$0]].isGround }
        laneDPower = Array(repeating: 0, count: L * N); laneDSanctions = Array(repeating: 0, count: L * N)
        laneDAirDefence = Array(repeating: 0, count: L * N)
        laneIntelStart = Array(repeating: 0, count: L * (N + 1)); laneIntelEnd = Array(repeating: 0, count: L * (N + 1))
        laneIntelEffect = Array(repeating: 0, count: L * (N + 1)); laneIntelCount = Array(repeating: 0, count: L)
        laneStationed = Array(repeating: 0, count: L); laneEscalated = Array(repeating: false, count: L)
    }

    public func makeOutcome() -> RunOutcome {
        RunOutcome(attacks: K, guarantors: G, obligations: N, slots: plan.slots.count)
    }

    /// The outcome slots `simulate(runs:outcomes:_:)` fills: one per run
    /// that may be under way at once.
    public func makeOutcomeSlots() -> [RunOutcome] {
        Array(repeating: makeOutcome(), count: slotRun.count)
    }

    /// Simulated run-days per run: one day of one attack type, for each honour view simulated.
    public var runDaysPerRun: Int { H * K * (perceptionIsExact ? 1 : 2) }

    // MARK: one run

    /// One run, alone: its outcome in `out`.
    public mutating func simulate(run: UInt64, into out: inout RunOutcome) {
        var slots = spareOutcomes
        spareOutcomes = []
        // The outcome trades places with `out` (no copy: each keeps the other's arrays).
        simulate(runs: run..<(run + 1), outcomes: &slots) { _, outcome in swap(&out, &outcome) }
        spareOutcomes = slots
    }

    /// Runs `runs`, handing each run's outcome to `completed` once its
    /// combat is done: a run's ground lanes wait in the queue for a full
    /// batch (the last batch goes when the runs are done), so a run may come
    /// out after later runs without ground attacks. `outcomes` holds the
    /// runs under way (`makeOutcomeSlots`).
    public mutating func simulate(runs: Range<UInt64>, outcomes: inout [RunOutcome],
                                  _ completed: (UInt64, inout RunOutcome) -> Void) {
        if outcomes.count < slotRun.count { outcomes = makeOutcomeSlots() }
        // Through a buffer pointer: no uniqueness check of the array at each use of a run's outcome.
        outcomes.withUnsafeMutableBufferPointer { outcomes in
            for run in runs {
                if freeSlots.isEmpty { stepQueued(outcomes: outcomes, completed) }
                guard let slot = freeSlots.popLast() else { return }
                slotRun[slot] = run
                simulate(run: run, slot: slot, outcomes: outcomes, completed)
            }
            stepQueued(outcomes: outcomes, completed)
        }
    }

    mutating func simulate(run: UInt64, slot: Int, outcomes: UnsafeMutableBufferPointer<RunOutcome>,
                           _ completed: (UInt64, inout RunOutcome) -> Void) {
        drawInputs(run: run)
        let attackDay = plan.startDay + Int((inputs[plan.attackAfterYears] * 365.25).rounded())
        let start = plan.startDay

        // 2. Governments: turnovers, agreement survival, honour shift; events.
        // Stream positions: election e uses 2 + A uniforms (turnover, shift,
        // then survival per agreement), then one each for the capability
        // shift and the change of democratic institutions. Only the draws a
        // run needs are computed.
        let perElection = UInt32(2 + A), (G, A, seed) = (G, A, seed)
        // Through buffer pointers: one uniqueness check per array, not one per write.
        active.withUnsafeMutableBufferPointer { active in
        honourBase.withUnsafeMutableBufferPointer { honourBase in
            for g in 0..<G {
                let s = RandomStream(seed: seed, run: run, substream: Substream.politicsBase + UInt32(g))
                var shift = 1.0
                let pairs = gPairStart[g]..<gPairStart[g + 1]
                for q in pairs { active[gPairs[q]] = true }
                let turnoverP = inputs[gTurnover[g]]
                var position: UInt32 = 0
                for e in electionStart[g]..<electionStart[g + 1] {
                    let day = electionDays[e]
                    if day > start && day <= attackDay && s.uniform(at: position) < turnoverP {
                        let draw = turnoverShiftConstant ? inputs[plan.turnoverShift]
                            : slotDistribution[plan.turnoverShift].quantile(s.uniform(at: position + 1))
                        shift *= max(0, draw)
                        for q in pairs {
                            let p = gPairs[q], a = pairAgreement[p]
                            if active[p] && day > agSigned[a] && s.uniform(at: position + 2 + UInt32(a)) >= agSurvival[a] {
                                active[p] = false
                            }
                        }
                    }
                    position += perElection
                }
                var events = 1.0
                // A uniform on (0, 1) is never below a probability of 0 (the default): no draw needed.
                let capShiftP = inputs[gCapShift[g]], demoP = inputs[gDemo[g]]
                if capShiftP > 0 && s.uniform(at: position) < capShiftP { events *= capShiftMult }
                if demoP > 0 && s.uniform(at: position + 1) < demoP { events *= demoMult }
                honourBase[g] = inputs[gHonour[g]] * shift * events
            }
        }}
        for a in 0..<A where !(agSigned[a] <= attackDay && attackDay < agExpires[a]) {
            for p in agPairStart[a]..<agPairStart[a + 1] { active[p] = false }
        }

        // 3. Will: one common factor, one normal per leader, one idiosyncratic
        // per guarantor (the will stream's normals, drawn by `drawInputs`).
        let normals = drawNormals
        func willNormal(_ j: Int) -> Double { normals[willNormalAt[j]] }
        let z = willNormal(0)
        for g in 0..<G {
            var w = gCommon[g] * z + gIdio[g] * willNormal(1 + G + g)
            for l in leaderStart[g]..<leaderStart[g + 1] { w += leaderLoading[l] * willNormal(1 + leaderIndex[l]) }
            willU[g] = Math.normalCDF(w)
        }

        // 5. Timelines (attack-independent): start and end day and nominal daily rate per obligation.
        // Through buffer pointers: one uniqueness check per array, not one per write.
        let (N, H, delayFactor, powerPerMoney, intelDefault) = (N, H, delayFactor, powerPerMoney, intelDefault)
        startDay.withUnsafeMutableBufferPointer { startDay in
        endDay.withUnsafeMutableBufferPointer { endDay in
        rate.withUnsafeMutableBufferPointer { rate in
        effect.withUnsafeMutableBufferPointer { effect in
            for i in 0..<N {
                let a = obAgreement[i]
                var delay = agFixed[a] + inputs[agDelay[a]]
                var latency = inputs[obLatency[i]]
                if agIntegrated[a] { delay *= delayFactor; latency *= delayFactor }
                let begin = delay + latency
                startDay[i] = begin < Double(H) ? Self.ceiling(begin) : H
                if obDuration[i] >= 0 {
                    let end = begin + inputs[obDuration[i]] * Self.daysPerMonth
                    endDay[i] = end < Double(H) ? Self.ceiling(end) : H
                } else {
                    endDay[i] = H
                }
                rate[i] = inputs[obSize[i]] / Self.daysPerMonth
                let e = obEffectConst[i]
                effect[i] = !e.isNaN ? e : obEffectSlot[i] >= 0 ? inputs[obEffectSlot[i]] : (obKind[i] == .financialAid ? powerPerMoney : obKind[i] == .intelligenceSharing ? intelDefault : 1)
            }
        }}}}

        // Each obligation's flows when honoured in full (capacity scales of 1).
        if !capacityLimited {
            let aidEffect = aidEffect
            fullPower.withUnsafeMutableBufferPointer { power in
            fullSanctions.withUnsafeMutableBufferPointer { sanctions in
            fullAirDefence.withUnsafeMutableBufferPointer { airDefence in
                for i in flowObligations {
                    (power[i], sanctions[i], airDefence[i]) = Self.flows(obKind[i], rate: rate[i], effect: effect[i], aidEffect: aidEffect,
                                                                         moneyScale: 1, powerScale: 1)
                }
            }}}
        }

        // The days flows may start or end, sorted once for every simulation
        // of the run: a counting sort by day, over the days that have events
        // (a bit set per day; a run has a few dozen events in hundreds of
        // days). Keys come in increasing order (obligation by obligation, a
        // start before its end), so the keys of each day stay in order.
        eventCount = eventsBefore.withUnsafeMutableBufferPointer { before in
        eventDays.withUnsafeMutableBufferPointer { dayBits in
        eventKey.withUnsafeMutableBufferPointer { key in
            // `before` and `dayBits` are all zeros here (from init, and reset below).
            func count(_ d: Int) {
                before[d] += 1
                dayBits[d >> 6] |= 1 << UInt64(d & 63)
            }
            for i in eventObligations where startDay[i] < H {
                count(startDay[i])
                if endDay[i] < H { count(endDay[i]) }
            }
            // Counts per day with events become counts before each such day.
            var total = 0
            for w in dayBits.indices {
                var word = dayBits[w]
                while word != 0 {
                    let d = w << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    let count = before[d]
                    before[d] = total
                    total += count
                }
            }
            for i in eventObligations where startDay[i] < H {
                key[before[startDay[i]]] = startDay[i] << 32 | 2 * i
                before[startDay[i]] += 1
                if endDay[i] < H {
                    key[before[endDay[i]]] = endDay[i] << 32 | (2 * i + 1)
                    before[endDay[i]] += 1
                }
            }
            // Zeros again for the next run, day by day with events.
            for w in dayBits.indices {
                var word = dayBits[w]
                while word != 0 {
                    before[w << 6 | word.trailingZeroBitCount] = 0
                    word &= word - 1
                }
                dayBits[w] = 0
            }
            return total
        }}}
        outcomes[slot].perception = inputs[plan.perception]
        outcomes[slot].inputs.withUnsafeMutableBufferPointer { copy in _ = copy.update(fromContentsOf: inputs) }
        decideAll(perception: inputs[plan.perception])
        stationedForces()

        // 4-6. Each simulation's flows from its decisions (attack type x
        // honour view, all made by `decideAll`), then the combat: strike
        // campaigns now, up to eight at once, one per SIMD lane; ground
        // attacks queued for the next batch of eight lanes (`stageGround`),
        // which may hold other runs' too. A perceived view whose honour
        // decisions are those of the actual view has the actual view's
        // combat, to the bit (the combat reads nothing else that depends on
        // the view), so it is not stepped a second time.
        for pass in 0..<2 {
            let ground = pass == 1
            var n = 0
            for sim in ground ? groundSims : strikeSims where !(simPerceived[sim] && perceivedAsActual[simAttack[sim]]) {
                batchSims[n] = sim; n += 1
            }
            if ground {
                slotPending[slot] = n
                if n == 0 {
                    completed(run, &outcomes[slot])
                    freeSlots.append(slot)
                    return
                }
            }
            var first = 0
            while first < n {
                let count = min(Self.maxLanes, n - first)
                for lane in 0..<count {
                    let sim = batchSims[first + lane]
                    let k = simAttack[sim], perceived = simPerceived[sim]
                    decide(attack: k, perceived: perceived, lane: lane)
                    if !perceived && k == plan.referenceAttack { record(attack: k, lane: lane, into: &outcomes[slot]) }
                    prepareLane(lane, attack: k)
                }
                let batch = batchSims[first..<(first + count)]
                // The lane width fits the group, as the combat loop's does (stepGround).
                switch (ground, count) {
                case (true, ...2): stageGround(SIMD2<Double>.self, sims: batch, slot: slot, outcomes: outcomes, completed)
                case (true, ...4): stageGround(SIMD4<Double>.self, sims: batch, slot: slot, outcomes: outcomes, completed)
                case (true, _): stageGround(SIMD8<Double>.self, sims: batch, slot: slot, outcomes: outcomes, completed)
                case (false, ...2): strikeBatch(SIMD2<Double>.self, sims: batch, into: &outcomes[slot])
                case (false, ...4): strikeBatch(SIMD4<Double>.self, sims: batch, into: &outcomes[slot])
                case (false, _): strikeBatch(SIMD8<Double>.self, sims: batch, into: &outcomes[slot])
                }
                first += count
            }
        }
    }

    /// The smallest integer >= x, as `Int(x.rounded(.up))` gives it, without
    /// a call to libm's ceil: the nearest integer (`Math.nearestInteger`,
    /// exact below 2^51 in magnitude), stepped up if it fell below x.
    @inline(__always)
    static func ceiling(_ x: Double) -> Int {
        guard abs(x) < 0x1p51 else { return Int(x.rounded(.up)) }
        let r = Math.nearestInteger(x)
        return Int(r < x ? r + 1 : r)
    }

    /// 4. Honour probabilities and decisions for every attack, in both
    /// views: the facts (perception 1) and the aggressor's view (honour
    /// probabilities times `perception`). A perceived view that gives every
    /// obligation the decision it has in fact has the actual combat, so it
    /// is not stepped again (`perceivedAsActual`).
    mutating func decideAll(perception: Double) {
        obActive.withUnsafeMutableBufferPointer { obActive in
        obBase.withUnsafeMutableBufferPointer { obBase in
        obWill.withUnsafeMutableBufferPointer { obWill in
            for i in 0..<N {
                let a = obAgreement[i], g = obGuarantor[i]
                obActive[i] = active[obPair[i]]
                obBase[i] = honourBase[g] * agMultiplier[a]
                obWill[i] = willU[g]
            }
        }}}
        let (exact, reuses, tripwire) = (perceptionIsExact, reusesIdenticalViews, tripwire)
        // Through buffer pointers: no bounds or uniqueness checks in the K x N loop.
        obActive.withUnsafeBufferPointer { active in
        obBase.withUnsafeBufferPointer { base in
        obWill.withUnsafeBufferPointer { will in
        obCoverMask.withUnsafeBufferPointer { cover in
        obTripwire.withUnsafeBufferPointer { trip in
        obCost.withUnsafeBufferPointer { cost in
        honourP.withUnsafeMutableBufferPointer { honourP in
        decision.withUnsafeMutableBufferPointer { decision in
        perceivedAsActual.withUnsafeMutableBufferPointer { perceivedAsActual in
            for k in 0..<K {
                let bit = UInt64(1) << UInt64(k), coverFactor = inputs[atCover[k]], ground = atGround[k]
                let actual = 2 * k * N, perceived = actual + N
                var same = true
                for i in 0..<N {
                    // Honour probability p before the commitment's cost: 0 when the
                    // agreement is not in force or does not cover attack k.
                    var p = 0.0
                    if active[i] && cover[i] & bit != 0 {
                        p = min(1, max(0, base[i] * coverFactor))
                        if ground && trip[i] { p = max(p, tripwire) }
                    }
                    honourP[k * N + i] = p
                    let h = Self.honours(p, will: will[i], cost: cost[i], perception: 1)
                    let hp = Self.honours(p, will: will[i], cost: cost[i], perception: perception)
                    decision[actual + i] = h; decision[perceived + i] = hp
                    if h != hp { same = false }
                }
                perceivedAsActual[k] = exact || reuses && same
            }
        }}}}}}}}}
    }

    /// Forces stationed in the protégé (for ground attacks; the same for
    /// every attack and view): they fight from day 0 when their government
    /// honours at the troops level, and any stationed force or monitor
    /// makes a ground attack an escalation.
    mutating func stationedForces() {
        var power = 0.0, escalates = false
        for a in 0..<A where agStationed[a] >= 0 {
            for p in agPairStart[a]..<agPairStart[a + 1] where active[p] {
                let g = pairGuarantor[p]
                escalates = true
                if willU[g] <= min(1, max(honourBase[g], tripwire)) * troopsCost { power += inputs[agStationed[a]] }
            }
        }
        for g in 0..<G where gMonitors[g] { escalates = true }
        stationedPower = power; stationedEscalates = escalates
    }

    /// 4. The honour rule: an obligation with honour probability p against
    /// an attack, seen with `perception` (1 for the facts), is honoured when
    /// its guarantor's will U_g is at most p x perception (capped at 1) times
    /// the commitment's cost factor.
    @inline(__always)
    static func honours(_ honourP: Double, will: Double, cost: Double, perception: Double) -> Bool {
        let p = min(1, honourP * perception)
        return p > 0 && will <= p * cost
    }

    /// 1. The run's uncertain inputs, each from its own substream (slot i
    /// from substream slotBase + i, so adding a slot moves no other draw),
    /// and the will stream's normals (3). Normal and lognormal slots, most
    /// of them, are drawn four at a time in vector lanes, bit for bit as
    /// `Sampler.sample` draws them one by one; so are the beta priors'
    /// gammas at their first try. Every normal goes through the central
    /// branch of the inverse normal CDF in vector lanes; those in its tails
    /// (about 15 %) are then gathered and computed four at a time.
    mutating func drawInputs(run: UInt64) {
        let seed = seed, groups = gaussianDraws.count, betaGroups = betaDraws.count
        let willBase = groups + 2 * betaGroups, willChunks = (2 * G + 1 + 7) / 8, path = vectorPath
        let (philoxLanes, betaLanes, willLanes) = (philoxBlocks.count, 4 * groups, 4 * (groups + 2 * betaGroups))
        gaussianDraws.withUnsafeBufferPointer { draws in
        philoxBlocks.withUnsafeBufferPointer { blocks in
        philoxSubstreams.withUnsafeBufferPointer { substreams in
        philoxEven.withUnsafeMutableBufferPointer { even in
        philoxOdd.withUnsafeMutableBufferPointer { odd in
        philoxEvenNormals.withUnsafeMutableBufferPointer { evenNormals in
        philoxOddNormals.withUnsafeMutableBufferPointer { oddNormals in
        betaOdd.withUnsafeMutableBufferPointer { betaOdd in
        tailUniforms.withUnsafeMutableBufferPointer { tailUniforms in
        drawNormals.withUnsafeMutableBufferPointer { normals in
        tailLanes.withUnsafeMutableBufferPointer { tailLanes in
            guard let np = normals.baseAddress, let blocks = blocks.baseAddress, let substreams = substreams.baseAddress,
                  let even = even.baseAddress, let odd = odd.baseAddress,
                  let evenZ = evenNormals.baseAddress, let oddZ = oddNormals.baseAddress else { return }
            let Z = UnsafeMutableRawPointer(np), size = MemoryLayout<SIMD4<Double>>.stride
            let half = SIMD4<Double>(repeating: 0.5)
            var tails = 0
            // Every Philox block the draws need, eight at a time, by the widest build this CPU runs,
            // with the central normals of the uniforms the draws take normals of.
            path.philoxUniforms(PhiloxJob(count: philoxLanes, seed: seed, run: run, blocks: blocks, substreams: substreams,
                                          even: even, odd: odd, evenNormals: evenZ, oddNormals: oddZ, oddNormalsFrom: willLanes))
            func four(_ p: UnsafeMutablePointer<Double>, _ lane: Int) -> SIMD4<Double> {
                UnsafeRawPointer(p + lane).loadUnaligned(as: SIMD4<Double>.self)
            }
            // Vector v of normals: the central normals of the four uniforms from `lane` on (of
            // `uniforms`, their normals in `z`), and its lanes below `count` in the tails listed
            // with their uniforms.
            func central(_ v: Int, _ uniforms: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>, _ lane: Int,
                         count: Int) {
                let u = four(uniforms, lane), q = u - half
                Z.storeBytes(of: four(z, lane), toByteOffset: v * size, as: SIMD4<Double>.self)
                for l in 0..<count {
                    tailLanes[tails] = 4 * v + l
                    tailUniforms[tails] = u[l]
                    tails += abs(q[l]) > 0.425 ? 1 : 0
                }
            }
            for gi in 0..<groups { central(gi, even, evenZ, 4 * gi, count: draws[gi].count) }
            // Beta groups: X's normal (uniform 0) and Y's (uniform 2); their acceptance uniforms (1 and 3) kept.
            for b in 0..<betaGroups {
                central(groups + 2 * b, even, evenZ, betaLanes + 4 * b, count: 4)
                central(groups + 2 * b + 1, even, evenZ, betaLanes + 4 * (betaGroups + b), count: 4)
                betaOdd[2 * b] = four(odd, betaLanes + 4 * b)
                betaOdd[2 * b + 1] = four(odd, betaLanes + 4 * (betaGroups + b))
            }
            // The will stream: uniforms 0, 1, ..., four blocks (eight uniforms) at a time, even and odd positions.
            for w in 0..<willChunks {
                central(willBase + 2 * w, even, evenZ, willLanes + 4 * w, count: 4)
                central(willBase + 2 * w + 1, odd, oddZ, willLanes + 4 * w, count: 4)
            }
            // The tails, four at a time (spare lanes compute a harmless tail number that is not stored).
            var first = 0
            while first < tails {
                let n = min(4, tails - first)
                var p = SIMD4<Double>(repeating: 0.01)
                for l in 0..<n { p[l] = tailUniforms[first + l] }
                let z = Math.normalQuantileTailLanes(p)
                for l in 0..<n { np[tailLanes[first + l]] = z[l] }
                first += 4
            }
        }}}}}}}}}}}
        let normals = drawNormals
        func normal(_ v: Int) -> SIMD4<Double> {
            SIMD4<Double>(normals[4 * v], normals[4 * v + 1], normals[4 * v + 2], normals[4 * v + 3])
        }
        inputs.withUnsafeMutableBufferPointer { inputs in
            for gi in 0..<groups {
                let g = gaussianDraws[gi]
                let v = Sampler.gaussianLanes(mu: g.mu, sigma: g.sigma, logMask: g.logMask, z: normal(gi))
                for l in 0..<g.count {
                    let i = g.slots[l]
                    inputs[i] = min(slotUpper[i], max(slotLower[i], v[l]))
                }
            }
            for b in 0..<betaGroups {
                let g = betaDraws[b]
                let (x, settled) = g.settle(x: normal(groups + 2 * b), y: normal(groups + 2 * b + 1),
                                            uX: betaOdd[2 * b], uY: betaOdd[2 * b + 1])
                for l in 0..<g.count {
                    let i = g.slots[l]
                    var v = x[l]
                    if !settled[l] {
                        var s = RandomStream(seed: seed, run: run, substream: Substream.slotBase + UInt32(i))
                        v = Sampler.sample(slotDistribution[i], &s)
                    }
                    inputs[i] = min(slotUpper[i], max(slotLower[i], v))
                }
            }
            for i in otherDraws {
                var s = RandomStream(seed: seed, run: run, substream: Substream.slotBase + UInt32(i))
                inputs[i] = min(slotUpper[i], max(slotLower[i], Sampler.sample(slotDistribution[i], &s)))
            }
        }
    }

    /// 4. The decisions of attack k in one view (made by `decideAll`),
    /// capacity limits, and each obligation's daily contribution to the
    /// combat, written straight into `lane` (zero where not honoured; the
    /// lanes of obligations without a flow stay zero from the start).
    mutating func decide(attack k: Int, perceived: Bool, lane: Int) {
        row = (2 * k + (perceived ? 1 : 0)) * N
        if !capacityLimited {
            // No capacity limits: every scale is 1, and each honoured flow is the run's full flow.
            for i in flowObligations {
                let j = i * Self.maxLanes + lane
                if decision[row + i] {
                    laneDPower[j] = fullPower[i]; laneDSanctions[j] = fullSanctions[i]; laneDAirDefence[j] = fullAirDefence[i]
                } else {
                    laneDPower[j] = 0; laneDSanctions[j] = 0; laneDAirDefence[j] = 0
                }
            }
            return
        }
        for g in 0..<G { scale[2 * g] = 0; scale[2 * g + 1] = 0 }
        for i in 0..<N where decision[row + i] && obUnit[i] > 0 {
            scale[2 * obGuarantor[i] + obUnit[i] - 1] += rate[i]
        }
        for g in 0..<G {
            let money = scale[2 * g], power = scale[2 * g + 1]
            scale[2 * g] = gMoneyCap[g] >= 0 && money > 0 ? min(1, inputs[gMoneyCap[g]] / Self.daysPerMonth / money) : 1
            scale[2 * g + 1] = gPowerCap[g] >= 0 && power > 0 ? min(1, inputs[gPowerCap[g]] / Self.daysPerMonth / power) : 1
        }
        for i in flowObligations {
            let g = obGuarantor[i]
            let (power, sanctions, ad) = decision[row + i] ? flows(i, moneyScale: scale[2 * g], powerScale: scale[2 * g + 1]) : (0, 0, 0)
            let j = i * Self.maxLanes + lane
            laneDPower[j] = power; laneDSanctions[j] = sanctions; laneDAirDefence[j] = ad
        }
    }

    /// Obligation i's daily flows when honoured, its guarantor's capacity
    /// scales applied: aid as combat power, sanctions, air defence. (A scale
    /// of 1 changes no bit of the products.)
    @inline(__always)
    func flows(_ i: Int, moneyScale: Double, powerScale: Double) -> (power: Double, sanctions: Double, airDefence: Double) {
        Self.flows(obKind[i], rate: rate[i], effect: effect[i], aidEffect: aidEffect, moneyScale: moneyScale, powerScale: powerScale)
    }

    /// `flows` from the obligation's numbers (for loops that write the kernel's arrays through pointers).
    @inline(__always)
    static func flows(_ kind: CommitmentKind, rate: Double, effect: Double, aidEffect: Double, moneyScale: Double,
                      powerScale: Double) -> (power: Double, sanctions: Double, airDefence: Double) {
        switch kind {
        case .sanctions: return (0, rate * moneyScale, 0)
        case .financialAid: return (rate * moneyScale * effect * aidEffect, 0, 0)
        case .airDefense: return (rate * powerScale * aidEffect, 0, rate * powerScale * effect)
        case .armsDeliveries, .training, .troops: return (rate * powerScale * aidEffect, 0, 0)
        case .intelligenceSharing, .consultation: return (0, 0, 0)
        }
    }

    /// The rest of `lane` after the decisions (whose flows `decide` wrote;
    /// the run's sorted events say when they start and end): its
    /// intelligence sharing, and what stands in the attacker's path.
    mutating func prepareLane(_ lane: Int, attack k: Int) {
        let ground = atGround[k]
        let iBase = lane * (N + 1)
        var nIntel = 0
        for i in intelObligations where decision[row + i] && startDay[i] < H {
            laneIntelStart[iBase + nIntel] = startDay[i]; laneIntelEnd[iBase + nIntel] = endDay[i]
            laneIntelEffect[iBase + nIntel] = effect[i]
            nIntel += 1
        }
        var escalated = false
        if ground {
            for i in troopsObligations where decision[row + i] && startDay[i] < H { escalated = true }
            if stationedEscalates { escalated = true }
        }
        laneIntelCount[lane] = nIntel
        laneStationed[lane] = ground ? stationedPower : 0; laneEscalated[lane] = escalated
    }

    /// Applies the run's events due by day t (from `cursor` on) to the
    /// batch's lanes (`flows`, as many lanes as V has): sanctions accrue over
    /// the days since the last change, then each lane's rate (aid power for
    /// ground attacks, air defence for strikes) and sanctions rate change by
    /// its own flows (zero where the lane's guarantor did not honour).
    /// Returns the next event day (Int.max when none is left).
    @inline(__always)
    func applyEvents<V: DoubleLanes>(day t: Int, cursor: inout Int, flows: inout LaneFlows<V>, ground: Bool) -> Int {
        flows.intelligenceChanged = false
        if cursor < eventCount && eventKey[cursor] >> 32 <= t {
            flows.sanctions += flows.sanctionsRate * V(repeating: Double(t - flows.lastChange))
            flows.lastChange = t
            let source = ground ? laneDPower : laneDAirDefence
            source.withUnsafeBufferPointer { flow in
                laneDSanctions.withUnsafeBufferPointer { sanctions in
                    guard let f = flow.baseAddress, let s = sanctions.baseAddress else { return }
                    while cursor < eventCount && eventKey[cursor] >> 32 <= t {
                        let code = eventKey[cursor] & 0xFFFF_FFFF
                        let i = code >> 1
                        let sign = V(repeating: code & 1 == 0 ? 1.0 : -1.0)
                        let at = i * Self.maxLanes
                        flows.rate += sign * UnsafeRawPointer(f + at).loadUnaligned(as: V.self)
                        flows.sanctionsRate += sign * UnsafeRawPointer(s + at).loadUnaligned(as: V.self)
                        if obKind[i] == .intelligenceSharing { flows.intelligenceChanged = true }
                        cursor += 1
                    }
                }
            }
        }
        return cursor < eventCount ? eventKey[cursor] >> 32 : Int.max
    }

    /// The intelligence multiplier of `lane` on day t: the strongest sharing in force, at least 1.
    @inline(__always)
    func intelligence(lane: Int, day t: Int) -> Double {
        let iBase = lane * (N + 1)
        var m = 1.0
        for j in 0..<laneIntelCount[lane] where laneIntelStart[iBase + j] <= t && t < laneIntelEnd[iBase + j] {
            m = max(m, laneIntelEffect[iBase + j])
        }
        return m
    }

    /// The combat result of a strike lane once its days are done: sanctions accrued to the horizon.
    @inline(__always)
    func finishLane<V: DoubleLanes>(_ lane: Int, sim: Int, flows: LaneFlows<V>, objectiveShare: Double, into out: inout RunOutcome) {
        let result = RunOutcome.Combat(objectiveShare: objectiveShare, aggressorLosses: 0, protegeLosses: 0,
                                       sanctionsCost: flows.sanctions(lane: lane, horizon: H), escalated: laneEscalated[lane])
        store(result, sim: sim, reuse: perceivedAsActual[simAttack[sim]], into: &out)
    }

    /// A simulation's combat result in its run's outcome; an actual view's
    /// also in the perceived view when that decides as the actual one
    /// (`reuse`: its combat is this one, to the bit, and was not stepped).
    @inline(__always)
    func store(_ result: RunOutcome.Combat, sim: Int, reuse: Bool, into out: inout RunOutcome) {
        let k = simAttack[sim]
        if simPerceived[sim] {
            out.perceived[k] = result
        } else {
            out.actual[k] = result
            if reuse { out.perceived[k] = result }
        }
    }

    /// 6. Ground combat, first half, for up to eight ground simulations of
    /// this run: the segments of days between the run's events (each with
    /// its inflow of mobilisation and aid, and its intelligence multiplier,
    /// per lane) in a record, what the run's events decide alone (sanctions,
    /// the total inflow), and each lane's starting forces, queued for the
    /// next batch of the combat loop (`stepQueued`, called here once eight
    /// lanes wait).
    mutating func stageGround<V: DoubleLanes>(_: V.Type, sims: ArraySlice<Int>, slot: Int, outcomes: UnsafeMutableBufferPointer<RunOutcome>,
                                              _ completed: (UInt64, inout RunOutcome) -> Void) {
        let count = sims.count
        if freeRecords.isEmpty { stepQueued(outcomes: outcomes, completed) }
        guard let record = freeRecords.popLast() else { return }
        let mobilisation = inputs[plan.protegeMobilisation]
        // Segments: from day 0 with mobilisation alone and no intelligence
        // sharing, then a new one at each day the run's events change a flow.
        var flows = LaneFlows<V>()
        var cursor = 0, segments = 0
        var nextEvent = applyEvents(day: -1, cursor: &cursor, flows: &flows, ground: true)
        var intel = V(repeating: 1), inflowTotal = V(repeating: 0)
        var lastInflow = V(repeating: 0), lastIntel = V(repeating: 0)
        let inflowBase = V(repeating: mobilisation)
        let firstSegment = record * recordRoom
        // The record's arrays are moved out of the kernel for the loop, which
        // calls the kernel's methods (a closure over the kernel would copy it).
        var days = recordDays, rates = recordRates
        recordDays = []; recordRates = []
        var t = 0
        while t < H {
            if t >= nextEvent {
                nextEvent = applyEvents(day: t, cursor: &cursor, flows: &flows, ground: true)
                // Intelligence sharing starts and ends only at its own events.
                if flows.intelligenceChanged {
                    for lane in 0..<count { intel[lane] = intelligence(lane: lane, day: t) }
                }
            }
            // Before the first event the inflow is mobilisation alone (plus a zero rate, the same number).
            let inflow = inflowBase + flows.rate
            let stop = min(H, nextEvent)
            // The total inflow over every segment of the run's events (so
            // its bits are those of a batch of this run alone); the record
            // keeps only the days on which some lane's inflow or
            // intelligence changes (most events change sanctions, or flows
            // these lanes do not get).
            inflowTotal += inflow * V(repeating: Double(stop - t))
            if segments == 0 || V.anyBitsDiffer(inflow, lastInflow) || V.anyBitsDiffer(intel, lastIntel) {
                let at = 2 * GroundCombat.width * (firstSegment + segments)
                rates.withUnsafeMutableBufferPointer { rates in
                    guard let r = rates.baseAddress else { return }
                    UnsafeMutableRawPointer(r + at).storeBytes(of: inflow, as: V.self)
                    UnsafeMutableRawPointer(r + at + GroundCombat.width).storeBytes(of: intel, as: V.self)
                }
                days[firstSegment + segments] = t
                segments += 1
                lastInflow = inflow; lastIntel = intel
            }
            t = stop
        }
        recordDays = days; recordRates = rates
        recordCount[record] = segments
        recordPending[record] = count
        let depth = max(1e-9, inputs[plan.objectiveDepth] + plan.depthAdjustmentKm)
        let d0 = inputs[plan.protegePower] + mobilisation * inputs[plan.warningDays]
        let aggressorPower = inputs[plan.aggressorPower], reinforcementRate = inputs[plan.aggressorReinforcement]
        let protegeLethality = inputs[plan.protegeLethality], aggressorLethality = inputs[plan.aggressorLethality]
        var lane = 0
        while lane < count {
            // As many of the group's lanes as the batch has room for, written through pointers.
            let b0 = queued, take = min(count - lane, Self.maxLanes - b0)
            ground.values.withUnsafeMutableBufferPointer { v in
            queue.withUnsafeMutableBufferPointer { q in
                func set(_ field: GroundCombat.Field, _ b: Int, _ x: Double) { v[field.rawValue * GroundCombat.width + b] = x }
                for j in 0..<take {
                    let l = lane + j, b = b0 + j, sim = sims[sims.startIndex + l]
                    let k = simAttack[sim]
                    let share = inputs[atForce[k]]
                    let a0 = aggressorPower * share, protege0 = d0 + laneStationed[l]
                    set(.aggressor, b, a0)
                    set(.protege, b, protege0)
                    set(.reinforcement, b, reinforcementRate * share)
                    set(.target, b, inputs[atObjective[k]] * depth)
                    set(.maxAdvance, b, inputs[atAdvance[k]])
                    set(.protegeLethality, b, protegeLethality)
                    set(.aggressorLethality, b, aggressorLethality)
                    // Losses telescope: A(H) = A(0) + H x reinforcement - aggressor losses, and
                    // D(H) = D(0) + total inflow - protégé losses.
                    q[b] = QueuedLane(record: record, local: l, slot: slot, sim: sim,
                                      lossA: a0 + reinforcementRate * share * Double(H),
                                      lossD: protege0 + inflowTotal[l], depth: depth,
                                      sanctions: flows.sanctions(lane: l, horizon: H),
                                      escalated: laneEscalated[l], reuse: perceivedAsActual[k])
                }
            }}
            queued += take
            lane += take
            if queued == Self.maxLanes { stepQueued(outcomes: outcomes, completed) }
        }
    }

    /// 6. Ground combat, second half: the queued lanes stepped over the
    /// horizon by the combat loop's build for this CPU (`stepGround`:
    /// Lanchester attrition and the front's advance), over segments that
    /// split the days wherever one of the lanes' records does; then each
    /// lane's outcome, and each run whose lanes are all done goes to
    /// `completed`.
    mutating func stepQueued(outcomes: UnsafeMutableBufferPointer<RunOutcome>, _ completed: (UInt64, inout RunOutcome) -> Void) {
        let n = queued
        guard n > 0 else { return }
        // The batch's records (a record's lanes are consecutive), merged.
        var records = 0
        for b in 0..<n where b == 0 || queue[b].record != queue[b - 1].record {
            batchRecords[records] = queue[b].record; batchRecordStart[records] = b; batchCursor[records] = 0
            records += 1
        }
        batchRecordStart[records] = n
        var segments = 0
        let room = recordRoom, H = H, w = GroundCombat.width
        recordDays.withUnsafeBufferPointer { days in
        recordRates.withUnsafeBufferPointer { rates in
        recordCount.withUnsafeBufferPointer { counts in
        queue.withUnsafeBufferPointer { queue in
        batchRecords.withUnsafeBufferPointer { batchRecords in
        batchRecordStart.withUnsafeBufferPointer { laneStart in
        batchCursor.withUnsafeMutableBufferPointer { cursors in
        ground.segmentStart.withUnsafeMutableBufferPointer { starts in
        ground.segmentRates.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress, let r = rates.baseAddress else { return }
            // The current segment's inflows and intelligence, written lane by
            // lane in place (idle lanes: no inflow, a multiplier of 1), then
            // copied as a whole to each new segment.
            var current = o
            for l in 0..<w { current[l] = 0; current[w + l] = 1 }
            var t = 0
            while true {
                var next = H
                for j in 0..<records {
                    let first = batchRecords[j] * room, count = counts[batchRecords[j]]
                    var c = cursors[j]
                    if c < count && days[first + c] == t {
                        let at = 2 * w * (first + c)
                        for b in laneStart[j]..<laneStart[j + 1] {
                            current[b] = r[at + queue[b].local]; current[w + b] = r[at + w + queue[b].local]
                        }
                        c += 1
                        cursors[j] = c
                    }
                    if c < count { next = min(next, days[first + c]) }
                }
                starts[segments] = t
                segments += 1
                if next >= H { break }
                // The next segment starts as a copy of this one.
                let following = current + 2 * w
                UnsafeMutableRawPointer(following).storeBytes(of: UnsafeRawPointer(current).loadUnaligned(as: SIMD8<Double>.self),
                                                              as: SIMD8<Double>.self)
                UnsafeMutableRawPointer(following + w).storeBytes(
                    of: UnsafeRawPointer(current + w).loadUnaligned(as: SIMD8<Double>.self), as: SIMD8<Double>.self)
                current = following
                t = next
            }
        }}}}}}}}}
        ground.segmentCount = segments
        ground.lanes = n
        // Lanes left idle (the last batch of a range) run harmless zeros; a full batch writes every lane.
        if n < Self.maxLanes {
            ground.values.withUnsafeMutableBufferPointer { v in
                for f in 0..<GroundCombat.fields { for b in n..<Self.maxLanes { v[f * GroundCombat.width + b] = 0 } }
            }
        }
        vectorPath.stepGround(&ground)
        queued = 0
        for b in 0..<n {
            let lane = queue[b]
            let slot = lane.slot
            let result = RunOutcome.Combat(objectiveShare: ground[.front, b] / lane.depth,
                                           aggressorLosses: lane.lossA - ground[.aggressor, b],
                                           protegeLosses: lane.lossD - ground[.protege, b],
                                           sanctionsCost: lane.sanctions, escalated: lane.escalated)
            store(result, sim: lane.sim, reuse: lane.reuse, into: &outcomes[slot])
            let r = lane.record
            recordPending[r] -= 1
            if recordPending[r] == 0 { freeRecords.append(r) }
            slotPending[slot] -= 1
            if slotPending[slot] == 0 {
                completed(slotRun[slot], &outcomes[slot])
                freeSlots.append(slot)
            }
        }
    }

    /// 6. Strike campaigns over the horizon for a batch of strike
    /// simulations, one per SIMD lane: each day the unintercepted share of
    /// the strike rate destroys targets still standing. The unintercepted
    /// share exp(-interception * air defence delivered so far) changes by a
    /// constant factor a day between events, so no day needs an exp.
    @inline(__always)
    mutating func strikeBatch<V: DoubleLanes>(_: V.Type, sims: ArraySlice<Int>, into out: inout RunOutcome) {
        let count = sims.count
        var strikeRate = V(repeating: 0)
        for (lane, sim) in sims.enumerated() { strikeRate[lane] = inputs[atStrike[simAttack[sim]]] }
        var standing = V(repeating: 1), unintercepted = V(repeating: 1), factor = V(repeating: 1), rate = V(repeating: 0)
        let one = V(repeating: 1)
        var flows = LaneFlows<V>()
        var cursor = 0
        var nextEvent = applyEvents(day: -1, cursor: &cursor, flows: &flows, ground: false)
        var t = 0
        while t < H {
            if t >= nextEvent {
                nextEvent = applyEvents(day: t, cursor: &cursor, flows: &flows, ground: false)
                // Most events change other flows than air defence: exp only where the lane's rate moved.
                for lane in 0..<count where flows.rate[lane] != rate[lane] {
                    rate[lane] = flows.rate[lane]
                    factor[lane] = Math.exp(-interception * rate[lane])
                }
            }
            let stop = min(H, nextEvent)
            while t < stop {
                // standing * (1 - rate * share): the loop-carried chain is one
                // multiplication per day (the factor comes off the other chain).
                unintercepted *= factor
                standing *= one - strikeRate * unintercepted
                t += 1
            }
        }
        for (lane, sim) in sims.enumerated() {
            finishLane(lane, sim: sim, flows: flows, objectiveShare: (1 - standing[lane]) * inputs[atObjective[simAttack[sim]]],
                       into: &out)
        }
    }

    /// The guarantor and obligation figures of the decisions just made for attack k (actual honour) in `lane`.
    /// Through buffer pointers: one uniqueness check per array, not one per write.
    func record(attack k: Int, lane: Int, into rec: inout RunOutcome) {
        let perception = inputs[plan.perception], row = row, N = N, H = H
        rec.obligationHonoured.withUnsafeMutableBufferPointer { honoured in
        rec.obligationStartDay.withUnsafeMutableBufferPointer { startDays in
        rec.obligationEndDay.withUnsafeMutableBufferPointer { endDays in
        rec.obligationRate.withUnsafeMutableBufferPointer { rates in
        rec.obligationAidRate.withUnsafeMutableBufferPointer { aidRates in
            for i in 0..<N {
                let g = obGuarantor[i]
                let h = decision[row + i]
                honoured[i] = h
                startDays[i] = h && startDay[i] < H ? startDay[i] : -1
                endDays[i] = endDay[i]
                let unit = obUnit[i]
                let s = unit == 1 ? scale[2 * g] : unit == 2 ? scale[2 * g + 1] : 1
                rates[i] = rate[i] * s
                aidRates[i] = laneDPower[i * Self.maxLanes + lane]
            }
        }}}}}
        rec.guarantorHonours.withUnsafeMutableBufferPointer { honours in
        rec.guarantorHonoursPerceived.withUnsafeMutableBufferPointer { perceived in
        rec.guarantorActive.withUnsafeMutableBufferPointer { active in
            for g in 0..<G { honours[g] = false; perceived[g] = false; active[g] = false }
            for i in 0..<N {
                // A guarantor "honours" when its will clears its strongest agreement's threshold before commitment costs.
                let p = honourP[k * N + i]
                guard p > 0 else { continue }
                let g = obGuarantor[i]
                active[g] = true
                if willU[g] <= p { honours[g] = true }
                if willU[g] <= min(1, p * perception) { perceived[g] = true }
            }
        }}}
    }
}

/// Up to four normal or lognormal input slots drawn together (lanes past
/// `count` repeat harmless numbers and are not stored).
struct GaussianDraws {
    var count: Int
    var slots: SIMD4<Int>               // each drawn from substream slotBase + slot
    var mu: SIMD4<Double>, sigma: SIMD4<Double>
    var logMask: Int                  // bit l set: lane l is lognormal (exp of the normal)

    init(slots group: ArraySlice<Int>, distributions: [Distribution]) {
        count = group.count
        slots = SIMD4(repeating: 0)
        mu = SIMD4(repeating: 0); sigma = SIMD4(repeating: 1); logMask = 0
        for (l, i) in group.enumerated() {
            slots[l] = i
            switch distributions[i] {
            case .normal(let m, let sd): mu[l] = m; sigma[l] = sd
            case .lognormal(let m, let sd): mu[l] = m; sigma[l] = sd; logMask |= 1 << l
            default: break
            }
        }
    }
}

/// Up to four beta input slots, both shapes at least 1, drawn together.
/// `Sampler.sample` draws Beta(a, b) as X / (X + Y) from two gammas by
/// Marsaglia & Tsang (2000): X takes the stream's uniforms 0 (a normal) and
/// 1 (the acceptance test), Y uniforms 2 and 3, when each is accepted at the
/// first try by the squeeze (more than 99 % of draws for the bundled priors).
/// `settle` makes that first try in all four lanes at once, with the same
/// operations in the same order, and says which lanes it settled; the
/// caller draws the others one by one.
struct BetaDraws {
    var count: Int
    var slots: SIMD4<Int>               // each drawn from substream slotBase + slot
    /// Marsaglia & Tsang's d = shape - 1/3 and c = 1 / sqrt(9 d), for X (a) and Y (b).
    var dX: SIMD4<Double>, cX: SIMD4<Double>, dY: SIMD4<Double>, cY: SIMD4<Double>

    init(slots group: ArraySlice<Int>, distributions: [Distribution]) {
        count = group.count
        slots = SIMD4(repeating: group.first ?? 0)
        dX = SIMD4(repeating: 1); cX = SIMD4(repeating: 0); dY = SIMD4(repeating: 1); cY = SIMD4(repeating: 0)
        for l in 0..<4 {
            // Lanes past `count` repeat the first slot (their numbers are not stored).
            let i = l < count ? group[group.startIndex + l] : slots[0]
            slots[l] = i
            guard case .beta(let a, let b) = distributions[i] else { continue }
            dX[l] = a - 1.0 / 3.0; cX[l] = 1.0 / (9.0 * dX[l]).squareRoot()
            dY[l] = b - 1.0 / 3.0; cY[l] = 1.0 / (9.0 * dY[l]).squareRoot()
        }
    }

    /// The four draws from the normals of X and Y (of uniforms 0 and 2) and
    /// the acceptance uniforms (1 and 3), and which of them the first tries
    /// settle (the others are meaningless).
    @inline(__always)
    func settle(x: SIMD4<Double>, y: SIMD4<Double>, uX: SIMD4<Double>, uY: SIMD4<Double>) -> (SIMD4<Double>, SIMDMask<SIMD4<Int64>>) {
        let one = SIMD4<Double>(repeating: 1), squeeze = SIMD4<Double>(repeating: 0.0331)
        var vx = one + cX * x, vy = one + cY * y
        let settled = (vx .> 0) .& (vy .> 0)
            .& (uX .< one - squeeze * (x * x) * (x * x)) .& (uY .< one - squeeze * (y * y) * (y * y))
        vx = vx * vx * vx; vy = vy * vy * vy
        let gx = dX * vx, gy = dY * vy
        return (gx / (gx + gy), settled)
    }
}

/// A ground lane waiting for its batch: its segment record and lane in it,
/// its run's outcome slot and simulation, the terms its losses are taken
/// from, its objective depth, sanctions and escalation, and whether its
/// result also stands for the perceived view (`store`).
struct QueuedLane {
    var record = 0, local = 0, slot = 0, sim = 0
    var lossA = 0.0, lossD = 0.0, depth = 1.0, sanctions = 0.0
    var escalated = false, reuse = false
}

/// The flows of a batch's lanes, as many as V has: aid power (ground) or
/// air defence (strikes) per day, sanctions per day, sanctions accrued up to
/// `lastChange`, and whether the last events changed intelligence sharing.
struct LaneFlows<V: DoubleLanes> {
    var rate = V(repeating: 0), sanctionsRate = V(repeating: 0), sanctions = V(repeating: 0)
    var lastChange = 0
    var intelligenceChanged = false

    /// Lane `lane`'s sanctions accrued to the horizon.
    @inline(__always)
    func sanctions(lane: Int, horizon: Int) -> Double {
        sanctions[lane] + sanctionsRate[lane] * Double(horizon - lastChange)
    }
}
