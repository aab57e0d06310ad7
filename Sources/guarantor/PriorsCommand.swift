import ArgumentParser
import Evidence
import Foundation

/// Output formats of the Evidence commands (named so as not to clash with other commands' types).
enum EvidenceFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// A failure of an Evidence command, printed as `path:line:column: message`.
struct EvidenceCommandError: Error, CustomStringConvertible {
    var description: String
}

/// Reads a user-supplied file as UTF-8 text (Latin-1 as a fallback, for old Stata exports).
func readEvidenceFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw EvidenceCommandError(description: "\(path): cannot read the file (does it exist and is it readable?)")
    }
    if let text = String(data: data, encoding: .utf8) { return text }
    if let text = String(data: data, encoding: .isoLatin1) { return text }
    throw EvidenceCommandError(description: "\(path): the file is not text")
}

struct PriorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priors",
        abstract: "List the named priors for a guarantor's base honour probability.",
        discussion: "Each prior carries its rate, a 90 % interval of Beta(honoured + 1, failed + 1) where counts exist, its sample and its citation. Select one in a scenario with `prior: NAME`.")

    @Option(help: "Output format.")
    var format: EvidenceFormat = .text

    func run() async throws {
        switch format {
        case .text: print(PriorCatalogue.text(), terminator: "")
        case .json:
            do { print(try PriorCatalogue.json(), terminator: "") } catch {
                throw EvidenceCommandError(description: error.description)
            }
        }
    }
}
