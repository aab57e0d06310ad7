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
/// the objective depth. Writes the front and the aggressor's and protégé's
/// power at the horizon into `combat`. Pointers only: see `GroundCombatView`.
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
    let H = c.horizon, segments = c.segmentCount, w = GroundCombat.width
    let negK = V(repeating: -c.steepness), r0 = V(repeating: c.ratioHalf)
    let tiny = V(repeating: 1e-9)
    let v = c.values, starts = c.segmentStart, r = c.segmentRates
    let ratios = c.ratios, size = MemoryLayout<V>.stride
    var A = load(v, GroundCombat.Field.aggressor.rawValue * w, as: V.self)
    var D = load(v, GroundCombat.Field.protege.rawValue * w, as: V.self)
    let reinforcement = load(v, GroundCombat.Field.reinforcement.rawValue * w, as: V.self)
    let target = load(v, GroundCombat.Field.target.rawValue * w, as: V.self)
    let vmax = load(v, GroundCombat.Field.maxAdvance.rawValue * w, as: V.self)
    let protLeth = load(v, GroundCombat.Field.protegeLethality.rawValue * w, as: V.self)
    let aggLeth = load(v, GroundCombat.Field.aggressorLethality.rawValue * w, as: V.self)
    // Two streams run in one loop, so that the processor overlaps them:
    // attrition, a short chain carried from day to day, puts each day's
    // force ratio aside in a ring; the front's advance (exp and a division,
    // a long computation that no later day waits on but its own running
    // sum) follows `lag` days behind, reading the ring. Every lane-day
    // performs the same operations as in one loop, so the bits are the same.
    //
    // Days of segment s advance only if some front still falls short of its
    // objective once every day before the segment has advanced (checked when
    // the advance reaches the segment): after that the fronts stand still.
    // (A front at its objective stays there to the bit whether or not the
    // loop advances it, min(target + step, target) being the target: so no
    // lane's numbers depend on the others in its batch.)
    let lag = GroundCombat.lagDays, ring = GroundCombat.ringDays - 1
    var x = V(repeating: 0)
    var advancing = V.anyLess(x, target)         // whether the advance still runs
    var day = advancing ? 0 : H                  // the next day to advance
    var segment = 0                              // the segment of `day`
    var nextStart = segments > 1 ? starts[1] : H // the next segment's first day
    for s in 0..<segments {
        var t = starts[s]
        let stop = s + 1 < segments ? starts[s + 1] : H
        let inflow = load(r, 2 * w * s, as: V.self), intel = load(r, 2 * w * s + w, as: V.self)
        if advancing {
            while t < stop {
                let dEff = D * intel
                let pa = protLeth * dEff
                let la = V.lanesMin(A, pa)
                let pd = aggLeth * A
                let ld = V.lanesMin(D, pd)
                A = A + reinforcement - la
                D = D + inflow - ld
                ratios.storeBytes(of: A / V.lanesMax(dEff, tiny), toByteOffset: (t & ring) * size, as: V.self)
                t += 1
                if t - day > lag {
                    if day == nextStart {
                        advancing = enterSegment(x, target, day: &day, segment: &segment, nextStart: &nextStart,
                                                 starts: starts, segments: segments, horizon: H)
                    }
                    if day < H {
                        let ratio = ratios.loadUnaligned(fromByteOffset: (day & ring) * size, as: V.self)
                        x = V.lanesMin(x + Math.logistic(scale: vmax, over: negK * (ratio - r0)), target)
                        day += 1
                    }
                }
            }
        } else {
            while t < stop {
                let dEff = D * intel
                let la = V.lanesMin(A, protLeth * dEff)
                let ld = V.lanesMin(D, aggLeth * A)
                A = A + reinforcement - la
                D = D + inflow - ld
                t += 1
            }
        }
    }
    while day < H {
        if day == nextStart {
            advancing = enterSegment(x, target, day: &day, segment: &segment, nextStart: &nextStart,
                                     starts: starts, segments: segments, horizon: H)
            if day >= H { break }
        }
        let ratio = ratios.loadUnaligned(fromByteOffset: (day & ring) * size, as: V.self)
        x = V.lanesMin(x + Math.logistic(scale: vmax, over: negK * (ratio - r0)), target)
        day += 1
    }
    store(A, v, GroundCombat.Field.aggressor.rawValue * w)
    store(D, v, GroundCombat.Field.protege.rawValue * w)
    store(x, v, GroundCombat.Field.front.rawValue * w)
}

/// The front's advance reaches `day`, the first day of the next segment:
/// it goes on (true) if some front still falls short of its objective, and
/// otherwise stops for good (`day` moves to the horizon).
@inline(never)
func enterSegment<V: DoubleLanes>(_ x: V, _ target: V, day: inout Int, segment: inout Int, nextStart: inout Int,
                                  starts: UnsafePointer<Int>, segments: Int, horizon: Int) -> Bool {
    while day == nextStart && day < horizon {
        segment += 1
        nextStart = segment + 1 < segments ? starts[segment + 1] : horizon
        if !V.anyLess(x, target) { day = horizon; return false }
    }
    return true
}
