import CrisisEngine
import Deterrence
import Foundation
import GuarantorModel

/// One study for the server: the library's `Study.run` (the same function the
/// CLI calls), with its two progress phases mapped onto one 0...1 bar.
enum StudyExecution {
    /// `progress` gets 0...1 over the whole job: the simulation, then (if any) the sensitivity variants.
    static func run(scenario: Scenario, runs: Int64, seed: UInt64, threads: Int, sensitivityRuns: Int64,
                    progress: @escaping @Sendable (Double) -> Void) async throws -> StudyResult {
        let share = sensitivityRuns > 0 ? 0.5 : 1.0
        return try await Study.run(
            scenario: scenario, runs: runs, seed: seed, threads: threads, sensitivityRuns: sensitivityRuns,
            simulationProgress: { done, total in progress(total > 0 ? share * Double(done) / Double(total) : share) },
            sensitivityProgress: { done, total in progress(share + (total > 0 ? (1 - share) * Double(done) / Double(total) : 0)) })
    }
}
