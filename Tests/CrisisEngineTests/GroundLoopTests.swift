import CombatLoops
@testable import CrisisEngine
import GuarantorModel
import Testing

/// The ground loop runs attrition and the front's advance as two streams in
/// one loop (the advance some days behind, through a ring of force ratios),
/// and stops the advance once every front stands at its objective. Here it
/// is checked, bit for bit and on every build the machine runs, against the
/// plain day-by-day loop of MODEL.md 3.6 that it must equal: random batches
/// of 1 to 8 lanes (each with its own forces and lethalities, as lanes of
/// different runs have), horizons shorter and longer than the lag and the
/// ring, segments of one day and of many, fronts that reach their objective
/// and objectives of zero.
@Suite struct GroundLoopTests {
    /// One batch's inputs, and the loop's outputs per lane: front, A, D.
    struct Batch {
        var lanes: Int, horizon: Int
        var starts: [Int]
        var inflow: [[Double]], intel: [[Double]]      // segment x lane
        var aggressor: [Double], protege: [Double], reinforcement: [Double], target: [Double], maxAdvance: [Double]
        var protegeLethality: [Double], aggressorLethality: [Double], steepness: Double, ratioHalf: Double
    }

    static func randomBatch(_ mix: inout SplitMix64) -> Batch {
        func u() -> Double { Double(mix.next() >> 11) * 0x1p-53 }
        let horizons = [1, 2, 5, 15, 16, 17, 18, 40, 63, 64, 65, 200, 365]
        let horizon = horizons[Int(mix.next() % UInt64(horizons.count))]
        let lanes = 1 + Int(mix.next() % 8)
        var days = Set([0])
        for _ in 0..<Int(mix.next() % 25) { days.insert(Int(mix.next() % UInt64(horizon))) }
        let starts = days.sorted()
        let inflow = starts.map { _ in (0..<8).map { _ in 0.5 * u() } }
        let intel = starts.map { _ in (0..<8).map { _ in u() < 0.5 ? 1 : 1 + u() } }
        let target = (0..<8).map { _ -> Double in
            let r = u()
            return r < 0.1 ? 0 : r < 0.5 ? 2 + 20 * u() : 50 + 250 * u()
        }
        return Batch(lanes: lanes, horizon: horizon, starts: starts, inflow: inflow, intel: intel,
                     aggressor: (0..<8).map { _ in 20 + 200 * u() }, protege: (0..<8).map { _ in 20 + 150 * u() },
                     reinforcement: (0..<8).map { _ in 0.5 * u() }, target: target,
                     maxAdvance: (0..<8).map { _ in u() < 0.1 ? 0 : 15 * u() },
                     protegeLethality: (0..<8).map { _ in 0.002 + 0.03 * u() },
                     aggressorLethality: (0..<8).map { _ in 0.002 + 0.03 * u() },
                     steepness: 1 + 4 * u(), ratioHalf: 1 + 3 * u())
    }

    /// The plain loop: each day attrition, then (while the batch advances)
    /// the front; the batch stops advancing at a segment's first day once no
    /// front falls short of its objective. Minimum and maximum as the loop's
    /// (b < a ? b : a and b > a ? b : a), the logistic from `Math`.
    static func reference(_ b: Batch) -> [(front: Double, aggressor: Double, protege: Double)] {
        var A = b.aggressor, D = b.protege, x = [Double](repeating: 0, count: 8)
        func anyShort() -> Bool { (0..<8).contains { x[$0] < b.target[$0] } }
        var advancing = anyShort()
        for s in b.starts.indices {
            let stop = s + 1 < b.starts.count ? b.starts[s + 1] : b.horizon
            for _ in b.starts[s]..<stop {
                for l in 0..<8 {
                    let dEff = D[l] * b.intel[s][l]
                    let pa = b.protegeLethality[l] * dEff
                    let la = pa < A[l] ? pa : A[l]
                    let pd = b.aggressorLethality[l] * A[l]
                    let ld = pd < D[l] ? pd : D[l]
                    A[l] = A[l] + b.reinforcement[l] - la
                    D[l] = D[l] + b.inflow[s][l] - ld
                    if advancing {
                        let ratio = A[l] / (1e-9 > dEff ? 1e-9 : dEff)
                        let step = Math.logistic(scale: SIMD2(repeating: b.maxAdvance[l]),
                                                 over: SIMD2(repeating: -b.steepness) * (SIMD2(repeating: ratio) - SIMD2(repeating: b.ratioHalf)))[0]
                        let moved = x[l] + step
                        x[l] = b.target[l] < moved ? b.target[l] : moved
                    }
                }
            }
            advancing = advancing && anyShort()
        }
        return (0..<8).map { (x[$0], A[$0], D[$0]) }
    }

    static func step(_ b: Batch, on path: VectorPath) -> GroundCombat {
        var c = GroundCombat(segments: b.starts.count)
        c.lanes = b.lanes; c.horizon = b.horizon; c.segmentCount = b.starts.count
        for l in 0..<8 {
            c[.aggressor, l] = b.aggressor[l]; c[.protege, l] = b.protege[l]; c[.reinforcement, l] = b.reinforcement[l]
            c[.target, l] = b.target[l]; c[.maxAdvance, l] = b.maxAdvance[l]
            c[.protegeLethality, l] = b.protegeLethality[l]; c[.aggressorLethality, l] = b.aggressorLethality[l]
        }
        for s in b.starts.indices {
            c.segmentStart[s] = b.starts[s]
            for l in 0..<8 {
                c.segmentRates[2 * GroundCombat.width * s + l] = b.inflow[s][l]
                c.segmentRates[2 * GroundCombat.width * s + GroundCombat.width + l] = b.intel[s][l]
            }
        }
        c.steepness = b.steepness; c.ratioHalf = b.ratioHalf
        path.stepGround(&c)
        return c
    }

    @Test func theLoopEqualsThePlainDayByDayLoop() {
        var mix = SplitMix64(seed: 2026)
        var reached = 0, compared = 0
        for _ in 0..<400 {
            let b = Self.randomBatch(&mix)
            // The reference steps all eight lanes; the loop's batch width
            // decides which lanes it steps (and its early stop looks at those
            // lanes only), so the reference sees the lanes a build steps.
            let width = b.lanes <= 2 ? 2 : b.lanes <= 4 ? 4 : 8
            var padded = b
            for l in width..<8 { padded.target[l] = 0 }   // lanes outside the width never hold the advance up
            let expected = Self.reference(padded)
            for path in VectorPath.runnable {
                let c = Self.step(b, on: path)
                for l in 0..<b.lanes {
                    let e = expected[l]
                    #expect(c[.front, l].bitPattern == e.front.bitPattern, "\(path) lane \(l) horizon \(b.horizon)")
                    #expect(c[.aggressor, l].bitPattern == e.aggressor.bitPattern, "\(path) lane \(l)")
                    #expect(c[.protege, l].bitPattern == e.protege.bitPattern, "\(path) lane \(l)")
                    compared += 1
                    if e.front == b.target[l] && b.target[l] > 0 { reached += 1 }
                }
            }
        }
        #expect(compared > 1000)
        #expect(reached > 50, "some fronts reach their objective, so the early stop is exercised")
    }
}
