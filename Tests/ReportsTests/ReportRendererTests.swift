import CrisisEngine
import Deterrence
import Foundation
import FoundationXML
import Testing
@testable import Reports

@Suite struct HTMLReportTests {
    let study = Fixtures.study()

    @Test func studyReportIsSelfContainedWithEveryChart() throws {
        let html = HTMLReport.study(study)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Nothing fetched from anywhere: no external scripts, styles, fonts or images.
        for banned in ["http://", "https://", "src=", "<link", "@import", "url("] {
            let hits = html.components(separatedBy: banned).count - 1
            // The SVG namespace is the one allowed URL, and it is a name, not a fetch.
            let allowed = banned == "http://" ? html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1 : 0
            #expect(hits == allowed, "found \(banned)")
        }
        let svgs = SVG.embedded(in: html)
        let kinds = try svgs.map { try SVG.attr(SVG.parse($0), "data-kind") ?? "" }
        // EU, honour per guarantor, per commitment, CDF, aid, objective shares, 2 tornadoes.
        #expect(kinds == ["bar", "bar", "bar", "cdf", "line", "histogram", "tornado", "tornado"])
        #expect(html.contains("The aggressor is deterred in 62% ± 1% of the simulated aggressor types (its values and costs drawn from the scenario&#39;s ranges): for them every attack is worse than not attacking; the most likely choice is full invasion (23% of types)."), "\(html.prefix(3000))")
        #expect(html.contains("<h1>Test &lt;scenario&gt; &amp; co</h1>"))
        #expect(!html.contains("<Alliance>"))
        #expect(html.contains("A&amp;B &lt;Alliance&gt; &quot;quoted&quot; &#39;single&#39;"))
        // Reproducibility footer.
        for needle in ["abc123def456", "seed 7", "2000 runs", "Guarantor 0.1.0"] { #expect(html.contains(needle), "footer lacks \(needle)") }
        #expect(html.contains("@media print"))
    }

    @Test func studyWithoutDecisionOrSensitivityOmitsThoseSections() throws {
        let html = HTMLReport.study(Fixtures.study(deterrence: false, sensitivity: false))
        let kinds = try SVG.embedded(in: html).map { try SVG.attr(SVG.parse($0), "data-kind") ?? "" }
        #expect(kinds == ["bar", "bar", "cdf", "line", "histogram"])
        #expect(!html.contains("Will the guarantees deter?"))
        #expect(html.contains("All guarantors honour their commitments in 23% ± 1% of simulated crises"))
    }

    /// Past a horizon shorter than 365 days, the delivery columns say which
    /// day they count to (the fixture's horizon is 120 days).
    @Test func deliveriesPastAShortHorizonNameItsLastDay() {
        for report in [HTMLReport.study(study), MarkdownReport.study(study), TextReport.study(study)] {
            #expect(report.contains("by day 90") && !report.contains("by day 365"))
        }
        #expect(MarkdownReport.study(study).contains("by day 120 (the horizon)"))
        #expect(HTMLReport.study(study).contains("by day 120 (the horizon)"))
    }

    @Test func renderingIsDeterministic() {
        #expect(HTMLReport.study(study) == HTMLReport.study(study))
        let c = Fixtures.comparison()
        #expect(HTMLReport.compare(c) == HTMLReport.compare(c))
        #expect(CSVReport.compare(c) == CSVReport.compare(c))
    }

    @Test func compareReportHasTableChartsExplanationAndCollapsedStudies() throws {
        let c = Fixtures.comparison()
        let html = HTMLReport.compare(c)
        let svgs = SVG.embedded(in: html)
        // Four side-by-side charts, then eight per scenario.
        #expect(svgs.count == 4 + 2 * 8)
        for s in svgs { _ = try SVG.parse(s) }
        #expect(html.components(separatedBy: "<details>").count - 1 == 2)
        #expect(html.contains("The treaty survives the next US election in 80% of runs &lt;vs&gt; 50%."))
        #expect(html.contains("P(deterred) is 62.0% ± 1.1% under “Ratified treaty, &quot;Senate&quot; &amp; co” against 41.0% ± 1.1% under “Executive agreement”, a difference of 21.0 ± 1.6 percentage points."))
        // The headline and the explanation judge the gap alike: one design twice is the same figure.
        var twice = c
        twice.rows[1].study = twice.rows[0].study
        twice.rows[1].pDeterred = twice.rows[0].pDeterred
        #expect(HeadlineSentence.compare(twice).hasSuffix("a difference of 0.0 ± 1.6 percentage points: the same figure, to the last digit."),
                "\(HeadlineSentence.compare(twice))")
        for header in ["P(deterred)", "best response", "probe risk", "P(all guarantors honour)", "median days to first military aid",
                       "aid delivered by day 90", "objective share under full invasion"] {
            #expect(html.contains(">\(header)</th>"), "missing column \(header)")
        }
    }

    @Test func emptyAndDegenerateResultsRender() throws {
        var s = Fixtures.study()
        s.headline.daysToFirstMilitaryAid.p50 = nil
        #expect(HTMLReport.study(s).contains("no military aid arrives within 120 days"))
        s.guarantors = []; s.attacks = []; s.aidOverTime = []; s.sensitivity?.rows = []
        s.headline.aidDeliveredByDay90 = Estimate(mean: 1e300, se: 1e200)
        let html = HTMLReport.study(s)
        for svg in SVG.embedded(in: html) { _ = try SVG.parse(svg) }
        // No guarantors: nobody to honour, rather than "all guarantors honour in 0.0% ± 0.0%".
        #expect(html.contains("The scenario has no guarantors, so no aid arrives."))
        #expect(html.contains("no guarantors") && TextReport.study(s).contains("Guarantors: none"))
        #expect(!MarkdownReport.study(s).contains("| P(all guarantors honour) | 0.0%"))
        _ = CSVReport.study(s); _ = MarkdownReport.study(s)
        let empty = Deterrence.ComparisonResult(runs: 1, seed: 1, version: "v", rows: [], explanation: [])
        #expect(HTMLReport.compare(empty).contains("No scenarios to compare."))
        _ = CSVReport.compare(empty); _ = MarkdownReport.compare(empty)
    }
}

@Suite struct CSVReportTests {
    /// Splits a CSV document into named tables of rows of fields (RFC 4180 quoting).
    static func tables(_ csv: String) -> [(name: String, header: [String], rows: [[String]])] {
        var out: [(String, [String], [[String]])] = []
        for block in csv.components(separatedBy: "\n\n") {
            let lines = parse(block)
            guard let first = lines.first, first.count == 1, first[0].hasPrefix("# table: "), lines.count >= 2 else { continue }
            out.append((String(first[0].dropFirst(9)), lines[1], Array(lines.dropFirst(2))))
        }
        return out
    }

    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func oneTidyTablePerFigure() throws {
        let csv = CSVReport.study(Fixtures.study())
        let t = Self.tables(csv)
        #expect(t.map(\.name) == ["meta", "headline", "honour_by_guarantor", "commitments", "first_effect_day", "aid_over_time", "attacks",
                                  "objective_share_histogram", "credibility_gap", "sensitivity"])
        for table in t {
            #expect(table.header.prefix(2) == ["table", "scenario"])
            for row in table.rows {
                #expect(row.count == table.header.count, "\(table.name): \(row)")
                #expect(row.first == table.name)
            }
        }
        let honour = try #require(t.first { $0.name == "honour_by_guarantor" })
        let g2 = try #require(honour.rows.first { $0[2] == "G2" && $0[4] == "honour_probability" })
        #expect(g2[1] == "Test <scenario> & co")
        #expect(g2[3] == Fixtures.nastyName)
        #expect(g2[5] == "0.385" && g2[6] == "0.0108")
        let hist = try #require(t.first { $0.name == "objective_share_histogram" })
        #expect(hist.rows.count == 150)
        let last = try #require(hist.rows.last)
        #expect(last[2] == "invasion" && last[3] == "0.98" && last[4] == "1" && last[5] == "300" && last[6] == "0.75")
        let aid = try #require(t.first { $0.name == "aid_over_time" })
        #expect(aid.rows.first { $0[2] == "60" && $0[3] == "p90" }?[4] == "")
    }

    @Test func compareStacksScenariosInEachTable() throws {
        let t = Self.tables(CSVReport.compare(Fixtures.comparison()))
        #expect(t.first?.name == "comparison")
        let comparison = try #require(t.first)
        let pd = comparison.rows.filter { $0[3] == "p_deterred" }
        #expect(pd.map { $0[1] } == ["Executive agreement", "Ratified treaty, \"Senate\" & co"])
        #expect(pd.map { $0[4] } == ["0.41", "0.62"])
        let headline = try #require(t.first { $0.name == "headline" })
        #expect(Set(headline.rows.map { $0[1] }).count == 2)
        #expect(t.filter { $0.name == "headline" }.count == 1)
    }

    @Test func fieldsThatASpreadsheetWouldRunAreDefused() {
        #expect(CSVReport.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVReport.field("-22.36") == "-22.36")
        #expect(CSVReport.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }
}

@Suite struct MarkdownReportTests {
    @Test func headingsSentenceAndWellFormedPipeTables() {
        let md = MarkdownReport.study(Fixtures.study())
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "# Test &lt;scenario&gt; &amp; co")
        #expect(lines[2].hasPrefix("The aggressor is deterred in 62% ± 1% of the simulated aggressor types"))
        // Every table row has as many cells as its header (escaped pipes do not count).
        var width: Int?
        for line in lines {
            guard line.hasPrefix("|") else { width = nil; continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let width { #expect(cells == width, "\(line)") } else { width = cells }
        }
        #expect(md.contains("| G2 | pact | intelligence sharing | 38.8% ± 1.0% | never | 0.0% |"))
        #expect(md.contains("abc123def456"))
    }

    @Test func compareHasOneSectionPerScenario() {
        let md = MarkdownReport.compare(Fixtures.comparison())
        #expect(md.contains("## Executive agreement"))
        #expect(md.contains("- The treaty survives the next US election in 80% of runs &lt;vs&gt; 50%."))
        #expect(md.contains("| Executive agreement | 41.0% ± 1.1% |  | full invasion |"))
        // The second design's change from the first, with its (independent-sample) standard error.
        #expect(md.contains("| 62.0% ± 1.1% | +21.0 ± 1.6 pp | full invasion |"))
    }
}
