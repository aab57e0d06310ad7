import ArgumentParser
import Evidence
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Start a scenario from coded data (ATOP alliances).",
        subcommands: [AtopImportCommand.self])
}

struct AtopImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atop",
        abstract: "Turn one ATOP alliance into a scenario skeleton (YAML with comments).",
        discussion: """
        Members become guarantors, obligations become commitments; conditions, integrated command, bases and \
        duration are carried over with a comment naming the ATOP variable. What ATOP cannot tell (the aggressor, \
        sizes, latencies) gets a commented PLACEHOLDER value that you must replace. The output validates as written.

        Example: guarantor import atop atop-alliance-level.csv --atopid 3180 --member-file atop-member-level.csv
        """)

    @Argument(help: "Path to your copy of the ATOP alliance-level CSV.")
    var path: String

    @Option(parsing: .unconditional, help: "The ATOP alliance id (e.g. 3180 NATO, 3375 US-Japan, 3240 US-Korea).")
    var atopid: Int

    @Option(name: .customLong("member-file"), help: "Path to the ATOP member-level CSV: adds each member's own obligations and conditions.")
    var memberFile: String?

    @Option(parsing: .unconditional, help: "COW code of the protégé (default: the member that receives without giving, else the last member).")
    var protege: Int?

    @Option(name: .shortAndLong, help: "Write the skeleton to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let allianceText = try readEvidenceFile(path)
        let alliance: AtopAlliance
        do { alliance = try Atop.alliance(atopid, csv: allianceText) } catch {
            throw EvidenceCommandError(description: error.located(in: path))
        }
        var members: [AtopMember] = []
        if let memberFile {
            let text = try readEvidenceFile(memberFile)
            do { members = try Atop.members(atopid, csv: text) } catch {
                throw EvidenceCommandError(description: error.located(in: memberFile))
            }
            if members.isEmpty {
                throw EvidenceCommandError(description: "\(memberFile): no member rows for atopid \(atopid)")
            }
        }
        let yaml: String
        do { yaml = try ScenarioSkeleton.yaml(alliance, members: members, options: .init(protege: protege)) } catch {
            throw EvidenceCommandError(description: error.located(in: nil))
        }
        // The promise is a file that validates as written: check before handing it over.
        let problems = ScenarioSkeleton.validate(yaml, file: output ?? "<stdout>")
        guard problems.isEmpty else {
            throw EvidenceCommandError(description: "the generated skeleton does not validate (a bug in the importer; please report it):\n" + problems.joined(separator: "\n"))
        }
        if let output {
            do { try Terminal.writeFile(yaml, to: output) } catch {
                throw EvidenceCommandError(description: "\(output): cannot write the skeleton (\(error.localizedDescription))")
            }
        } else {
            print(yaml, terminator: "")
        }
    }
}
