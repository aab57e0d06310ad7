import ArgumentParser
import Foundation
import Negotiation
import Reports
import ScenarioSpec

enum NegotiationFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html
}

struct NegotiateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "negotiate",
        abstract: "Forecast a negotiation with Bueno de Mesquita's expected-utility model, as a distribution per issue.",
        discussion: """
        FILE describes the issues (ordered scales of labelled outcomes) and the actors (capability, \
        position and salience per issue, any of them an uncertain number); see docs/negotiation.md. \
        Every uncertain input is drawn in each Monte Carlo run; the report gives the probability of \
        each labelled outcome, and the round-by-round moves with every input at its median.

        Example: guarantor negotiate negotiations/ukraine-settlement.yaml --format html --output talks.html
        """
    )

    @Argument(help: "Negotiation file (YAML or JSON).") var file: String
    @Option(parsing: .unconditional, help: "Most bargaining rounds (default: the file's `model.rounds`, else 10).") var rounds: Int?
    @Option(parsing: .unconditional, help: "Monte Carlo runs (default: the file's `runs`, else 2000).") var runs: Int?
    @Option(parsing: .unconditional, help: "Random seed (default: the file's `seed`, else 1).") var seed: UInt64?
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Output format.") var format: NegotiationFormat = .text
    @Option(name: .shortAndLong, help: "Write the report here instead of standard output.") var output: String?
    @Flag(help: "Print every error of an invalid file, not only the first \(DiagnosticList.shownByDefault).") var allErrors = false

    func validate() throws {
        try CLI.checkSeed(seed)
        if let rounds, !(1...10_000).contains(rounds) { throw ValidationError("--rounds must be between 1 and 10000") }
        if let runs, !(2...NegotiationSpec.maxRuns).contains(runs) {
            throw ValidationError("--runs must be between 2 and \(NegotiationSpec.maxRuns) (a standard error needs at least two runs)")
        }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024") }
    }

    func run() async throws {
        try Terminal.checkOutput(output, inputs: [file])
        let text: String
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            Terminal.error("\(file):1:1: error: `\(file)` is a folder, not a negotiation file")
            throw ExitCode(1)
        }
        do {
            text = try Terminal.readText(file, limit: ParseLimits.standard.maxBytes)
        } catch {
            Terminal.error("\(file):1:1: error: \(error)")
            throw ExitCode(1)
        }
        let spec: NegotiationSpec
        switch NegotiationLoader.parse(text: text, file: file) {
        case .success(let s): spec = s
        case .failure(let list):
            Terminal.error(list.text(limit: allErrors ? nil : DiagnosticList.shownByDefault, file: file,
                                     hint: "`--all-errors` lists every one"))
            if let hint = CLI.notANegotiationHint(file, text: text) { Terminal.error(hint) }
            throw ExitCode(1)
        }
        var options = spec.options
        if let rounds { options.maximumRounds = rounds }
        let forecast: NegotiationForecast
        do {
            forecast = try await NegotiationForecaster.forecast(spec, runs: runs, seed: seed, options: options,
                                                                threads: threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount))
        } catch let error as BargainingInputError {
            Terminal.error("\(file): error: \(error.message)")
            throw ExitCode(1)
        }
        let report: String
        switch format {
        case .text: report = NegotiationText.render(forecast)
        case .json: report = try NegotiationJSON.render(forecast)
        case .markdown: report = NegotiationMarkdown.render(forecast)
        case .html: report = NegotiationHTML.render(forecast)
        }
        try Terminal.emit(report, to: output)
        if let output { Terminal.error("wrote \(output)") }
    }
}
