import ArgumentParser
import CrisisEngine
import Foundation
import Games
import GuarantorModel

struct GameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "game",
        abstract: "Solve games and convert Gambit files (.nfg, .efg).",
        subcommands: [GameSolveCommand.self, GameConvertCommand.self, GameDeterrenceCommand.self]
    )
}

/// Reads a game file with a size limit (regular files only, so a device or pipe cannot hang the
/// command), and reports parse errors as FILE:LINE:COLUMN.
func readGameFile(_ path: String) throws -> AnyGame {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
        throw CLIError("\(path): no such file")
    }
    guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
        throw CLIError("\(path): not a regular file")
    }
    if let size = attributes[.size] as? Int, size > GameLimits.maxFileBytes {
        throw CLIError("\(path): the file is \(size) bytes; game files may be at most \(GameLimits.maxFileBytes) bytes")
    }
    Terminal.inputsRead.note(path)
    guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("\(path): cannot open the file") }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: GameLimits.maxFileBytes + 1)) ?? Data()
    guard data.count <= GameLimits.maxFileBytes else {
        throw CLIError("\(path): game files may be at most \(GameLimits.maxFileBytes) bytes")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw CLIError("\(path): the file is not UTF-8 text")
    }
    do {
        return try AnyGame.read(text)
    } catch let e as GameFileError {
        throw CLIError("\(path):\(e.line):\(e.column): \(e.message)")
    } catch let e as GameError {
        throw CLIError("\(path): \(e.message)")
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
            throw CLIError("unknown method '\(method)'; use one of: \(SolverMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard format == "text" || format == "json" else { throw CLIError("unknown format '\(format)'; use text or json") }
        let game = try readGameFile(file)
        let result: SolveResult
        do {
            result = try GameSolver.solve(game, method: m)
        } catch let e as GameError {
            throw CLIError("\(file): \(e.message)")
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
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?

    func run() async throws {
        try Terminal.checkOutput(output, inputs: [file])
        let game = try readGameFile(file)
        let text: String
        do {
            switch to {
            case "nfg": text = NFGFormat.write(try GameSolver.convertToStrategic(game))
            case "efg": text = EFGFormat.write(try GameSolver.convertToExtensive(game))
            default: throw CLIError("unknown target '\(to)'; use nfg or efg")
            }
        } catch let e as GameError {
            throw CLIError("\(file): \(e.message)")
        }
        if let output {
            do {
                try Terminal.writeFile(text, to: output)
            } catch {
                throw CLIError("\(output): cannot write (\(error.localizedDescription))")
            }
        } else {
            print(text, terminator: "")
        }
    }
}

struct GameDeterrenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deterrence",
        abstract: "Build the challenger-guarantor deterrence game of a scenario, solve it, and compare with the Monte Carlo study.",
        discussion: """
        Runs the scenario's study, then builds the game of docs/games.md: Nature draws each guarantor's \
        resolve with the honour probability the aggressor perceives, the aggressor keeps the status quo \
        or chooses one of the scenario's attacks, and each guarantor responds or abandons. Study figures \
        (doubles) become exact rationals rounded to 1e-6. Writes the game as a Gambit .efg file.
        """
    )

    @Argument(help: "A scenario file (YAML or JSON).") var scenario: String
    @Option(name: .shortAndLong, help: "Where to write the game (.efg).") var output: String
    @Option(parsing: .unconditional, help: "Monte Carlo runs (default: the scenario's `runs`).") var runs: Int64?
    @Option(parsing: .unconditional, help: "Random seed (default: the scenario's `seed`).") var seed: UInt64?
    @Option(parsing: .unconditional, help: "Guarantors modelled individually (those the aggressor finds most resolute), 1 to \(DeterrenceGameSpec.maxGuarantors).")
    var guarantors: Int = DeterrenceStudyMapping.defaultGuarantors
    @Flag(help: "No progress bar.") var quiet = false

    func validate() throws {
        try CLI.checkSeed(seed)
        if let runs, !(2...1_000_000_000).contains(runs) { throw ValidationError("--runs must be between 2 and 1,000,000,000 (a standard error needs at least two runs)") }
        guard (1...DeterrenceGameSpec.maxGuarantors).contains(guarantors) else {
            throw ValidationError("--guarantors must be between 1 and \(DeterrenceGameSpec.maxGuarantors)")
        }
    }

    func run() async throws {
        try Terminal.checkOutput(output, inputs: [scenario])
        let loaded = try CLI.loadScenario(scenario)
        // Again now that the bases the scenario extends are read: before the work, not at the write.
        try Terminal.checkOutput(output)
        let study = try await CLI.study(scenario: loaded, runs: runs, seed: seed, threads: nil, shard: nil,
                                        sensitivity: false, sensitivityRuns: 1_000, quiet: quiet)
        let mapping: DeterrenceStudyMapping
        let predictions: [DeterrenceGameSpec.Prediction]
        let tree: ExtensiveFormGame
        do {
            mapping = try DeterrenceStudyMapping(study: study, guarantors: guarantors)
            tree = try mapping.spec.extensiveForm()
            predictions = try mapping.spec.predictions()
        } catch let e as GameError {
            throw CLIError("\(scenario): \(e.message)")
        }
        do {
            try Terminal.writeFile(EFGFormat.write(tree), to: output)
        } catch {
            throw CLIError("\(output): cannot write (\(error.localizedDescription))")
        }
        print(mapping.report(predictions: predictions, study: study, output: output, nodes: tree.nodes.count), terminator: "")
    }
}

/// The study's figures as the Games target takes them, and the report beside the Monte Carlo result.
struct DeterrenceStudyMapping {
    static let defaultGuarantors = DeterrenceStudyFigures.defaultModelledGuarantors

    let spec: DeterrenceGameSpec
    let modelled: [String]
    let omitted: [String]
    let attackIDs: [String]
    let expectedUtility: [Rational]

    init(study: StudyResult, guarantors count: Int) throws {
        guard study.attacks.allSatisfy({ $0.expectedUtility != nil }) else {
            throw GameError("the study has no expected utilities for its attacks")
        }
        let figures = DeterrenceStudyFigures(
            scenario: study.meta.scenario, statusQuoUtility: study.deterrence?.statusQuoUtility ?? 0,
            guarantors: study.guarantors.map { .init(id: $0.id, perceivedHonour: $0.perceivedHonourProbability.mean) },
            attacks: study.attacks.map { .init(id: $0.type, expectedUtility: $0.expectedUtility?.mean ?? 0) })
        let game = try figures.deterrenceGame(modelled: count)
        spec = game.spec
        modelled = game.modelled
        omitted = game.omitted
        attackIDs = study.attacks.map(\.type)
        expectedUtility = game.expectedUtility
    }

    func report(predictions: [DeterrenceGameSpec.Prediction], study: StudyResult, output: String, nodes: Int) -> String {
        var s = "Deterrence game of \(study.meta.scenario) (seed \(study.meta.seed), \(study.meta.runs) runs)\n"
        s += "Wrote \(output): \(nodes) nodes; aggressor, guarantors \(modelled.joined(separator: ", "))"
        s += omitted.isEmpty ? "\n" : " (not players of their own: \(omitted.joined(separator: ", ")); their commitments still count in the aggressor's expected payoffs, which come from the study of every guarantor; --guarantors makes more of them players)\n"
        s += "Perceived resolve: " + zip(modelled, spec.guarantors).map { "\($0)=\($1.resolve)" }.joined(separator: "  ") + "\n"
        s += "Aggressor's expected utility (study mean type; exact in the file): status_quo=\(Format.compact(spec.challengerStatusQuo.doubleValue))  "
        s += zip(attackIDs, expectedUtility).map { "\($0)=\(Format.compact($1.doubleValue))" }.joined(separator: "  ") + "\n\n"
        let choices = Array(Set(predictions.map(\.challengerChoice))).sorted()
        let gameDeterred = predictions.allSatisfy(\.deterred)
        s += "Equilibrium prediction (sequential equilibria, spe): \(choices.joined(separator: " or "))"
        s += gameDeterred ? " -- deterred\n" : (predictions.contains(where: \.deterred) ? " -- indifferent between deterrence and attack\n" : " -- not deterred\n")
        if let p = predictions.first, !p.deterred {
            s += "  guarantors respond when resolute and abandon when irresolute: "
            s += modelled.indices.map { "\(modelled[$0]) \(p.respondsIfResolute[$0] == true ? "responds" : "abandons")/\(p.respondsIfIrresolute[$0] == true ? "responds" : "abandons")" }.joined(separator: ", ") + "\n"
        }
        guard let d = study.deterrence else {
            s += "Monte Carlo: the study reports no deterrence figures.\n"
            return s
        }
        let mcDeterred = d.bestResponse == "status_quo"
        s += String(format: "Monte Carlo prediction: most common best response %@, P(deterred) = %.3f ± %.3f over %d aggressor types\n",
                    d.bestResponse, d.pDeterred.mean, d.pDeterred.se, d.aggressorTypes)
        if gameDeterred == mcDeterred && (gameDeterred || choices == [d.bestResponse]) {
            s += "They agree"
            let share = gameDeterred ? 1 - d.pDeterred.mean : d.pDeterred.mean
            if share >= 0.05 {
                s += String(format: " on the most common choice, but %.0f%% of the study's aggressor types choose otherwise: the game has one aggressor, with the mean valuations.\n", share * 100)
            } else {
                s += ".\n"
            }
        } else {
            s += disagreement(choices: choices, gameDeterred: gameDeterred, study: study, deterrence: d)
        }
        return s
    }

    /// Why the one-aggressor game and the many-type study predict differently.
    func disagreement(choices: [String], gameDeterred: Bool, study: StudyResult, deterrence d: StudyResult.DeterrenceFigures) -> String {
        let value = Dictionary(zip(attackIDs, expectedUtility.map(\.doubleValue)), uniquingKeysWith: { a, _ in a })
        let share = Dictionary(study.attacks.map { ($0.type, $0.pBestResponse ?? 0) }, uniquingKeysWith: { a, _ in a })
        var s = "They disagree. The game has one aggressor, with the mean valuations; the study draws \(d.aggressorTypes) aggressor types. "
        if gameDeterred {
            let best = attackIDs.max { (value[$0] ?? 0) < (value[$1] ?? 0) } ?? ""
            s += String(format: "For the mean aggressor every attack is worth less than the status quo (best: %@ at %.4g), yet %.0f%% of the types choose %@: types with large losses from attacking pull the mean down.",
                        best, value[best] ?? 0, (share[d.bestResponse] ?? 0) * 100, d.bestResponse)
        } else if d.bestResponse == "status_quo" {
            let a = choices.first { $0 != spec.statusQuoLabel } ?? ""
            s += String(format: "For the mean aggressor %@ is worth %.4g, more than the status quo (%.4g), yet %.0f%% of the types keep the status quo and only %.0f%% choose %@: a minority with large gains pulls the mean up (skewed utilities).",
                        a, value[a] ?? 0, spec.challengerStatusQuo.doubleValue, d.pDeterred.mean * 100, (share[a] ?? 0) * 100, a)
        } else {
            s += "The mean aggressor prefers \(choices.joined(separator: " or ")), the most common type \(d.bestResponse): the attacks' utilities are spread differently across types."
        }
        if choices.count > 1 { s += " The game's aggressor is indifferent here, so both choices are equilibria." }
        return s + "\n"
    }
}
