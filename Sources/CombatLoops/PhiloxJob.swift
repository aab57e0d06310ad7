/// A batch of Philox-4x32-10 blocks for `philoxUniforms`: lane i is block
/// `blocks[i]` of stream (seed, runs[i], substreams[i]), i < count (a
/// multiple of 8), as the uniforms at stream positions 2 blocks[i] (`even`)
/// and 2 blocks[i] + 1 (`odd`); without `runs`, every lane's run is `run`.
/// Pointers only, as `GroundCombatView`: the AVX2 and AVX-512 builds of the
/// loop must not touch Swift arrays.
public struct PhiloxJob {
    public var count: Int
    public var seed: UInt64, run: UInt64
    public var runs: UnsafePointer<UInt64>?
    public var blocks: UnsafePointer<UInt64>, substreams: UnsafePointer<UInt64>
    public var even: UnsafeMutablePointer<Double>, odd: UnsafeMutablePointer<Double>
    /// Where given, the central branch of the inverse normal CDF of each
    /// lane's even uniform u (`Math.normalQuantileCentral(q: u - 0.5)`,
    /// meaningful where |u - 0.5| <= 0.425), and of the odd uniforms of the
    /// lanes from `oddNormalsFrom` on (in whole groups of eight: lanes a
    /// little before it may be written too).
    public var evenNormals: UnsafeMutablePointer<Double>?, oddNormals: UnsafeMutablePointer<Double>?
    public var oddNormalsFrom: Int

    public init(count: Int, seed: UInt64, run: UInt64, runs: UnsafePointer<UInt64>? = nil, blocks: UnsafePointer<UInt64>,
                substreams: UnsafePointer<UInt64>, even: UnsafeMutablePointer<Double>, odd: UnsafeMutablePointer<Double>,
                evenNormals: UnsafeMutablePointer<Double>? = nil, oddNormals: UnsafeMutablePointer<Double>? = nil,
                oddNormalsFrom: Int = 0) {
        self.count = count; self.seed = seed; self.run = run; self.runs = runs
        self.blocks = blocks; self.substreams = substreams; self.even = even; self.odd = odd
        self.evenNormals = evenNormals; self.oddNormals = oddNormals; self.oddNormalsFrom = oddNormalsFrom
    }
}
