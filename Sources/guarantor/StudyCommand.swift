import ArgumentParser
import CrisisEngine
import Deterrence
import Foundation
import GuarantorModel
import Reports
import ScenarioSpec

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, markdown, html
}

struct StudyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Simulate crises for a scenario and report whether the aggressor is deterred, and why.",
        discussion: """
        Same scenario, seed and version give bit-identical results (all but meta.timing, the \
        run time) whatever --threads and --shard.

        Shards: --shard I/N runs the contiguous block of runs [I*RUNS/N, (I+1)*RUNS/N); their JSON \
        results combine exactly with `guarantor merge`.

        On a terminal, a study that takes more than a second shows a progress bar on standard error \
        (--quiet hides it).
        """
    )

    @Argument(help: "Scenario file (YAML or JSON).") var file: String
    // Numeric options take the next word as their value even when it starts
    // with "-" (here and in every command), so `--runs -5` meets the option's
    // own rule ("must be between 2 and ...") instead of "Missing value".
    @Option(parsing: .unconditional, help: "Monte Carlo runs (default: the scenario's `runs`).") var runs: Int64?
    @Option(parsing: .unconditional, help: "Random seed (default: the scenario's `seed`).") var seed: UInt64?
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).") var threads: Int?
    @Option(parsing: .unconditional, help: "Run only shard I of N (e.g. 0/4); writes the raw statistics for `guarantor merge`.") var shard: String?
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: .shortAndLong, help: "Write the report here instead of standard output.") var output: String?
    @Option(help: "Also write the HTML report (self-contained, with charts) to this path.") var report: String?
    @Flag(help: "Rank every uncertain input by its swing of P(deterred) and objective share (a tornado).") var sensitivity = false
    @Option(parsing: .unconditional, help: "Runs per sensitivity variant, 100 to 10,000,000 (default \(SensitivityAnalysis.defaultRunsPerVariant)); needs --sensitivity.")
    var sensitivityRuns: Int64?
    @Flag(help: "No progress bar.") var quiet = false

    func validate() throws {
        try CLI.checkSeed(seed)
        if let runs, !(2...1_000_000_000).contains(runs) {
            throw ValidationError("--runs must be between 2 and 1,000,000,000 (a standard error needs at least two runs)")
        }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024") }
        if shard != nil && sensitivity { throw ValidationError("--sensitivity cannot be combined with --shard; run it on the whole study") }
        if let sensitivityRuns {
            if !sensitivity { throw ValidationError("--sensitivity-runs is for the sensitivity analysis: add --sensitivity") }
            if !(100...10_000_000).contains(sensitivityRuns) { throw ValidationError("--sensitivity-runs must be between 100 and 10,000,000") }
        }
        if shard != nil { _ = try parseShard() }
    }

    func parseShard() throws -> ShardSpec? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), let spec = ShardSpec(index: i, count: n) else {
            throw ValidationError("--shard takes I/N with 0 <= I < N, e.g. --shard 0/4")
        }
        return spec
    }

    func run() async throws {
        try Terminal.checkOutput(output, inputs: [file])
        try Terminal.checkReport(report, output: output, inputs: [file])
        let scenario = try CLI.loadScenario(file)
        // Again now that the bases the scenario extends are read: before the work, not at the write.
        try Terminal.checkOutput(output)
        try Terminal.checkReport(report, output: output, inputs: [])
        let total = runs ?? Int64(scenario.runs)
        if total < 2 { throw CLIError("\(file): `runs: \(total)`: a study needs at least 2 runs (a standard error needs two); pass --runs") }
        if total < Int64(2 * StudyAccumulator.batches) && !quiet {
            Terminal.error("note: \(total) runs are few: the standard errors of P(deterred), the probe risk and the best responses "
                           + "come from the spread of up to \(StudyAccumulator.batches) batches of runs, here of at most one or two runs each, "
                           + "so they are rough; quote figures from 1,000 runs or more")
        }
        if let spec = try parseShard(), Int64(spec.count) > total {
            throw CLIError("--shard \(spec.index)/\(spec.count): \(spec.count) shards of \(total) runs would leave some empty; use at most \(total) shards")
        }
        if shard != nil && format != .json && !quiet {
            Terminal.error("note: `guarantor merge` reads shards in JSON: add `--format json` to write one it can merge")
        }
        let result = try await CLI.study(scenario: scenario, runs: runs, seed: seed, threads: threads, shard: try parseShard(),
                                          sensitivity: sensitivity, sensitivityRuns: sensitivityRuns ?? SensitivityAnalysis.defaultRunsPerVariant,
                                          quiet: quiet)
        try CLI.write(result, format: format, output: output, report: report)
    }
}

/// Wiring shared by the commands: loading, running, progress.
enum CLI {
    /// A study's result in `format` to `output` (standard output if nil) and, with `report`, its
    /// HTML report there too, each file said on standard error (`study` and `merge`).
    static func write(_ result: StudyResult, format: OutputFormat, output: String?, report: String?) throws {
        try Terminal.emit(Render.study(result, format: format), to: output)
        if let output { Terminal.error("wrote \(output)") }
        if let report {
            try Terminal.emit(HTMLReport.study(result), to: report)
            Terminal.error("wrote \(report)")
        }
    }

    /// Seeds run from 0 to 2^63 - 1, as in scenario and negotiation files and the server's API,
    /// so that a seed given here can be written in a file or sent to the server.
    static func checkSeed(_ seed: UInt64?) throws {
        if let seed, seed > UInt64(Int64.max) {
            throw ValidationError("--seed must be between 0 and \(Int64.max), the range scenario files and the server take (got \(seed))")
        }
    }

    static func loadScenario(_ path: String) throws -> Scenario {
        switch ScenarioLoader.load(path: path, files: readingFiles) {
        case .success(let s): return s
        case .failure(let list):
            Terminal.error(scenarioErrors(list, file: path))
            if let hint = notAScenarioHint(path) { Terminal.error(hint) }
            throw ExitCode(1)
        }
    }

    /// Scenario files read from disk, each noted as an input (`Terminal.inputsRead`).
    static let readingFiles: ScenarioLoader.FileSource = { path in
        Terminal.inputsRead.note(path)
        return LocalFiles.read(path)
    }

    /// A scenario's errors as every command but `validate --all-errors` prints them: the first
    /// `DiagnosticList.shownByDefault` in file order, then a line counting the rest and saying
    /// how to list them all.
    static func scenarioErrors(_ list: DiagnosticList, file: String, all: Bool = false, fromValidate: Bool = false) -> String {
        let hint = fromValidate ? "`--all-errors` lists every one" : "`guarantor validate --all-errors \(file)` lists every one"
        return list.text(limit: all ? nil : DiagnosticList.shownByDefault, file: file, hint: hint)
    }

    /// A hint when a file that fails as a scenario is another of the tool's
    /// files (a negotiation or a backtest outcome), judged by its top-level keys.
    static func notAScenarioHint(_ path: String) -> String? {
        guard let text = try? Terminal.readText(path) else { return nil }
        let keys = topLevelKeys(text)
        if keys.contains("issues") && keys.contains("actors") {
            return "\(path): note: this looks like a negotiation file: use `guarantor negotiate \(path)`"
        }
        if keys.contains("scenario") && keys.contains("deterred") {
            return "\(path): note: this looks like a backtest outcome file: use `guarantor backtest` on its folder"
        }
        return nil
    }

    /// The keys of a YAML file's top-level lines (`key:` at the start of a line), for the hints above and below.
    static func topLevelKeys(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap { line -> String? in
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        })
    }

    /// The other way round: a hint when a file that fails as a negotiation is a scenario.
    static func notANegotiationHint(_ path: String, text: String) -> String? {
        let keys = topLevelKeys(text)
        guard !keys.contains("issues"), !keys.isDisjoint(with: ["extends", "guarantors", "agreements", "protege", "attacks"]) else { return nil }
        return "\(path): note: this looks like a scenario file: use `guarantor study \(path)` (or `compare`, `show`, `validate`)"
    }

    static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    static func study(scenario: Scenario, runs: Int64?, seed: UInt64?, threads: Int?, shard: ShardSpec?,
                      sensitivity: Bool, sensitivityRuns: Int64, quiet: Bool, label: String? = nil) async throws -> StudyResult {
        if let warning = VectorPath.environmentWarning { Terminal.error("warning: \(warning)") }
        let bar = quiet ? nil : ProgressBar(label: label ?? "simulating")
        let sbar = quiet || !sensitivity ? nil : ProgressBar(label: "sensitivity")
        defer { bar?.finish(); sbar?.finish() }
        return try await Study.run(scenario: scenario, runs: runs ?? Int64(scenario.runs), seed: seed ?? scenario.seed,
                                   threads: threads ?? cores, shard: shard, sensitivityRuns: sensitivity ? sensitivityRuns : 0,
                                   simulationProgress: bar?.handler, sensitivityProgress: sbar?.handler)
    }
}

/// A progress bar on standard error, shown only on a terminal and only once
/// the work has taken more than a second.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let start = ContinuousClock.now
    let lock = NSLock()
    var shown = false
    var lastDraw = ContinuousClock.now
    let enabled = Terminal.stderrIsTerminal

    init(label: String) { self.label = label }

    var handler: ProgressHandler {
        let bar = self
        return { done, total in bar.update(done, total) }
    }

    func update(_ done: Int64, _ total: Int64) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = ContinuousClock.now
        guard now - start > .seconds(1), now - lastDraw > .milliseconds(100) || done == total else { return }
        lastDraw = now
        shown = true
        Terminal.raw("\r\u{1B}[2K" + Self.line(label: label, done: done, total: total, elapsed: (now - start) / .seconds(1)))
    }

    /// The bar's text: how far, how long so far, and about how long is left
    /// at the pace so far (the runs are alike, so the pace is steady).
    static func line(label: String, done: Int64, total: Int64, elapsed: Double) -> String {
        let fraction = total > 0 ? min(max(Double(done) / Double(total), 0), 1) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        var text = "\(label) [\(bar)] \(Format.fixed(fraction * 100, decimals: 0))% (\(done)/\(total) runs) \(Format.clock(seconds: elapsed, rounding: .down))"
        if done > 0, done < total { text += ", about \(Format.clock(seconds: elapsed * Double(total - done) / Double(done))) left" }
        return text
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { Terminal.raw("\r\u{1B}[2K") }
    }
}

enum Render {
    static func study(_ r: StudyResult, format: OutputFormat) -> String {
        switch format {
        case .text: return TextReport.study(r)
        case .json: return JSONReport.render(r)
        case .csv: return CSVReport.study(r)
        case .markdown: return MarkdownReport.study(r)
        case .html: return HTMLReport.study(r)
        }
    }
}
