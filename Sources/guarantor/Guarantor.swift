import ArgumentParser
import GuarantorModel

@main
struct Guarantor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guarantor",
        abstract: "Design and stress-test security guarantees.",
        discussion: "Start with: guarantor study scenarios/ukraine-proposed-guarantees.yaml --format html --output report.html",
        version: GuarantorVersion.string,
        subcommands: [
            ValidateCommand.self, ShowCommand.self, StudyCommand.self, MergeCommand.self, CompareCommand.self,
            PriorsCommand.self, CalibrateCommand.self, ImportCommand.self, BacktestCommand.self,
            GameCommand.self, NegotiateCommand.self,
        ]
    )
}
