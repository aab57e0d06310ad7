import CrisisEngine
import Deterrence
import GuarantorModel

/// Headings, the headline sentence and pipe tables, for notebooks and wikis.
public enum MarkdownReport {
    public static func study(_ r: StudyResult) -> String {
        var out = ["# \(inline(r.meta.scenario))", "", inline(HeadlineSentence.study(r)), ""]
        out += settlementLines(r)
        out += sections(r, level: 2)
        out += footer(runs: r.meta.runs, seed: r.meta.seed, version: r.meta.version, studies: [r])
        return out.joined(separator: "\n") + "\n"
    }

    public static func compare(_ c: ComparisonResult) -> String {
        var out = ["# Comparison: \(inline(c.rows.map(\.scenario).joined(separator: " vs ")))", "", inline(HeadlineSentence.compare(c)), ""]
        out += ["## Headline figures by design", "", table(CompareTables.headline(c)), ""]
        if !c.explanation.isEmpty {
            out += ["## What drives the differences", ""] + c.explanation.map { "- \(inline($0))" } + [""]
        }
        for row in c.rows {
            out += ["## \(inline(row.scenario))", "", inline(HeadlineSentence.study(row.study)), ""]
            out += settlementLines(row.study)
            out += sections(row.study, level: 3)
        }
        out += footer(runs: c.runs, seed: c.seed, version: c.version, studies: c.rows.map(\.study))
        return out.joined(separator: "\n") + "\n"
    }

    /// The settlement a study modelled, and a blank line (nothing for results of earlier versions).
    static func settlementLines(_ r: StudyResult) -> [String] {
        r.meta.settlement.map { ["Settlement: \(inline($0.name)) (`\($0.kind)`)", ""] } ?? []
    }

    static func sections(_ r: StudyResult, level: Int) -> [String] {
        let h = String(repeating: "#", count: level)
        var tables = [StudyTables.headline(r)]
        if let d = StudyTables.decision(r) { tables.append(d) }
        tables += [StudyTables.guarantors(r), StudyTables.commitments(r), StudyTables.deliveries(r), StudyTables.attacks(r), StudyTables.aidOverTime(r)]
        if let s = StudyTables.sensitivity(r) { tables.append(s) }
        return tables.flatMap { t in ["\(h) \(inline(t.caption))", "", table(t), ""] }
    }

    static func footer(runs: Int64, seed: UInt64, version: String, studies: [StudyResult]) -> [String] {
        var out = ["---", "", "Guarantor \(inline(version)), seed \(seed), \(runs) runs per scenario; figures are mean ± 1 Monte Carlo standard error.", ""]
        for s in studies { out.append("- \(inline(s.meta.scenario)): scenario SHA-256 `\(s.meta.scenarioSHA256)`") }
        return out
    }

    /// A pipe table; numeric columns are right-aligned.
    static func table(_ t: ReportTable) -> String {
        var lines = ["| " + t.header.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + t.header.indices.map { t.numeric.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for r in t.rows { lines.append("| " + r.map(cell).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    /// Text that cannot break a table row or be read as HTML.
    static func cell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return inline(out)
    }

    static func inline(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
