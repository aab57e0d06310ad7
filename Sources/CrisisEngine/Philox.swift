/// Philox-4x32-10 (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers:
/// as easy as 1, 2, 3"), a counter-based generator: block n of stream
/// (seed, run, substream) is a pure function of those four numbers, so run
/// i's draws never depend on which thread or machine computes them.
public enum Philox {
    @inline(__always)
    static func mulhilo(_ a: UInt32, _ b: UInt32) -> (hi: UInt32, lo: UInt32) {
        let p = UInt64(a) &* UInt64(b)
        return (UInt32(truncatingIfNeeded: p >> 32), UInt32(truncatingIfNeeded: p))
    }

    /// One 4x32 block: ten rounds of the Philox bijection.
    @inlinable @inline(__always)
    public static func block(counter c: (UInt32, UInt32, UInt32, UInt32), key k: (UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var c0 = c.0, c1 = c.1, c2 = c.2, c3 = c.3
        var k0 = k.0, k1 = k.1
        for _ in 0..<10 {
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            c0 = hi1 ^ c1 ^ k0
            c1 = lo1
            c2 = hi0 ^ c3 ^ k1
            c3 = lo0
            k0 = k0 &+ 0x9E37_79B9
            k1 = k1 &+ 0xBB67_AE85
        }
        return (c0, c1, c2, c3)
    }
}

/// The stream of uniform numbers for one (seed, run, substream). Each block
/// gives two doubles with 53 random bits each.
public struct RandomStream: Sendable {
    public let key: (UInt32, UInt32)
    public let run: UInt64
    public let substream: UInt32
    @usableFromInline var blockIndex: UInt32 = 0
    @usableFromInline var spare: UInt64 = 0
    @usableFromInline var hasSpare = false

    public init(seed: UInt64, run: UInt64, substream: UInt32) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        self.run = run
        self.substream = substream
    }

    @inlinable
    public mutating func nextUInt64() -> UInt64 {
        if hasSpare { hasSpare = false; return spare }
        let b = Philox.block(counter: (blockIndex, substream, UInt32(truncatingIfNeeded: run), UInt32(truncatingIfNeeded: run >> 32)), key: key)
        blockIndex &+= 1
        spare = UInt64(b.2) << 32 | UInt64(b.3)
        hasSpare = true
        return UInt64(b.0) << 32 | UInt64(b.1)
    }

    /// Uniform on the open interval (0, 1): never exactly 0 or 1, so that
    /// inverse CDFs stay finite.
    @inlinable
    public mutating func uniform() -> Double {
        (Double(nextUInt64() >> 11) + 0.5) * 0x1p-53
    }

    /// The uniform at position j of the stream: the number the (j+1)th call
    /// of `uniform()` on a fresh stream returns. A counter-based generator
    /// computes any position directly, so draws that a run does not need
    /// cost nothing while every other draw keeps its position (and common
    /// random numbers stay aligned).
    @inlinable
    public func uniform(at j: UInt32) -> Double {
        let b = Philox.block(counter: (j >> 1, substream, UInt32(truncatingIfNeeded: run), UInt32(truncatingIfNeeded: run >> 32)), key: key)
        let bits = j & 1 == 0 ? UInt64(b.0) << 32 | UInt64(b.1) : UInt64(b.2) << 32 | UInt64(b.3)
        return (Double(bits >> 11) + 0.5) * 0x1p-53
    }
}
