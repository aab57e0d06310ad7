// The daily ground-combat loop. This one source file is compiled three
// times: in CombatLoops for the baseline CPU, and (through symbolic links)
// in CombatLoopsAVX2 and CombatLoopsAVX512 for wider vector units. The
// arithmetic is IEEE addition, multiplication, division, minimum and
// maximum in a fixed order (Swift never fuses a multiply and an add on its
// own), so every build gives the same bits; CrisisEngine picks one at run
// time and a test compares them.
import GuarantorModel
#if COMBAT_LOOPS_VARIANT
import CombatLoops
#endif

/// Steps `combat`'s lanes over its segments: Lanchester square-law attrition
/// with reinforcement, mobilisation and aid, and the front's advance toward
/// the objective depth. Writes the front, the aggressor's and protégé's
/// power at the horizon, and the protégé's total inflow into `combat`.
/// Pointers only: see `GroundCombatView`.
public func stepGround(_ combat: GroundCombatView) {
    switch combat.lanes {
    case ...2: step(SIMD2<Double>.self, combat)
    case ...4: step(SIMD4<Double>.self, combat)
    default: step(SIMD8<Double>.self, combat)
    }
}

@inline(__always)
func load<V: DoubleLanes>(_ p: UnsafePointer<Double>, _ offset: Int, as _: V.Type) -> V {
    UnsafeRawPointer(p + offset).loadUnaligned(as: V.self)
}

@inline(__always)
func store<V: DoubleLanes>(_ v: V, _ p: UnsafeMutablePointer<Double>, _ offset: Int) {
    UnsafeMutableRawPointer(p + offset).storeBytes(of: v, as: V.self)
}

@inline(__always)
func step<V: DoubleLanes>(_: V.Type, _ c: GroundCombatView) {
    let H = c.horizon, segments = c.segmentCount, w = GroundCombat.width, block = GroundCombat.blockDays
    let protLeth = V(repeating: c.protegeLethality), aggLeth = V(repeating: c.aggressorLethality)
    let negK = V(repeating: -c.steepness), r0 = V(repeating: c.ratioHalf)
    let tiny = V(repeating: 1e-9)
    let v = c.values, starts = c.segmentStart, r = c.segmentRates
    let ratios = c.ratios, size = MemoryLayout<V>.stride
    var A = load(v, GroundCombat.Field.aggressor.rawValue * w, as: V.self)
    var D = load(v, GroundCombat.Field.protege.rawValue * w, as: V.self)
    let reinforcement = load(v, GroundCombat.Field.reinforcement.rawValue * w, as: V.self)
    let target = load(v, GroundCombat.Field.target.rawValue * w, as: V.self)
    let vmax = load(v, GroundCombat.Field.maxAdvance.rawValue * w, as: V.self)
    var x = V(repeating: 0), inflowTotal = V(repeating: 0)
    var advancing = V.anyLess(x, target)
    // Days go in blocks of up to `block`, in two passes: attrition (a short
    // chain carried from day to day) with each day's force ratio put aside,
    // then the front's advance from those ratios (a long chain, exp and a
    // division, that no later day waits on, so the processor overlaps many
    // days). Each lane-day performs the same operations in either order, so
    // the bits are the same.
    for s in 0..<segments {
        var t = starts[s]
        let stop = s + 1 < segments ? starts[s + 1] : H
        let inflow = load(r, 2 * w * s, as: V.self), intel = load(r, 2 * w * s + w, as: V.self)
        inflowTotal += inflow * V(repeating: Double(stop - t))
        while t < stop {
            let n = stop - t < block ? stop - t : block
            if advancing {
                for j in 0..<n {
                    let dEff = D * intel
                    let pa = protLeth * dEff
                    let la = V.lanesMin(A, pa)
                    let pd = aggLeth * A
                    let ld = V.lanesMin(D, pd)
                    A = A + reinforcement - la
                    D = D + inflow - ld
                    ratios.storeBytes(of: A / V.lanesMax(dEff, tiny), toByteOffset: j * size, as: V.self)
                }
                for j in 0..<n {
                    let ratio = ratios.loadUnaligned(fromByteOffset: j * size, as: V.self)
                    x = V.lanesMin(x + Math.logistic(scale: vmax, over: negK * (ratio - r0)), target)
                }
            } else {
                for _ in 0..<n {
                    let dEff = D * intel
                    let la = V.lanesMin(A, protLeth * dEff)
                    let ld = V.lanesMin(D, aggLeth * A)
                    A = A + reinforcement - la
                    D = D + inflow - ld
                }
            }
            t += n
        }
        // Once every front stands at its objective (checked between
        // segments), only attrition is left to step: x would stay at target.
        advancing = V.anyLess(x, target)
    }
    store(A, v, GroundCombat.Field.aggressor.rawValue * w)
    store(D, v, GroundCombat.Field.protege.rawValue * w)
    store(x, v, GroundCombat.Field.front.rawValue * w)
    store(inflowTotal, v, GroundCombat.Field.inflowTotal.rawValue * w)
}
