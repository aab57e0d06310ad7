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

    public init(count: Int, seed: UInt64, run: UInt64, runs: UnsafePointer<UInt64>? = nil, blocks: UnsafePointer<UInt64>,
                substreams: UnsafePointer<UInt64>, even: UnsafeMutablePointer<Double>, odd: UnsafeMutablePointer<Double>) {
        self.count = count; self.seed = seed; self.run = run; self.runs = runs
        self.blocks = blocks; self.substreams = substreams; self.even = even; self.odd = odd
    }
}
