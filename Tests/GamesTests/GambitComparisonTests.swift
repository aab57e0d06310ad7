import Foundation
import Games
import GuarantorModel
import Testing

/// Every game the comparison uses, and pygambit's answers for all of them from one interpreter run.
struct GambitBatch: @unchecked Sendable {
    var reference: [URL: AnyGame] = [:]
    var randomStrategic: [URL: AnyGame] = [:]
    var randomTrees: [URL: AnyGame] = [:]
    /// Deterrence games built by `DeterrenceGameSpec`, written as .efg: Gambit must read them and agree.
    var built: [URL: AnyGame] = [:]
    /// The reference games as Guarantor writes them (both .nfg versions and .efg): Gambit must agree on them too.
    var rewritten: [URL: AnyGame] = [:]
    var results: [String: Result<Any, GameError>] = [:]
    var failure: String?

    static let logitGames = ["generic_deterrence_credible.efg", "generic_deterrence_incredible.efg",
                             "rudimentary_asym_deterrence_pB_low.efg", "rudimentary_asym_deterrence_pB_high.efg"]
    static let methods: [SolverMethod] = [.enumpure, .enummixed, .lcp]

    static let shared: GambitBatch = {
        var batch = GambitBatch()
        do { try batch.load() } catch { batch.failure = "\(error)" }
        return batch
    }()

    mutating func load() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        if Fixtures.referenceAvailable {
            for f in Fixtures.referenceFiles() { reference[f] = try Fixtures.read(f) }
        }
        var rng = SplitMix64(seed: 20_261_127)
        for rows in 2...6 {
            for columns in Set([rows, max(2, rows - 1), min(6, rows + 1)]).sorted() {
                let g = try RandomGames.strategic(rows: rows, columns: columns, rng: &rng)
                let url = dir.appendingPathComponent("random_\(rows)x\(columns).nfg")
                try NFGFormat.write(g).write(to: url, atomically: true, encoding: .utf8)
                randomStrategic[url] = try Fixtures.read(url)
            }
        }
        for k in 0..<8 {
            // Degenerate: payoffs 0, 1 or 2, so best responses tie and Gambit's tie-breaking matters.
            let g = try RandomGames.strategic(rows: 2 + k % 4, columns: 2 + (k * 3) % 4, payoffs: 0...2, rng: &rng)
            let url = dir.appendingPathComponent("degenerate_\(k).nfg")
            try NFGFormat.write(g).write(to: url, atomically: true, encoding: .utf8)
            randomStrategic[url] = try Fixtures.read(url)
        }
        var seed: UInt64 = 0
        while randomTrees.count < 16 && seed < 200 {
            seed += 1
            let t = try RandomGames.tree(seed: seed, maxDepth: 3)
            // Keep the reduced normal forms small, so that exact enumeration stays fast on both sides.
            guard let reduced = try? GameSolver.convertToStrategic(.extensive(t)), reduced.strategyCounts.allSatisfy({ $0 <= 10 }) else { continue }
            let url = dir.appendingPathComponent("tree_\(seed).efg")
            try EFGFormat.write(t).write(to: url, atomically: true, encoding: .utf8)
            randomTrees[url] = try Fixtures.read(url)
        }
        for (url, game) in reference {
            let out = dir.appendingPathComponent("rewritten_" + url.lastPathComponent)
            switch game {
            case .strategic(let g): try NFGFormat.write(g).write(to: out, atomically: true, encoding: .utf8)
            case .extensive(let t): try EFGFormat.write(t).write(to: out, atomically: true, encoding: .utf8)
            }
            rewritten[out] = try Fixtures.read(out)
        }
        let third = Rational(1) / Rational(3)
        let specs: [(String, DeterrenceGameSpec)] = [
            ("built_rudimentary.efg", .rudimentary(pHard: Rational(2) / Rational(5), aSQ: 2, aDC: 3, aDD: 0, bSQ: 3, bDC: 1, bDDHard: 2, bDDSoft: 0)),
            ("built_two_guarantors.efg", DeterrenceGameSpec(
                title: "two guarantors", challenger: "Aggressor", challengerStatusQuo: 0,
                attacks: [.init(label: "Attack", challengerPayoff: [3, 1, 1, -2])],
                guarantors: [.init(name: "G1", resolve: third, statusQuo: 3, respondIfResolute: [2], respondIfIrresolute: [0], abandon: [1]),
                             .init(name: "G2", resolve: 2 * third, statusQuo: 3, respondIfResolute: [2], respondIfIrresolute: [0], abandon: [1])])),
        ]
        for (name, spec) in specs {
            let url = dir.appendingPathComponent(name)
            try EFGFormat.write(try spec.extensiveForm()).write(to: url, atomically: true, encoding: .utf8)
            built[url] = try Fixtures.read(url)
        }
        var requests: [(method: String, file: URL)] = []
        for (url, game) in reference.merging(randomStrategic, uniquingKeysWith: { a, _ in a }).merging(randomTrees, uniquingKeysWith: { a, _ in a }).merging(built, uniquingKeysWith: { a, _ in a }).merging(rewritten, uniquingKeysWith: { a, _ in a }) {
            for m in GambitBatch.methods where m == .enumpure || game.playerLabels.count == 2 { requests.append((m.rawValue, url)) }
            if url.pathExtension == "efg" && reference[url] != nil { requests.append(("strategies", url)) }
            if GambitBatch.logitGames.contains(url.lastPathComponent) { requests.append(("logit", url)) }
        }
        results = try Gambit.solve(requests.sorted { ($0.method, $0.file.path) < ($1.method, $1.file.path) })
    }

    /// Compares the sets of equilibria of every game for one method.
    func compare(_ method: SolverMethod, games: [URL: AnyGame]) {
        for (url, game) in games.sorted(by: { $0.key.path < $1.key.path }) where method == .enumpure || game.playerLabels.count == 2 {
            let mine = Result { try GameSolver.solve(game, method: method) }
            switch (mine, results[Gambit.key(method.rawValue, url)]) {
            case (.success(let r), .success(let value)?):
                let theirs = Set(((value as? [Any]) ?? []).map(Canonical.json))
                let ours = Set(r.equilibria.map { Canonical.profile($0.profile) })
                #expect(ours == theirs, "\(method) \(url.lastPathComponent)")
            case (.success, let other):
                Issue.record("\(method) \(url.lastPathComponent): Gambit gave \(String(describing: other))")
            case (.failure(let e), _):
                Issue.record("\(method) \(url.lastPathComponent): Guarantor failed with \(e)")
            }
        }
    }
}

/// The same equilibria as pygambit, exactly, on the reference games and on seeded random games.
@Suite(.enabled(if: Gambit.available, "pygambit is not importable by GUARANTOR_PYTHON (or python3): comparison with Gambit skipped"))
struct GambitComparisonTests {
    let batch = GambitBatch.shared

    @Test func batchRan() {
        #expect(batch.failure == nil, "\(batch.failure ?? "")")
        #expect(batch.randomStrategic.count == 21)
        #expect(batch.randomTrees.count == 16)
    }

    @Test(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent"))
    func referenceGames() {
        #expect(batch.reference.count >= 15)
        for method in GambitBatch.methods { batch.compare(method, games: batch.reference) }
    }

    @Test func randomStrategicGames() {
        for method in GambitBatch.methods { batch.compare(method, games: batch.randomStrategic) }
    }

    @Test func randomTreesWithChanceAndInformationSets() {
        for method in GambitBatch.methods { batch.compare(method, games: batch.randomTrees) }
    }

    @Test(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent"))
    func referenceGamesAsGuarantorWritesThem() {
        #expect(batch.rewritten.count == batch.reference.count)
        for method in GambitBatch.methods { batch.compare(method, games: batch.rewritten) }
    }

    @Test func builtDeterrenceGames() {
        #expect(batch.built.count == 2)
        for method in GambitBatch.methods { batch.compare(method, games: batch.built) }
    }

    @Test(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent"))
    func reducedStrategiesInGambitOrder() throws {
        for (url, game) in batch.reference where url.pathExtension == "efg" {
            let ours = try GameSolver.convertToStrategic(game).players.map(\.strategies)
            guard case .success(let value)? = batch.results[Gambit.key("strategies", url)], let theirs = value as? [[String]] else {
                Issue.record("no strategies from Gambit for \(url.lastPathComponent)")
                continue
            }
            #expect(ours == theirs, "\(url.lastPathComponent)")
        }
    }

    @Test(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent"))
    func speAgreesWithGambitsLogitLimitOnDeterrenceGames() throws {
        // Away from the threshold the logit quantal-response limit selects the sequential equilibrium.
        for name in GambitBatch.logitGames {
            let url = Fixtures.referenceGames.appendingPathComponent(name)
            let spe = try GameSolver.solve(Fixtures.read(url), method: .spe)
            #expect(spe.equilibria.count == 1)
            guard case .success(let value)? = batch.results[Gambit.key("logit", url)], let first = (value as? [Any])?.first as? [[[String]]],
                  case .behaviour(let b)? = spe.equilibria.first?.profile else {
                Issue.record("no logit result for \(name)")
                continue
            }
            for (p, player) in first.enumerated() {
                for (k, infoset) in player.enumerated() {
                    for (a, text) in infoset.enumerated() {
                        #expect(abs((Double(text) ?? .nan) - b.probabilities[p][k][a].doubleValue) < 1e-3, "\(name) player \(p + 1) infoset \(k + 1)")
                    }
                }
            }
        }
    }
}
