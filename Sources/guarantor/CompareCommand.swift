import ArgumentParser
import CrisisEngine
import Deterrence
import GuarantorModel
import Reports

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare scenario designs side by side, with the same runs and seed for each.",
        discussion: "Example: guarantor compare scenarios/nato-article5.yaml scenarios/ukraine-proposed-guarantees.yaml --format html --output compare.html"
    )

    @Argument(help: "Scenario files.") var files: [String]
    @Option(parsing: .unconditional, help: "Monte Carlo runs per scenario (default: the first scenario's `runs`).") var runs: Int64?
    @Option(parsing: .unconditional, help: "Random seed (default: the first scenario's `seed`).") var seed: UInt64?
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: .shortAndLong, help: "Write the report here instead of standard output.") var output: String?
    @Option(help: "Also write the HTML report to this path.") var report: String?
    @Option(parsing: .unconditional, help: "Runs per sensitivity variant (0: no sensitivity analysis).") var sensitivityRuns: Int64 = 1_000
    @Flag(help: "No progress bar.") var quiet = false

    func validate() throws {
        try CLI.checkSeed(seed)
        if files.count < 2 { throw ValidationError("give at least two scenario files to compare") }
        if files.count > 20 { throw ValidationError("compare at most 20 scenarios at once") }
        if let runs, !(2...1_000_000_000).contains(runs) { throw ValidationError("--runs must be between 2 and 1,000,000,000 (a standard error needs at least two runs)") }
        if sensitivityRuns != 0 && !(100...10_000_000).contains(sensitivityRuns) { throw ValidationError("--sensitivity-runs must be 0 or between 100 and 10,000,000") }
    }

    func run() async throws {
        try Terminal.checkOutput(output, inputs: files)
        try Terminal.checkReport(report, output: output, inputs: files)
        var scenarios: [(String, Scenario)] = []
        var failed = false
        for f in files {
            do { scenarios.append((f, try CLI.loadScenario(f))) } catch { failed = true }
        }
        if failed { throw ExitCode(1) }
        // Again now that the bases the scenarios extend are read: before the work, not at the write.
        try Terminal.checkOutput(output)
        try Terminal.checkReport(report, output: output, inputs: [])
        guard let first = scenarios.first?.1 else { return }
        let runs = runs ?? Int64(first.runs)
        let seed = seed ?? first.seed
        if sensitivityRuns > 0 && !quiet {
            // Most of a compare's time: say what it is for and how to skip it.
            Terminal.error("note: each scenario also gets a sensitivity analysis (\(sensitivityRuns) runs per varied input), "
                           + "most of the time a compare takes; --sensitivity-runs 0 skips it")
        }
        var rows: [ComparisonResult.Row] = []
        let labels = ComparisonResult.labels(names: scenarios.map(\.1.name), sources: scenarios.map(\.0))
        for (i, (file, s)) in scenarios.enumerated() {
            let study = try await CLI.study(scenario: s, runs: runs, seed: seed, threads: threads, shard: nil,
                                            sensitivity: sensitivityRuns > 0, sensitivityRuns: sensitivityRuns, quiet: quiet,
                                            label: "[\(i + 1)/\(scenarios.count)] \(s.name.prefix(30))")
            rows.append(ComparisonResult.Row(scenario: labels[i], file: file, study: study))
        }
        let result = ComparisonResult(runs: runs, seed: seed, version: GuarantorVersion.string, rows: rows,
                                      explanation: ComparisonExplainer.explain(rows))
        let text: String
        switch format {
        case .text: text = TextReport.compare(result)
        case .json: text = JSONReport.render(result)
        case .csv: text = CSVReport.compare(result)
        case .markdown: text = MarkdownReport.compare(result)
        case .html: text = HTMLReport.compare(result)
        }
        try Terminal.emit(text, to: output)
        if let output { Terminal.error("wrote \(output)") }
        if let report {
            try Terminal.emit(HTMLReport.compare(result), to: report)
            Terminal.error("wrote \(report)")
        }
    }
}
