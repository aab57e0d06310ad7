import ArgumentParser
import Foundation
import Games

struct GameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "game",
        abstract: "Solve games and convert Gambit files (.nfg, .efg).",
        subcommands: [GameSolveCommand.self, GameConvertCommand.self, GameDeterrenceCommand.self]
    )
}

/// Reads a game file with a size limit, and reports parse errors as FILE:LINE:COLUMN.
func readGameFile(_ path: String) throws -> AnyGame {
    let url = URL(fileURLWithPath: path)
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = attributes?[.size] as? Int, size > GameLimits.maxFileBytes {
        throw ValidationError("\(path): the file is \(size) bytes; game files may be at most \(GameLimits.maxFileBytes) bytes")
    }
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        throw ValidationError("\(path): cannot read the file (\(error.localizedDescription))")
    }
    guard data.count <= GameLimits.maxFileBytes else {
        throw ValidationError("\(path): game files may be at most \(GameLimits.maxFileBytes) bytes")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw ValidationError("\(path): the file is not UTF-8 text")
    }
    do {
        return try AnyGame.read(text)
    } catch let e as GameFileError {
        throw ValidationError("\(path):\(e.line):\(e.column): \(e.message)")
    } catch let e as GameError {
        throw ValidationError("\(path): \(e.message)")
    }
}

struct GameSolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Compute equilibria exactly (every number is a rational such as 5/9).",
        discussion: """
        Methods: enumpure (all pure Nash equilibria, n players), enummixed (all extreme \
        equilibria, two players), lcp (Lemke-Howson on strategic games, sequence form with \
        Lemke on extensive games, two players), spe (subgame-perfect / sequential equilibria \
        of extensive games by backward induction).
        """
    )

    @Argument(help: "A Gambit .nfg or .efg file.") var file: String
    @Option(help: "enumpure, enummixed, lcp or spe.") var method: String = "enumpure"
    @Option(help: "text or json.") var format: String = "text"

    func run() async throws {
        guard let m = SolverMethod(rawValue: method) else {
            throw ValidationError("unknown method '\(method)'; use one of: \(SolverMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard format == "text" || format == "json" else { throw ValidationError("unknown format '\(format)'; use text or json") }
        let game = try readGameFile(file)
        let result: SolveResult
        do {
            result = try GameSolver.solve(game, method: m)
        } catch let e as GameError {
            throw ValidationError("\(file): \(e.message)")
        }
        print(format == "json" ? SolveReport.json(result) : SolveReport.text(result), terminator: "")
    }
}

struct GameConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a game: an .efg to its reduced normal form (.nfg), or an .nfg to a tree of simultaneous moves (.efg).",
        discussion: "Writes to standard output unless --output is given."
    )

    @Argument(help: "A Gambit .nfg or .efg file.") var file: String
    @Option(help: "nfg or efg.") var to: String
    @Option(help: "Output file (default: standard output).") var output: String?

    func run() async throws {
        let game = try readGameFile(file)
        let text: String
        do {
            switch to {
            case "nfg": text = NFGFormat.write(try GameSolver.convertToStrategic(game))
            case "efg": text = EFGFormat.write(try GameSolver.convertToExtensive(game))
            default: throw ValidationError("unknown target '\(to)'; use nfg or efg")
            }
        } catch let e as GameError {
            throw ValidationError("\(file): \(e.message)")
        }
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("\(output): cannot write (\(error.localizedDescription))")
            }
        } else {
            print(text, terminator: "")
        }
    }
}

struct GameDeterrenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deterrence",
        abstract: "Build the challenger-guarantor deterrence game of a scenario and solve it."
    )

    @Argument(help: "A scenario file (YAML or JSON).") var scenario: String
    @Option(help: "Where to write the game (.efg).") var output: String

    func run() async throws {
        throw ValidationError("'game deterrence' is not wired to the study yet")
    }
}
