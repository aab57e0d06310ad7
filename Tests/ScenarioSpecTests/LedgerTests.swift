import Foundation
import Testing

/// ASSUMPTIONS.md folds the areas' ledgers (docs/ledger/*.md): every row of
/// theirs must stand in it, word for word, or the ledger a reader opens is
/// not the one the areas keep.
struct LedgerTests {
    @Test func everyAreaLedgerRowIsInAssumptions() throws {
        let assumptions = try String(contentsOfFile: specRoot + "/ASSUMPTIONS.md", encoding: .utf8)
        let folder = specRoot + "/docs/ledger"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ---") && !$0.hasPrefix("| parameter |") }
            let missing = rows.filter { !assumptions.contains(String($0)) }
            #expect(missing.isEmpty, "docs/ledger/\(file): \(missing.count) rows not in ASSUMPTIONS.md, e.g. \(missing.first.map(String.init) ?? "")")
        }
    }
}
