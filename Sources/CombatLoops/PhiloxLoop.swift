// Philox-4x32-10 for many streams at once, eight lanes at a time. Like
// GroundLoop.swift, this one file is compiled three times (CombatLoops,
// and through symbolic links CombatLoopsAVX2 and CombatLoopsAVX512): the
// integer arithmetic is exact and the conversion to a uniform is the same
// IEEE operations in the same order, so every build gives the same bits as
// `RandomStream.uniform(at:)` (CrisisEngine), and a test compares them;
// so does the central branch of the inverse normal CDF (additions,
// multiplications and a division in a fixed order).
import GuarantorModel
#if COMBAT_LOOPS_VARIANT
import CombatLoops
#endif

/// Fills `job.even` and `job.odd` with the uniforms of each lane's block:
/// lane i is bit for bit `uniform(at: 2 b)` and `uniform(at: 2 b + 1)` of
/// stream (seed, run, substreams[i]), b = blocks[i], run = runs[i] (or
/// `job.run`); and, where given, `job.evenNormals` and `job.oddNormals`
/// with the central normals of those uniforms (see `PhiloxJob`).
public func philoxUniforms(_ job: PhiloxJob) {
    let low32 = SIMD8<UInt64>(repeating: 0xFFFF_FFFF)
    var first = 0
    while first + 8 <= job.count {
        var run = SIMD8<UInt64>(repeating: job.run)
        if let runs = job.runs { run = UnsafeRawPointer(runs + first).loadUnaligned(as: SIMD8<UInt64>.self) }
        // The 32-bit words sit in 64-bit lanes, so each product is one 32 x 32 -> 64 multiplication.
        var c0 = UnsafeRawPointer(job.blocks + first).loadUnaligned(as: SIMD8<UInt64>.self) & low32
        var c1 = UnsafeRawPointer(job.substreams + first).loadUnaligned(as: SIMD8<UInt64>.self) & low32
        var c2 = run & low32, c3 = run &>> 32
        // Only the low word of each lane is Philox's: the words and the keys
        // keep whatever lies above it (the products' high words, exclusive-ors
        // of those, carries), and the masks before each product and output
        // take the low words. Cleaner words let the compiler prove them below
        // 2^32, drop the masks, fold a key's mask into a three-way logic
        // operation whose result it then no longer knew to be below 2^32, and
        // multiply 64 x 64 bits (three times the work of 32 x 32).
        var k0 = SIMD8<UInt64>(repeating: job.seed & 0xFFFF_FFFF), k1 = SIMD8<UInt64>(repeating: job.seed >> 32)
        for _ in 0..<10 {
            let p0 = (c0 & low32) &* SIMD8<UInt64>(repeating: 0xD251_1F53)
            let p1 = (c2 & low32) &* SIMD8<UInt64>(repeating: 0xCD9E_8D57)
            let n0 = (p1 &>> 32) ^ c1 ^ k0
            let n2 = (p0 &>> 32) ^ c3 ^ k1
            c1 = p1
            c3 = p0
            c0 = n0
            c2 = n2
            k0 = k0 &+ SIMD8(repeating: 0x9E37_79B9)
            k1 = k1 &+ SIMD8(repeating: 0xBB67_AE85)
        }
        // The high words of c0 and c2 are shifted out in `uniformLanes`; those of c1 and c3 are masked off.
        let even = uniformLanes(high: c0, low: c1 & low32), odd = uniformLanes(high: c2, low: c3 & low32)
        UnsafeMutableRawPointer(job.even + first).storeBytes(of: even, as: SIMD8<Double>.self)
        UnsafeMutableRawPointer(job.odd + first).storeBytes(of: odd, as: SIMD8<Double>.self)
        let half = SIMD8<Double>(repeating: 0.5)
        if let normals = job.evenNormals {
            UnsafeMutableRawPointer(normals + first).storeBytes(of: Math.normalQuantileCentral(q: even - half), as: SIMD8<Double>.self)
        }
        if let normals = job.oddNormals, first + 8 > job.oddNormalsFrom {
            UnsafeMutableRawPointer(normals + first).storeBytes(of: Math.normalQuantileCentral(q: odd - half), as: SIMD8<Double>.self)
        }
        first += 8
    }
}

/// A block's 64 bits (high << 32 | low) as `uniform()` makes them a double:
/// the top 53 bits, plus a half, times 2^-53. The 53-bit integer becomes a
/// double exactly in two parts: high >> 11 (21 bits, times 2^32) and the 32
/// bits below it.
@inline(__always)
func uniformLanes(high: SIMD8<UInt64>, low: SIMD8<UInt64>) -> SIMD8<Double> {
    let bits = (high &<< 32 | low) &>> 11
    let hi = bits &>> 32, lo = bits & SIMD8<UInt64>(repeating: 0xFFFF_FFFF)
    let exponent = SIMD8<UInt64>(repeating: 0x4330_0000_0000_0000)     // 2^52: its bit pattern plus an integer < 2^52
    let two52 = SIMD8<Double>(repeating: 0x1p52)
    let dHigh = unsafeBitCast(hi | exponent, to: SIMD8<Double>.self) - two52
    let dLow = unsafeBitCast(lo | exponent, to: SIMD8<Double>.self) - two52
    return (dHigh * SIMD8<Double>(repeating: 0x1p32) + dLow + SIMD8<Double>(repeating: 0.5)) * SIMD8<Double>(repeating: 0x1p-53)
}
