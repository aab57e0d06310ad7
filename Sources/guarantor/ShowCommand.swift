import ArgumentParser
import GuarantorModel
import ScenarioSpec

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Summarise a scenario: guarantors, agreements, commitments, settlement.",
        discussion: "Uncertain numbers are shown as their 5th, 50th and 95th percentiles."
    )

    @Argument(help: "A scenario file.")
    var file: String

    func run() async throws {
        switch ScenarioLoader.load(path: file) {
        case .success(let s): print(ScenarioSummary.text(s))
        case .failure(let list):
            Terminal.error(CLI.scenarioErrors(list, file: file))
            throw ExitCode(1)
        }
    }
}
