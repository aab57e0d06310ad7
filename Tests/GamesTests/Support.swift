import Foundation
import Games

/// Locations and helpers shared by the Games tests.
enum Fixtures {
    /// The package root: the directory holding Package.swift, found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    static let referenceGames = packageRoot.appendingPathComponent("../shared/reference/games").standardized
    static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: referenceGames.appendingPathComponent("README.md").path) }

    static func referenceFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: referenceGames.path)) ?? []
        return names.filter { $0.hasSuffix(".efg") || $0.hasSuffix(".nfg") }.sorted().map { referenceGames.appendingPathComponent($0) }
    }

    static func read(_ url: URL) throws -> AnyGame {
        try AnyGame.read(String(contentsOf: url, encoding: .utf8))
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-games-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// A canonical text for a set of profiles, so results from Guarantor and pygambit compare exactly.
enum Canonical {
    static func profile(_ e: Equilibrium.Profile) -> String {
        switch e {
        case .strategic(let m): return m.probabilities.map { $0.map(\.description).joined(separator: ",") }.joined(separator: "|")
        case .behaviour(let b): return b.probabilities.map { $0.map { $0.map(\.description).joined(separator: ",") }.joined(separator: ";") }.joined(separator: "|")
        }
    }

    /// The same text from pygambit's JSON (nested arrays of rational strings).
    static func json(_ value: Any) -> String {
        guard let players = value as? [Any] else { return "?" }
        return players.map { p -> String in
            guard let list = p as? [Any] else { return "?" }
            if let strings = list as? [String] { return strings.joined(separator: ",") }
            return list.map { ($0 as? [String])?.joined(separator: ",") ?? "?" }.joined(separator: ";")
        }.joined(separator: "|")
    }
}

/// pygambit, run through GUARANTOR_PYTHON (default python3) with a helper script written to a temporary folder.
enum Gambit {
    static let python = ProcessInfo.processInfo.environment["GUARANTOR_PYTHON"] ?? "python3"

    static let available: Bool = {
        (try? run(["-c", "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(\"pygambit\") else 3)"]).status) == 0
    }()

    static let script = #"""
    import json, sys
    try:
        import pygambit as gbt
    except ImportError:
        sys.exit(3)
    def q(x):
        return repr(float(x)) if isinstance(x, float) else str(gbt.Rational(x))
    def solve(method, path):
        game = gbt.read_efg(path) if path.endswith(".efg") else gbt.read_nfg(path)
        if method == "strategies":
            return [[s.label for s in p.strategies] for p in game.players]
        res = {"enumpure": lambda: gbt.nash.enumpure_solve(game),
               "enummixed": lambda: gbt.nash.enummixed_solve(game, rational=True),
               "lcp": lambda: gbt.nash.lcp_solve(game, rational=True),
               "logit": lambda: gbt.nash.logit_solve(game)}[method]()
        out = []
        for eq in res.equilibria:
            if isinstance(eq, (gbt.MixedBehaviorProfileRational, gbt.MixedBehaviorProfileDouble)):
                out.append([[[q(eq[a]) for a in i.actions] for i in p.infosets] for p in game.players])
            else:
                out.append([[q(eq[s]) for s in p.strategies] for p in game.players])
        return out
    for line in sys.stdin:
        method, path = line.rstrip("\n").split(" ", 1)
        try:
            print(json.dumps({"key": line.rstrip("\n"), "result": solve(method, path)}))
        except Exception as e:
            print(json.dumps({"key": line.rstrip("\n"), "error": str(e)}))
    """#

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], input: String = "") throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python] + arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// pygambit's results for many (method, file) requests in one interpreter run, keyed by "METHOD PATH".
    static func solve(_ requests: [(method: String, file: URL)]) throws -> [String: Result<Any, GameError>] {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scriptURL = dir.appendingPathComponent("gambit_solve.py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let input = requests.map { "\($0.method) \($0.file.path)\n" }.joined()
        let output = try run([scriptURL.path], input: input)
        var results: [String: Result<Any, GameError>] = [:]
        for line in output.stdout.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let key = object["key"] as? String else { continue }
            if let error = object["error"] as? String {
                results[key] = .failure(GameError(error))
            } else if let value = object["result"] {
                results[key] = .success(value)
            }
        }
        return results
    }

    static func key(_ method: String, _ file: URL) -> String { "\(method) \(file.path)" }
}
