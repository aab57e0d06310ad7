import Foundation
import Games
import GuarantorModel
import Testing

@Suite(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent: reference round-trip tests skipped"))
struct ReferenceFormatTests {
    @Test func everyReferenceFileRoundTrips() throws {
        let files = Fixtures.referenceFiles()
        #expect(files.count >= 15)
        for url in files {
            let game = try Fixtures.read(url)
            switch game {
            case .strategic(let g):
                #expect(try NFGFormat.read(NFGFormat.write(g)) == g, "\(url.lastPathComponent)")
            case .extensive(let t):
                #expect(try EFGFormat.read(EFGFormat.write(t)) == t, "\(url.lastPathComponent)")
                #expect(t.hasPerfectRecall)
            }
        }
    }

    @Test func readsOutcomesOnInnerNodesAndSharedOutcomes() throws {
        guard case .extensive(let t) = try Fixtures.read(Fixtures.referenceGames.appendingPathComponent("doc_poker.efg")) else {
            Issue.record("doc_poker.efg is not extensive")
            return
        }
        #expect(t.playerLabels == ["Alice", "Bob"])
        #expect(t.outcomes.count == 4)
        #expect(t.chanceInfosets[0].probabilities.map(\.description) == ["1/2", "1/2"])
        #expect(t.infosets[0].count == 2 && t.infosets[1].count == 1 && t.infosets[1][0].members.count == 2)
    }

    @Test func reducedNormalFormUsesGambitLabels() throws {
        let t = try Fixtures.read(Fixtures.referenceGames.appendingPathComponent("books_myerson1991_fig4_2.efg"))
        let g = try GameSolver.convertToStrategic(t)
        #expect(g.players[0].strategies == ["11", "12", "2*"])
        #expect(g.players[1].strategies == ["1", "2"])
    }
}

@Suite struct HostileInputTests {
    func error(_ text: String) -> GameFileError? {
        do {
            _ = try AnyGame.read(text)
            return nil
        } catch let e as GameFileError {
            return e
        } catch {
            return GameFileError(line: 0, column: 0, message: "\(error)")
        }
    }

    @Test func locatesSyntaxErrors() {
        let e = error("NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n\n1 2 3 4 5 6 7 x\n")
        #expect(e?.line == 3 && e?.column == 15)
        #expect(error("EFG 2 R \"x\" { \"a\" }\n\"\"\np \"\" 1 1 \"\" { \"L\" \"R\" } 0\nt \"\" 1 \"\" { 1 }\n")?.line == 5)
        #expect(error("EFG 2 R \"never closed { }")?.message.contains("never closed") == true)
        #expect(error("XYZ")?.line == 1)
        #expect(error("NFG 1 R \"x\" { \"a\" } { 2 }\n\n1 2 3\n")?.line == 3)
    }

    @Test func refusesBadCountsAndReferences() {
        #expect(error("NFG 1 R \"x\" { \"a\" \"b\" \"c\" } { 1000 1000 1000 }\n1\n")?.message.contains("cells") == true)
        #expect(error("NFG 1 R \"x\" { \"a\" } { -1 }\n1\n") != nil)
        #expect(error("NFG 1 R \"x\" { \"a\" } { 99999999999999999999 }\n1\n") != nil)
        #expect(error("EFG 2 R \"x\" { \"a\" }\n\"\"\np \"\" 1 7 0\n")?.message.contains("before its actions") == true)
        #expect(error("EFG 2 R \"x\" { \"a\" }\n\"\"\np \"\" 2 1 \"\" { \"L\" } 0\nt \"\" 0\n")?.message.contains("player number") == true)
        #expect(error("EFG 2 R \"x\" { \"a\" }\n\"\"\nc \"\" 1 \"\" { \"L\" 1/2 \"R\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n")?.message.contains("sum") == true)
        #expect(error("EFG 2 R \"x\" { \"a\" }\n\"\"\nt \"\" 3\n")?.message.contains("outcome 3") == true)
        #expect(error("EFG 2 R \"x\" { \"a\" }\n\"\"\np \"\" 1 1 \"\" { } 0\n") != nil)
    }

    @Test func refusesDeepAndHugeTrees() {
        var deep = "EFG 2 R \"deep\" { \"a\" }\n\"\"\n"
        for _ in 0..<5000 { deep += "p \"\" 1 1 \"\" { \"x\" } 0\n" }
        #expect(error(deep)?.message.contains("deeper") == true)
        var wide = "EFG 2 R \"wide\" { \"a\" }\n\"\"\np \"\" 1 1 \"\" { " + String(repeating: "\"x\" ", count: 20_000) + "} 0\n"
        wide += String(repeating: "t \"\" 0\n", count: 20_000)
        #expect(error(wide)?.message.contains("actions") == true)
        let huge = "NFG 1 R \"x\" { \"a\" } { 1 }\n\"" + String(repeating: "a", count: GameLimits.maxFileBytes) + "\"\n0\n"
        #expect(error(huge)?.message.contains("larger") == true)
    }

    @Test func refusesImperfectRecallForSolvers() throws {
        // Player 1 forgets its first move: both second-move nodes share one information set.
        let text = """
        EFG 2 R "forgetful" { "1" "2" }
        ""
        p "" 1 1 "" { "L" "R" } 0
        p "" 1 2 "" { "l" "r" } 0
        t "" 1 "" { 1, 0 }
        t "" 2 "" { 0, 1 }
        p "" 1 2 "" { "l" "r" } 0
        t "" 3 "" { 0, 1 }
        t "" 4 "" { 1, 0 }
        """
        let game = try AnyGame.read(text)
        for method in SolverMethod.allCases {
            #expect(throws: GameError.self) { try GameSolver.solve(game, method: method) }
        }
    }

    @Test func solversStopAtTheirLimits() throws {
        // 14 decisions in a row with nothing at stake: 2^14 pure subgame-perfect equilibria.
        var chain = "EFG 2 R \"ties\" { \"a\" \"b\" }\n\"\"\n"
        for k in 1...14 { chain += "p \"\" \(k % 2 + 1) \(k) \"\" { \"stop\" \"go\" } 0\nt \"\" 0\n" }
        chain += "t \"\" 0\n"
        let ties = try AnyGame.read(chain)
        #expect(throws: GameError.self) { try GameSolver.solve(ties, method: .spe) }
        // A sequence form larger than the dense LCP accepts.
        var wide = "EFG 2 R \"wide\" { \"a\" \"b\" }\n\"\"\np \"\" 1 1 \"\" { "
        wide += (1...700).map { "\"x\($0)\"" }.joined(separator: " ") + " } 0\n" + String(repeating: "t \"\" 0\n", count: 700)
        #expect(throws: GameError.self) { try GameSolver.solve(try AnyGame.read(wide), method: .lcp) }
    }
}

@Suite(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent: mutation tests skipped"))
struct MutationTests {
    /// Random single-character edits of every reference file either load (and solve or refuse
    /// with an error) or give a located error; none may crash.
    @Test func mutatedFilesNeverCrash() throws {
        var rng = SplitMix64(seed: 99)
        let alphabet = Array("{}\",0123456789-/.e pct\n")
        var errors = 0, loaded = 0
        for url in Fixtures.referenceFiles() {
            let original = Array(try String(contentsOf: url, encoding: .utf8))
            for _ in 0..<60 {
                var text = original
                let i = Int.random(in: 0..<text.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: text[i] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                case 1: text.remove(at: i)
                default: text.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)], at: i)
                }
                do {
                    let game = try AnyGame.read(String(text))
                    loaded += 1
                    for method in SolverMethod.allCases { _ = try? GameSolver.solve(game, method: method) }
                } catch let e as GameFileError {
                    errors += 1
                    #expect(e.line >= 1 && e.column >= 1 && !e.message.isEmpty)
                }
            }
        }
        #expect(errors > 0 && loaded > 0)
    }
}
