import ArgumentParser
import GuarantorModel
import ScenarioSpec

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report their errors as FILE:LINE:COL: error: MESSAGE.",
        discussion: """
        Exit status 0 when every file is valid, 1 otherwise (errors go to standard error). A file's first \
        \(DiagnosticList.shownByDefault) errors are printed in file order, then a line counting the rest; \
        --all-errors prints every one.
        """
    )

    @Argument(help: "Scenario files (YAML or JSON).")
    var files: [String]

    @Flag(help: "Print nothing for valid files.")
    var quiet = false

    @Flag(help: "Print every error of a file, not only the first \(DiagnosticList.shownByDefault).")
    var allErrors = false

    func run() async throws {
        var failed = false
        for file in files {
            switch ScenarioLoader.load(path: file) {
            case .success(let s):
                if !quiet { print("\(file): ok (\(Self.count(s.guarantors.count, "guarantor")), \(Self.count(s.agreements.count, "agreement")), \(Self.count(s.attacks.count, "attack type")))") }
            case .failure(let list):
                failed = true
                Terminal.error(CLI.scenarioErrors(list, file: file, all: allErrors, fromValidate: true))
                if let hint = CLI.notAScenarioHint(file) { Terminal.error(hint) }
            }
        }
        if failed { throw ExitCode(1) }
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
