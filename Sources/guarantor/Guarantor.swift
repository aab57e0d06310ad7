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

extension Guarantor {
    /// As ArgumentParser's `main`, except that the tool's own errors are
    /// printed as compilers print them: `FILE:LINE:COL: error: MESSAGE` when
    /// the message starts with a place, `error: MESSAGE` otherwise (not
    /// ArgumentParser's "Error: "), with exit status 1.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            fail(error.description)
        } catch let error as EvidenceCommandError {
            fail(error.description)
        } catch {
            exit(withError: error)
        }
    }

    static func fail(_ message: String) -> Never {
        Terminal.error(located(message))
        exit(withError: ExitCode(1))
    }

    /// "a.efg:4:1: expected ..." -> "a.efg:4:1: error: expected ..."; a message that already says
    /// "error:" after its place is kept; one without a place gets "error: " in front.
    static func located(_ message: String) -> String {
        let parts = message.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        if parts.count == 4, !parts[0].isEmpty, Int(parts[1]) != nil, Int(parts[2]) != nil, parts[3].hasPrefix(" ") {
            let rest = parts[3].dropFirst()
            if rest.hasPrefix("error:") { return message }
            return "\(parts[0]):\(parts[1]):\(parts[2]): error: \(rest)"
        }
        return "error: " + message
    }
}
