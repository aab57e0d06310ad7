import ArgumentParser
import CrisisEngine
import Deterrence
import GuarantorModel
import Reports

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine shard results (from `guarantor study --shard I/N --format json`) into the whole study.",
        discussion: "The merged statistics equal, bit for bit, those of one process running every run."
    )

    @Argument(help: "Shard result files (JSON).") var shards: [String]
    @Option(help: "The scenario the shards were run on (needed to rebuild the statistics).") var scenario: String
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: .shortAndLong, help: "Write the report here instead of standard output.") var output: String?
    @Option(help: "Also write the HTML report to this path.") var report: String?
    @Flag(help: "Merge even when the shards do not cover every run of the study (the result is then for the runs they cover; without this flag a missing shard is an error).")
    var allowPartial = false

    func run() async throws {
        try Terminal.checkOutput(output, inputs: shards + [scenario])
        try Terminal.checkReport(report, output: output, inputs: shards + [scenario])
        let s = try CLI.loadScenario(scenario)
        // Again now that the bases the scenario extends are read: before the work, not at the write.
        try Terminal.checkOutput(output)
        try Terminal.checkReport(report, output: output, inputs: [])
        let plan = CompiledScenario(s)
        var merged: StudyAccumulator?
        var seed: UInt64?
        var total: Int64?
        var covered: [Range<Int64>] = []
        for file in shards {
            let text = try Terminal.readText(file)
            let result: StudyResult
            switch JSONReport.decodeStudy(text) {
            case .success(let r): result = r
            case .failure(let e): throw CLIError("\(file): not a study result in JSON: \(JSONReport.describe(e)); shards come from `guarantor study --shard I/N --format json`")
            }
            guard let shard = result.meta.shard, result.accumulator != nil else {
                throw CLIError("\(file): has no shard statistics; run `guarantor study --shard I/N --format json`")
            }
            guard result.meta.version == GuarantorVersion.string else {
                throw CLIError("\(file): was made by Guarantor \(result.meta.version), this is \(GuarantorVersion.string): versions may differ in their numbers, so rerun the shards with one version")
            }
            guard result.meta.scenarioSHA256 == plan.contentHash else {
                throw CLIError("\(file): was run on a different scenario (sha256 \(result.meta.scenarioSHA256.prefix(12)), this one is \(plan.contentHash.prefix(12)))")
            }
            guard shard.count >= 1, shard.index >= 0, shard.index < shard.count, shard.totalRuns >= 1,
                  shard.firstRun >= 0, shard.firstRun <= shard.endRun, shard.endRun <= shard.totalRuns,
                  result.meta.runs == shard.endRun - shard.firstRun else {
                throw CLIError("\(file): its shard numbers do not hold together (shard \(shard.index)/\(shard.count), runs \(shard.firstRun) to \(shard.endRun) of \(shard.totalRuns), \(result.meta.runs) runs): is the file damaged?")
            }
            guard let acc = StudyRunner.accumulator(from: result, plan: plan), acc.runs == result.meta.runs else {
                throw CLIError("\(file): its statistics are damaged (they do not fit the scenario, or count other runs than the shard's \(result.meta.runs))")
            }
            if let seed, seed != result.meta.seed { throw CLIError("\(file): seed \(result.meta.seed) differs from the other shards' \(seed)") }
            if let total, total != shard.totalRuns { throw CLIError("\(file): belongs to a study of \(shard.totalRuns) runs, not \(total)") }
            let range = shard.firstRun..<shard.endRun
            if covered.contains(where: { $0.overlaps(range) }) { throw CLIError("\(file): runs [\(range.lowerBound), \(range.upperBound)) were already merged (the same shard twice?)") }
            covered.append(range)
            seed = result.meta.seed; total = shard.totalRuns
            if merged == nil { merged = acc } else { merged?.merge(acc) }
        }
        guard let acc = merged, let seed, let total else { throw CLIError("no shards given") }
        let runsCovered = covered.reduce(Int64(0)) { $0 + Int64($1.count) }
        if runsCovered != total {
            let missing = Self.gaps(covered, total: total).map { "[\($0.lowerBound), \($0.upperBound))" }.joined(separator: ", ")
            guard allowPartial else {
                throw CLIError("the shards cover \(runsCovered) of \(total) runs (missing: \(missing)); merge every shard, or pass --allow-partial for a result on the runs covered")
            }
            Terminal.error("warning: the shards cover \(runsCovered) of \(total) runs (missing: \(missing)); the result is for those runs only")
        }
        var result = StudyResult.summarise(plan: plan, accumulator: acc, seed: seed)
        AggressorDecision.annotate(&result, plan: plan, accumulator: acc, seed: seed)
        try CLI.write(result, format: format, output: output, report: report)
    }

    /// The runs of 0..<total that no range covers (the ranges do not overlap).
    static func gaps(_ ranges: [Range<Int64>], total: Int64) -> [Range<Int64>] {
        var out: [Range<Int64>] = [], next: Int64 = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if r.lowerBound > next { out.append(next..<r.lowerBound) }
            next = max(next, r.upperBound)
        }
        if next < total { out.append(next..<total) }
        return out
    }
}
