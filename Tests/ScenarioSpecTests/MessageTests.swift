import Foundation
import GuarantorModel
import ScenarioSpec
import Testing

/// What a person reads when a file is wrong: how many errors, and how numbers are written.
@Suite struct MessageTests {
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
}
