import ArgumentParser
import Evidence
import Foundation
import GuarantorModel
import ScenarioSpec

struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score the model's predictions against historical guarantees whose outcome is known.",
        discussion: """
        Reads every NAME.outcome.yaml in the folder (or one outcome file), studies its scenario, and prints \
        predicted P(deterred) and P(honour) against what happened, with the Brier score.

        Example: guarantor backtest cases/
        """)

    @Argument(help: "A folder of cases (NAME.yaml + NAME.outcome.yaml) or one outcome file.")
    var path: String

    @Option(parsing: .unconditional, help: "Monte Carlo runs per case (default: each scenario's `runs`).")
    var runs: Int64?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: "Output format.")
    var format: EvidenceFormat = .text

    func validate() throws {
        if let runs, !(1...100_000_000).contains(runs) { throw ValidationError("--runs must be between 1 and 100,000,000") }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024") }
    }

    static let suffix = ".outcome.yaml"

    func outcomeFiles() throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw EvidenceCommandError(description: "\(path): no such file or folder")
        }
        if !isDirectory.boolValue { return [path] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(Self.suffix) }.sorted()
        guard !names.isEmpty else {
            throw EvidenceCommandError(description: "\(path): no case files (NAME\(Self.suffix)) in this folder")
        }
        return names.map { (path as NSString).appendingPathComponent($0) }
    }

    func run() async throws {
        let threads = threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        var scored: [Backtest.Scored] = []
        let files = try outcomeFiles()
        for file in files {
            let name = String((file as NSString).lastPathComponent.dropLast(Self.suffix.count))
            let outcome: CaseOutcome
            switch CaseOutcome.parse(try readEvidenceFile(file), file: file, name: name) {
            case .success(let o): outcome = o
            case .failure(let list): throw EvidenceCommandError(description: list.text(file: file))
            }
            let scenarioPath = PathText.resolve(outcome.scenario, relativeTo: file)
            let scenario: Scenario
            switch ScenarioLoader.load(path: scenarioPath) {
            case .success(let s): scenario = s
            case .failure(let list): throw EvidenceCommandError(description: CLI.scenarioErrors(list, file: scenarioPath))
            }
            let problems = outcome.problems(with: scenario, file: file)
            guard problems.isEmpty else { throw EvidenceCommandError(description: problems.joined(separator: "\n")) }
            if format == .text { FileHandle.standardError.write(Data("studying \(name)...\n".utf8)) }
            let prediction = try await Backtest.predict(scenario, outcome: outcome, runs: runs, threads: threads)
            scored += Backtest.score(outcome, prediction)
        }
        let report = Backtest.report(scored, cases: files.count, runsPerCase: runs)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json:
            do { print(try report.json(), terminator: "") } catch { throw EvidenceCommandError(description: error.description) }
        }
    }
}
