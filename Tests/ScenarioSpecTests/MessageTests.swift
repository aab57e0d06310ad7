import Foundation
import GuarantorModel
import ScenarioSpec
import Testing

/// What a person reads when a file is wrong: how many errors, and how numbers are written.
@Suite struct MessageTests {
    func errors(_ text: String) -> [String] {
        switch ScenarioLoader.parse(text: text, file: "t.yaml", files: memoryFiles([:])) {
        case .success: return []
        case .failure(let list): return list.diagnostics.map(\.message)
        }
    }

    func minimal(replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOfFile: casePath("minimal.yaml"), encoding: .utf8)
        #expect(text.contains(old), "minimal.yaml has no `\(old)`")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// Whole numbers written as floats are those numbers; one run is too few
    /// (a standard error needs two); `duration_years` says what it takes; a
    /// missing base is one error, at the `extends` line, with how its path is read.
    @Test func wholeNumbersRunsDurationAndAMissingBase() throws {
        #expect(try errors(minimal(replacing: "runs: 2000\n", with: "runs: 1e4\n").replacingOccurrences(of: "horizon_days: 120", with: "horizon_days: 120.0")).isEmpty)
        #expect(try errors(minimal(replacing: "runs: 2000\n", with: "runs: 1\n"))
                == ["`runs` must be between 2 and 100000000 (got 1; a standard error needs at least 2)"])
        #expect(try errors(minimal(replacing: "runs: 2000\n", with: "runs: 2.5\n"))
                == ["`runs` must be a whole number, not `2.5`"])
        for word in ["forever", "5 to 20"] {
            #expect(try errors(minimal(replacing: "duration_years: 10", with: "duration_years: \(word)"))
                    == ["`duration_years` must be a number of years, such as `10`, or `indefinite`, not `\(word)`"])
        }
        guard case .failure(let list) = ScenarioLoader.parse(text: "extends: base.yaml\nname: X\n", file: "dir/s.yaml",
                                                             files: memoryFiles([:])) else { Issue.record("loaded"); return }
        #expect(list.diagnostics.count == 1 && list.diagnostics.first?.file == "dir/s.yaml" && list.diagnostics.first?.line == 1)
        #expect(list.diagnostics.first?.message.contains("an `extends` path is read from the folder of the file that names it") == true,
                "\(list.diagnostics)")
    }

    /// libyaml names the rule it met, not the fix: a tab gets "replace it with
    /// spaces", a key at the wrong depth "check this line's indentation", and a
    /// JSON file is told about JSON.
    @Test func syntaxErrorsSayWhatToDo() throws {
        let tab = errors(try minimal(replacing: "      - {kind: sanctions", with: "      -\t{kind: sanctions"))
        #expect(tab.count == 1 && tab[0].contains("this is a tab; YAML indents and separates with spaces only"), "\(tab)")
        let indent = errors(try minimal(replacing: "  id: A\n  name: Aggressor\n", with: "  id: A\n   name: Aggressor\n"))
        #expect(indent.count == 1 && indent[0].contains("check this line's indentation"), "\(indent)")
        guard case .failure(let list) = ScenarioLoader.parse(text: #"{"name": "x",, "runs": 2}"#, file: "s.json", files: memoryFiles([:])) else {
            Issue.record("loaded"); return
        }
        #expect(list.diagnostics.first?.message.hasPrefix("invalid JSON") == true, "\(list.diagnostics)")
        // A bracket never closed: reported where it opens, with where the parser gave up.
        guard case .failure(let open) = ScenarioLoader.parse(text: "name: x\nlist: [1, 2\nother: 3\n", file: "b.yaml", files: memoryFiles([:])) else {
            Issue.record("loaded"); return
        }
        let d = try #require(open.diagnostics.first)
        #expect(d.location.line == 2 && d.location.column == 7 && d.message.contains("(at line 3, column 6)")
                && d.message.contains("the bracket that opens here is not closed"), "\(d)")
        // An id too long says how long it may be.
        let long = errors(try minimal(replacing: "  id: A\n", with: "  id: \(String(repeating: "a", count: 70))\n"))
        #expect(long.contains { $0.contains("at most 64 characters; this one has 70") }, "\(long)")
    }

    /// `extends` with an empty name, "." or a folder path names no file.
    @Test func extendsNamesAFile() {
        for (base, shown) in [("\"\"", "\"\""), (".", "."), ("scenarios/", "scenarios/")] {
            #expect(errors("extends: \(base)\nname: X\n") == ["`extends: \(shown)` names a folder, not a base scenario file; name the file, e.g. `extends: ukraine-base.yaml`"])
        }
    }

    /// A key given twice is reported where it is given again, with the line
    /// of the first (the parser named the mapping's first line).
    @Test func aDuplicateKeyIsReportedWhereItRepeats() throws {
        for (text, line, column, first) in [("a: 1\nb: 2\na: 3\n", 3, 1, 1),
                                            ("top:\n  b: 1\n  c:\n  - x\n  - y\n  b: 2\n", 6, 3, 2),
                                            ("list:\n  - k: 1\n    j: 2\n    k: 3\n", 4, 5, 2)] {
            guard case .failure(let list) = ScenarioLoader.parse(text: text, file: "d.yaml", files: memoryFiles([:])) else {
                Issue.record("loaded \(text)"); continue
            }
            let d = try #require(list.diagnostics.first)
            #expect(d.location.line == line && d.location.column == column && d.message.contains("(first given at line \(first))"), "\(d)")
        }
    }

    /// A fuzzed file with 300,000 errors printed every one: people see the first 100 in file
    /// order and a line counting the rest; the list itself stays whole.
    @Test func aLongErrorListIsCutAtTheFirstHundred() throws {
        let extra = (1...250).map { "bogus_\($0): 1" }.joined(separator: "\n")
        let text = try String(contentsOfFile: casePath("minimal.yaml"), encoding: .utf8) + extra + "\n"
        guard case .failure(let list) = ScenarioLoader.parse(text: text, file: "big.yaml", files: memoryFiles([:])) else {
            Issue.record("loaded"); return
        }
        #expect(list.diagnostics.count == 250)
        let shown = list.text(file: "big.yaml", hint: "`--all-errors` lists every one").split(separator: "\n")
        #expect(shown.count == DiagnosticList.shownByDefault + 1)
        #expect(shown.first?.hasPrefix("big.yaml:40:1: error: unknown key `bogus_1`") == true, "\(shown.first ?? "")")
        #expect(shown[99].hasPrefix("big.yaml:139:1: error: unknown key `bogus_100`"))
        #expect(shown.last == "big.yaml: note: 150 more errors not shown (250 in all); `--all-errors` lists every one")
        #expect(list.text(limit: nil, file: "big.yaml").split(separator: "\n").count == 250)
        #expect(list.text(limit: 250, file: "big.yaml") == list.description)
        #expect(DiagnosticList.grouped(299_900) == "299,900" && DiagnosticList.grouped(7) == "7" && DiagnosticList.grouped(1_000) == "1,000")
    }

    /// Numbers in messages: no binary rounding noise (`3.7499999999999995e+28`), no rounding
    /// that hides the fault (`1.00001` shown as `1`), at most 6 significant digits otherwise.
    @Test func messageNumbersAreReadable() {
        #expect(Format.message(3.75e28) == "3.75e+28")
        #expect(Format.message(3.7499999999999995e+28) == "3.75e+28")
        #expect(Format.message(1.00001) == "1.00001")
        #expect(Format.message(0.1 + 0.2) == "0.3")
        #expect(Format.message(-2.5) == "-2.5")
        #expect(Format.message(1_000_000) == "1000000")
        #expect(Format.message(1e15) == "1e+15")
        #expect(Format.message(1234567.89) == "1.23457e+06")
        #expect(Format.message(123456.7) == "123457")
        #expect(Format.message(0.000123456789) == "0.000123457")
        #expect(Format.message(1.5e-7) == "1.5e-07")
        #expect(Format.message(9.9999999e-5) == "0.0001")
        #expect(Format.message(-9.999996e30) == "-1e+31")
        #expect(Format.message(5e-324) == "5e-324")
        #expect(Format.message(.infinity) == "inf" && Format.message(.nan) == "nan")
        // Reports keep their own format (their bytes must not change).
        #expect(Format.number(1.00001) == "1")
    }

    /// The values a user typed come back as typed; computed ones (percentiles) are readable.
    @Test func typedValuesAreEchoedAsTyped() throws {
        let loading = errors(try minimal(replacing: "common_loading: 0.5,", with: "common_loading: 1.00001,"))
        #expect(loading.contains { $0.contains("must lie between -1 and 1 (got 1.00001)") }, "\(loading)")
        let honour = errors(try minimal(replacing: "honour: 60%", with: "honour: 100.0001%"))
        #expect(honour.contains { $0.contains("must lie between 0 and 1 (got 100.0001%; write 75% or 0.75)") }, "\(honour)")
        let negative = errors(try minimal(replacing: "latency_days: 7}", with: "latency_days: -0.000012345678}"))
        #expect(negative.contains { $0.contains("must not be negative (got -0.000012345678)") }, "\(negative)")
        let sd = errors(try minimal(replacing: "latency_days: 7}", with: "latency_days: {normal: [10, -1.0e-3]}}"))
        #expect(sd.contains { $0.contains("normal needs sd > 0 (got -1.0e-3)") }, "\(sd)")
        let wide = errors(try minimal(replacing: "latency_days: 7}", with: "latency_days: {lognormal: [60, 2]}}"))
        #expect(wide.contains { $0.contains("its 5th-95th percentiles (4.25566e+24 to 3.06458e+27) go beyond ±1e15") }, "\(wide)")
        #expect(!wide.joined().contains("99999"))
        let parameter = errors(try minimal(replacing: "seed: 7", with: "seed: 7\nparameters: {tripwire_honour: 1.0000001}"))
        #expect(parameter.contains { $0.contains("`tripwire_honour` must be between 0 and 1 (got 1.0000001)") }, "\(parameter)")
    }
}
