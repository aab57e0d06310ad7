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
        // Per variant: P(deterred) and the reference attack's objective share, each with its SE.
        typealias Figures = (pd: Double, pdSE: Double, share: Double, shareSE: Double, runDays: Int64)
        let figures: [Figures] = try await withThrowingTaskGroup(of: (Int, Figures).self) { group in
            var next = 0
            var out = Array(repeating: Figures(0, 0, 0, 0, 0), count: variants.count)
            func launch(_ i: Int) {
                let v = variants[i]
                group.addTask {
                    let acc = try await StudyRunner.accumulate(plan: v, seed: seed, runs: 0..<runsPerVariant, threads: 1)
                    let e = AggressorDecision.evaluate(plan: v, accumulator: acc, seed: seed, types: types)
                    if let progress { progress(counter.add(runsPerVariant), total) }
                    let share = acc.attacks.indices.contains(ref) ? acc.attacks[ref].objectiveShare : Moments()
                    return (i, Figures(e.pDeterred, e.pDeterredSE, share.count > 0 ? share.mean : 0,
                                       share.count > 1 ? share.standardError : 0, acc.runDays))
                }
            }
            while next < min(max(1, threads), variants.count) { launch(next); next += 1 }
            for try await (i, f) in group {
                out[i] = f
                if next < variants.count { launch(next); next += 1 }
            }
            return out
        }
        var rows: [StudyResult.SensitivityRow] = []
        for (j, s) in inputs.enumerated() {
            let low = figures[1 + 2 * j], high = figures[2 + 2 * j]
            var row = StudyResult.SensitivityRow(
                input: plan.slots[s].path, low: ends[j].0, high: ends[j].1,
                pDeterredLow: low.pd, pDeterredHigh: high.pd, objectiveShareLow: low.share, objectiveShareHigh: high.share,
                swingPDeterred: abs(high.pd - low.pd), swingObjectiveShare: abs(high.share - low.share))
            row.pDeterredLowSE = low.pdSE; row.pDeterredHighSE = high.pdSE
            row.swingPDeterredSE = (low.pdSE * low.pdSE + high.pdSE * high.pdSE).squareRoot()
            row.objectiveShareLowSE = low.shareSE; row.objectiveShareHighSE = high.shareSE
            row.swingObjectiveShareSE = (low.shareSE * low.shareSE + high.shareSE * high.shareSE).squareRoot()
            rows.append(row)
        }
        rows.sort { ($0.swingPDeterred, $0.swingObjectiveShare, $1.input) > ($1.swingPDeterred, $1.swingObjectiveShare, $0.input) }
        var result = StudyResult.Sensitivity(runsPerVariant: runsPerVariant, baselinePDeterred: figures[0].pd,
                                             baselineObjectiveShare: figures[0].share, rows: rows)
        result.baselinePDeterredSE = figures[0].pdSE; result.baselineObjectiveShareSE = figures[0].shareSE
        result.runs = total
        result.runDays = figures.reduce(0) { $0 &+ $1.runDays }
        return result
    }
}

