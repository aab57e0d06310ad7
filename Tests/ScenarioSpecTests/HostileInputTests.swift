import CrisisEngine
import GuarantorModel
import ScenarioSpec
import Testing

/// Bad input gets a clear error, never a crash or a hang (issue 2, "Bad input").
@Suite struct HostileInputTests {
    func rejects(_ text: String, containing fragment: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        switch ScenarioLoader.parse(text: text, file: "fuzz.yaml", files: memoryFiles([:])) {
        case .success:
            Issue.record("accepted hostile input", sourceLocation: sourceLocation)
        case .failure(let list):
            #expect(!list.diagnostics.isEmpty, sourceLocation: sourceLocation)
            #expect(list.diagnostics.allSatisfy { $0.file == "fuzz.yaml" && $0.line >= 1 && $0.column >= 1 && !$0.message.isEmpty }, sourceLocation: sourceLocation)
            if let fragment {
                #expect(list.diagnostics.contains { $0.message.contains(fragment) }, "\(list)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func emptyAndBlankFiles() {
        rejects("", containing: "empty")
        rejects("   \n\n# only a comment\n", containing: "empty")
        rejects("just a string", containing: "mapping")
        rejects("- a\n- list", containing: "mapping")
    }

    @Test func anUnclosedQuoteIsReportedWhereItOpens() {
        let text = "name: x\nsummary: \"never closed\nstart: 2027-01-01\nhorizon_days: 365\n"
        guard case .failure(let list) = ScenarioLoader.parse(text: text, file: "q.yaml", files: memoryFiles([:])) else {
            Issue.record("accepted an unclosed quote"); return
        }
        #expect(list.diagnostics.first.map { ($0.line, $0.column) } ?? (0, 0) == (2, 10), "\(list)")
        #expect(list.diagnostics.first?.message.contains("never closed") == true, "\(list)")
    }

    @Test func binaryAndNUL() {
        rejects("name: x\u{0}\u{1}\u{2}", containing: "NUL")
    }

    @Test func deeplyNestedFlowYAML() {
        rejects(String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000), containing: "nesting")
        rejects("name: " + String(repeating: "{a: ", count: 5000) + "1" + String(repeating: "}", count: 5000), containing: "nesting")
        rejects(String(repeating: "- ", count: 100_000) + "x", containing: "nesting")
    }

    @Test func billionLaughs() {
        var text = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        rejects(text, containing: "expands")
    }

    @Test func hugeNumbersNaNAndInfinity() throws {
        let base = try LocalFiles.read(casePath("minimal.yaml")).get()
        for bad in ["1e400", ".nan", ".inf", "-.inf", "99999999999999999999999999999999999999"] {
            rejects(base.replacingOccurrences(of: "horizon_days: 120", with: "horizon_days: \(bad)"))
            rejects(base.replacingOccurrences(of: "combat_power: 150 to 250", with: "combat_power: \(bad)"))
        }
        rejects(base.replacingOccurrences(of: "runs: 2000", with: "runs: 100000000000"), containing: "between")
        rejects(base.replacingOccurrences(of: "seed: 7", with: "seed: -1"), containing: "between")
    }

    @Test func oversizedFilesAreRefused() {
        let big = "name: x\n" + String(repeating: "# padding padding padding padding padding padding padding padding\n", count: 70_000)
        rejects(big, containing: "4 MiB")
    }

    @Test func truncatedFilesNeverCrash() throws {
        let text = try LocalFiles.read(casePath("minimal.yaml")).get()
        let bytes = Array(text.utf8)
        var cut = 0
        while cut < bytes.count - 1 {
            let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
            if case .success = ScenarioLoader.parse(text: prefix, file: "fuzz.yaml", files: memoryFiles([:])) {
                Issue.record("a truncated scenario (\(cut) bytes) was accepted")
            }
            cut += 23
        }
    }

    @Test func randomBytesNeverCrash() {
        var s = RandomStream(seed: 2026, run: 0, substream: 9)
        let alphabet = Array("abc: -[]{}&*!|>'\"#%\n\t 0123456789.eE,?\\".utf8)
        for _ in 0..<300 {
            let n = Int(s.uniform() * 400)
            var bytes: [UInt8] = []
            for _ in 0..<n {
                bytes.append(s.uniform() < 0.9 ? alphabet[Int(s.uniform() * Double(alphabet.count))] : UInt8(s.uniform() * 256))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if case .success = ScenarioLoader.parse(text: text, file: "fuzz.yaml", files: memoryFiles([:])) {
                Issue.record("random bytes were accepted as a scenario")
            }
        }
    }

    @Test func mutatedScenariosNeverCrash() throws {
        // Random single-character mutations of a valid scenario: each either loads or gives located errors.
        let text = Array(try LocalFiles.read(casePath("minimal.yaml")).get().unicodeScalars)
        var s = RandomStream(seed: 7, run: 0, substream: 10)
        let replacements: [Unicode.Scalar] = [" ", "-", ":", "[", "}", "%", "9", "x", "\n", "&", "*", "'"]
        for _ in 0..<400 {
            var t = text
            let i = Int(s.uniform() * Double(t.count))
            t[i] = replacements[Int(s.uniform() * Double(replacements.count))]
            var out = String.UnicodeScalarView()
            out.append(contentsOf: t)
            if case .failure(let list) = ScenarioLoader.parse(text: String(out), file: "fuzz.yaml", files: memoryFiles([:])) {
                #expect(!list.diagnostics.isEmpty)
            }
        }
    }

    // Found by the fuzz campaign of session 17: 50,000 copies of a list item `- id: pact` (an
    // agreement missing every other key) took hours, as every new error searched all the earlier
    // ones; and every unknown id compared itself with every defined id.
    @Test func thousandsOfFaultyListItemsAreReportedQuickly() throws {
        let base = try LocalFiles.read(casePath("minimal.yaml")).get()
        let text = base.replacingOccurrences(of: "agreements:\n", with: "agreements:\n" + String(repeating: "  - id: pact\n", count: 20_000))
        let clock = ContinuousClock(), start = clock.now
        guard case .failure(let list) = ScenarioLoader.parse(text: text, file: "fuzz.yaml", files: memoryFiles([:])) else {
            Issue.record("accepted agreements without keys"); return
        }
        #expect(clock.now - start < .seconds(60), "took \(clock.now - start)")
        #expect(list.diagnostics.count > 20_000)
        #expect(list.diagnostics.contains { $0.message.contains("duplicate agreement id `pact`") })
    }

    @Test func unknownIdsGetHintsOnlyAtFirst() throws {
        let base = try LocalFiles.read(casePath("minimal.yaml")).get()
        let defined = (0..<2_000).map { "  - {id: X\($0), name: X, honour: 50%}\n" }.joined()
        let unknown = (0..<3_000).map { "Y\($0)" }.joined(separator: ", ")
        let text = base.replacingOccurrences(of: "agreements:\n", with: defined + "agreements:\n")
            .replacingOccurrences(of: "guarantors: [G1, G2]", with: "guarantors: [G1, G2, \(unknown)]")
        let clock = ContinuousClock(), start = clock.now
        guard case .failure(let list) = ScenarioLoader.parse(text: text, file: "fuzz.yaml", files: memoryFiles([:])) else {
            Issue.record("accepted unknown guarantors"); return
        }
        #expect(clock.now - start < .seconds(60), "took \(clock.now - start)")
        let undefined = list.diagnostics.filter { $0.message.contains("is not defined") }
        #expect(undefined.count == 3_000)
        #expect(undefined.filter { $0.message.contains("did you mean") }.count == 100)
        #expect(undefined.first?.message == "guarantor `Y0` is not defined (did you mean `X0`?)")
    }

    // Found by the fuzz campaign of session 17: a 65th attack type was accepted and then never
    // covered by any agreement (the engine's coverage mask has 64 bits), so its honour read 0.
    @Test func atMost64AttackTypes() throws {
        let base = try LocalFiles.read(casePath("minimal.yaml")).get()
        func with(_ extra: Int) -> String {
            let more = (0..<extra).map { "  - {id: h\($0), kind: hybrid, name: H, force_share: 5%, objective_share: 10%, max_advance_km_per_day: 0.5}\n" }.joined()
            return base.replacingOccurrences(of: "attacks:\n", with: "attacks:\n" + more)
        }
        guard case .success(let ok) = ScenarioLoader.parse(text: with(61), file: "fuzz.yaml", files: memoryFiles([:])) else {
            Issue.record("64 attack types refused"); return
        }
        #expect(ok.attacks.count == 64)
        rejects(with(62), containing: "at most 64")
        guard case .failure(let list) = ScenarioLoader.parse(text: with(62), file: "fuzz.yaml", files: memoryFiles([:])) else { return }
        let line = with(62).split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("id: invasion") }.map { $0 + 1 }
        #expect(list.diagnostics.first { $0.message.contains("at most 64") }?.line == line)
    }

    // Found by the fuzz campaign of session 17: `{lognormal: [0, 40]}` passed and its draws
    // (up to infinity) crashed the study. A distribution whose 90 % interval leaves ±1e15 is an
    // error; `1 to 1e15` (its 95th percentile at the limit) stays valid.
    @Test func distributionsBeyondTheLimitOfNumbers() throws {
        let base = try LocalFiles.read(casePath("minimal.yaml")).get()
        for bad in ["{lognormal: [0, 40]}", "{lognormal: [700, 1]}", "{lognormal: [0, 1e15]}", "{normal: [0, 1e15]}"] {
            rejects(base.replacingOccurrences(of: "attack_after_years: 1 to 3", with: "attack_after_years: \(bad)"), containing: "beyond ±1e15")
        }
        rejects(base.replacingOccurrences(of: "objective_value: 100", with: "objective_value: {normal: [0, 1e15]}"), containing: "beyond ±1e15")
        for good in ["1 to 1e15", "{lognormal: [30, 1]}", "{uniform: [0, 1e15]}"] {
            let text = base.replacingOccurrences(of: "attack_after_years: 1 to 3", with: "attack_after_years: \(good)")
            if case .failure(let list) = ScenarioLoader.parse(text: text, file: "fuzz.yaml", files: memoryFiles([:])) {
                Issue.record("refused \(good): \(list)")
            }
        }
    }
}
