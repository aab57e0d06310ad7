import CrisisEngine
import GuarantorModel

/// One-at-a-time sensitivity (a tornado): each uncertain input fixed at its
/// 5th and 95th percentile, everything else drawn with the same random
/// numbers as the baseline, so that differences are the input's, not noise.
public enum SensitivityAnalysis {
    public static let defaultRunsPerVariant: Int64 = 2_000

    public static func run(plan: CompiledScenario, seed: UInt64, runsPerVariant: Int64, threads: Int,
                           types: Int = AggressorDecision.defaultTypes,
                           progress: ProgressHandler? = nil) async throws -> StudyResult.Sensitivity {
        let inputs = plan.uncertainSlots
        // Variant 0 is the baseline; then (slot, p5), (slot, p95) for each input.
        var variants: [CompiledScenario] = [plan]
        var ends: [(Double, Double)] = []
        for s in inputs {
            let d = plan.slots[s].distribution
            let lo = min(plan.slots[s].upper, max(plan.slots[s].lower, d.quantile(0.05)))
            let hi = min(plan.slots[s].upper, max(plan.slots[s].lower, d.quantile(0.95)))
            ends.append((lo, hi))
            variants.append(plan.fixing(slot: s, at: lo))
            variants.append(plan.fixing(slot: s, at: hi))
        }
        let ref = plan.referenceAttack
        let total = Int64(variants.count) * runsPerVariant
        let counter = ProgressCounter()
        let figures: [(Double, Double)] = try await withThrowingTaskGroup(of: (Int, Double, Double).self) { group in
            var next = 0
            var out = Array(repeating: (0.0, 0.0), count: variants.count)
            func launch(_ i: Int) {
                let v = variants[i]
                group.addTask {
                    let acc = try await StudyRunner.accumulate(plan: v, seed: seed, runs: 0..<runsPerVariant, threads: 1)
                    let e = AggressorDecision.evaluate(plan: v, accumulator: acc, seed: seed, types: types)
                    if let progress { progress(counter.add(runsPerVariant), total) }
                    let share = acc.attacks.indices.contains(ref) ? acc.attacks[ref].objectiveShare.mean : 0
                    return (i, e.pDeterred, share)
                }
            }
            while next < min(max(1, threads), variants.count) { launch(next); next += 1 }
            for try await (i, pd, share) in group {
                out[i] = (pd, share)
                if next < variants.count { launch(next); next += 1 }
            }
            return out
        }
        var rows: [StudyResult.SensitivityRow] = []
        for (j, s) in inputs.enumerated() {
            let low = figures[1 + 2 * j], high = figures[2 + 2 * j]
            rows.append(StudyResult.SensitivityRow(
                input: plan.slots[s].path, low: ends[j].0, high: ends[j].1,
                pDeterredLow: low.0, pDeterredHigh: high.0, objectiveShareLow: low.1, objectiveShareHigh: high.1,
                swingPDeterred: abs(high.0 - low.0), swingObjectiveShare: abs(high.1 - low.1)))
        }
        rows.sort { ($0.swingPDeterred, $0.swingObjectiveShare, $1.input) > ($1.swingPDeterred, $1.swingObjectiveShare, $0.input) }
        return StudyResult.Sensitivity(runsPerVariant: runsPerVariant, baselinePDeterred: figures[0].0,
                                       baselineObjectiveShare: figures[0].1, rows: rows)
    }
}

