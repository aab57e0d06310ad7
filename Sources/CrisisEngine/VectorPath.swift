import CombatLoops
import CombatLoopsAVX2
import CombatLoopsAVX512
import CPUFeatures
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The builds of the daily combat loop (CombatLoops, CombatLoopsAVX2,
/// CombatLoopsAVX512). They give the same bits; the wider ones are faster.
public enum VectorPath: String, Sendable, CaseIterable, Comparable {
    case baseline, avx2, avx512

    /// The widest build this CPU and operating system run.
    public static let supported: VectorPath = {
        switch guarantor_vector_level() {
        case 3: return .avx512
        case 2: return .avx2
        default: return .baseline
        }
    }()

    /// The build studies use: `supported`, or a narrower one named in the
    /// environment variable GUARANTOR_VECTOR (`baseline`, `avx2`, `avx512`),
    /// for comparing them. A wider one than the CPU runs is never chosen.
    public static let selected: VectorPath = {
        guard let text = environment, let asked = VectorPath(rawValue: text) else { return supported }
        return min(asked, supported)
    }()

    /// GUARANTOR_VECTOR in lower case, nil when unset or empty (`GUARANTOR_VECTOR= cmd` unsets it).
    static let environment: String? = {
        guard let raw = getenv("GUARANTOR_VECTOR") else { return nil }
        let text = String(cString: raw).lowercased()
        return text.isEmpty ? nil : text
    }()

    /// What to tell the user about GUARANTOR_VECTOR, when it names no build
    /// or one wider than this CPU runs (nil when unset or honoured).
    public static let environmentWarning: String? = {
        guard let text = environment else { return nil }
        guard let asked = VectorPath(rawValue: text) else {
            return "GUARANTOR_VECTOR=\(text) is not one of baseline, avx2, avx512; using \(supported.rawValue)"
        }
        if asked > supported {
            return "GUARANTOR_VECTOR=\(text): this CPU runs up to \(supported.rawValue); using \(supported.rawValue)"
        }
        return nil
    }()

    /// The builds this machine can run, narrowest first.
    public static var runnable: [VectorPath] { allCases.filter { $0 <= supported } }

    var width: Int {
        switch self {
        case .baseline: return 0
        case .avx2: return 1
        case .avx512: return 2
        }
    }

    public static func < (a: VectorPath, b: VectorPath) -> Bool { a.width < b.width }
}

extension VectorPath {
    /// Steps a batch of ground simulations with this build of the loop.
    @inline(__always)
    public func stepGround(_ combat: inout GroundCombat) {
        combat.withView { view in
            switch self {
            case .avx512: CombatLoopsAVX512.stepGround(view)
            case .avx2: CombatLoopsAVX2.stepGround(view)
            case .baseline: CombatLoops.stepGround(view)
            }
        }
    }
}

extension VectorPath {
    /// Philox blocks of many streams with this build (`philoxUniforms`).
    @inline(__always)
    public func philoxUniforms(_ job: PhiloxJob) {
        switch self {
        case .avx512: CombatLoopsAVX512.philoxUniforms(job)
        case .avx2: CombatLoopsAVX2.philoxUniforms(job)
        case .baseline: CombatLoops.philoxUniforms(job)
        }
    }
}
