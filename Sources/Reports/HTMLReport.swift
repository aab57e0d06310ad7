import CrisisEngine
import Deterrence
import GuarantorModel

/// One self-contained HTML file: inline CSS and SVG, no network, no external
/// scripts or fonts; readable on screen and in print.
public enum HTMLReport {
    public static func study(_ r: StudyResult) -> String {
        var body = "<header class=\"report\"><p class=\"kicker\">Guarantor study report</p><h1>\(Markup.escape(r.meta.scenario))</h1>"
        body += "<p class=\"lede\">\(Markup.escape(HeadlineSentence.study(r)))</p>"
        body += settlementLine(r)
        body += "<p class=\"meta\">\(r.meta.runs) simulated crises · seed \(r.meta.seed) · horizon \(r.meta.horizonDays) days · Guarantor \(Markup.escape(r.meta.version))</p></header>\n"
        body += studyFragment(r, headingLevel: 2)
        body += footer(rerun: "guarantor study SCENARIO --seed \(r.meta.seed) --runs \(r.meta.runs)", runs: r.meta.runs, seed: r.meta.seed,
                       version: r.meta.version, studies: [r])
        return page(title: "Guarantor study: \(r.meta.scenario)", body: body)
    }

    public static func compare(_ c: ComparisonResult) -> String {
        let names = c.rows.map(\.scenario)
        var body = "<header class=\"report\"><p class=\"kicker\">Guarantor comparison report</p><h1>\(Markup.escape(names.joined(separator: " vs ")))</h1>"
        body += "<p class=\"lede\">\(Markup.escape(HeadlineSentence.compare(c)))</p>"
        body += "<p class=\"meta\">\(c.rows.count) designs · \(c.runs) simulated crises each · seed \(c.seed) · Guarantor \(Markup.escape(c.version))</p></header>\n"
        body += "<section><h2>Headline figures by design</h2>" + CompareTables.headline(c).html + "</section>\n"
        if !c.explanation.isEmpty {
            body += "<section><h2>What drives the differences</h2><ul class=\"explanation\">"
            body += c.explanation.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul></section>\n"
        }
        body += "<section><h2>Side by side</h2>"
        for svg in CompareCharts.all(c) { body += "<figure>\(svg)</figure>\n" }
        body += "</section>\n<section><h2>Each design in detail</h2>"
        for row in c.rows {
            body += "<details><summary>\(Markup.escape(row.scenario))\(row.file.isEmpty ? "" : " <span class=\"small\">(\(Markup.escape(row.file)))</span>")</summary>"
            body += "<p>\(Markup.escape(HeadlineSentence.study(row.study)))</p>"
            body += settlementLine(row.study)
            body += sections(row.study, level: 3)
            body += "</details>\n"
        }
        body += "</section>\n"
        body += footer(rerun: rerun(c), runs: c.runs, seed: c.seed, version: c.version, studies: c.rows.map(\.study))
        return page(title: "Guarantor comparison: \(names.joined(separator: " vs "))", body: body)
    }

    /// The sections of a study report (headline figures, charts, tables) without
    /// the page around them, for embedding in another page that includes `stylesheet`.
    public static func studyFragment(_ r: StudyResult, headingLevel: Int = 2) -> String {
        sections(r, level: min(5, max(1, headingLevel)))
    }

    /// The report's stylesheet, for pages that embed `studyFragment`.
    public static var stylesheet: String { HTMLStyle.css }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Guarantor">
        <title>\(Markup.escape(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        <script>\(HTMLStyle.printScript)</script>
        </body>
        </html>

        """
    }

    /// The headline figures as large tiles.
    static func keyFigures(_ r: StudyResult) -> String {
        var tiles: [(String, String, String)] = []
        if let d = r.deterrence {
            tiles.append(ReportText.tile("P(deterred)", d.pDeterred))
            tiles.append(("Most likely choice", ReportText.responseName(d.bestResponse, in: r).uppercasedFirst(), ""))
            tiles.append(ReportText.tile("Probe risk", d.probeRisk))
        }
        if r.guarantors.isEmpty {
            tiles.append(("P(all guarantors honour)", "–", "no guarantors"))
        } else {
            tiles.append(ReportText.tile("P(all guarantors honour)", r.headline.pAllHonour))
        }
        let q = r.headline.daysToFirstMilitaryAid
        tiles.append(("Median days to first military aid", ReportText.day(q.p50), "in \(ReportText.percent(q.pWithinHorizon, se: q.pWithinHorizonSE)) of crises within \(r.meta.horizonDays) days"))
        if let a = ReportText.referenceAttack(r) {
            tiles.append(ReportText.tile("Objective share, \(ReportText.attackName(a).lowercasedFirst())", a.objectiveShare))
        }
        return "<div class=\"figures\">" + tiles.map { label, value, se in
            "<div class=\"figure\"><div class=\"label\">\(Markup.escape(label))</div><div class=\"value\">\(Markup.escape(value))</div><div class=\"se\">\(Markup.escape(se))</div></div>"
        }.joined() + "</div>\n"
    }

    static func figure(_ svg: String?) -> String { svg.map { "<figure>\($0)</figure>\n" } ?? "" }

    /// The body of a study report; `level` is the heading level of its sections.
    static func sections(_ r: StudyResult, level: Int) -> String {
        let h = "h\(level)"
        func heading(_ text: String) -> String { "<\(h)>\(Markup.escape(text))</\(h)>" }
        var out = "<section>" + heading("Headline figures") + keyFigures(r) + StudyTables.headline(r).html + "</section>\n"
        if r.deterrence != nil {
            out += "<section>" + heading("Will the guarantees deter?")
            out += "<p class=\"small\">The aggressor weighs each attack by the outcomes it expects, using the honour probabilities it perceives. An attack whose bar rises above the status-quo line pays for the average aggressor type; P(deterred) counts the types for which none does.</p>"
            out += figure(StudyCharts.expectedUtility(r)) + (StudyTables.decision(r)?.html ?? "") + "</section>\n"
        }
        out += "<section>" + heading("Will the guarantors honour their commitments?")
        out += figure(StudyCharts.honourByGuarantor(r)) + StudyTables.guarantors(r).html
        out += figure(StudyCharts.honourByCommitment(r)) + StudyTables.commitments(r).html + StudyTables.deliveries(r).html + "</section>\n"
        out += "<section>" + heading("How fast does help arrive?")
        out += figure(StudyCharts.firstEffectCDF(r)) + figure(StudyCharts.aidOverTime(r)) + "</section>\n"
        out += "<section>" + heading("What does each attack achieve?")
        out += figure(StudyCharts.objectiveShare(r))
        out += StudyTables.attacks(r).html + "</section>\n"
        if let s = StudyTables.sensitivity(r) {
            out += "<section>" + heading("Which inputs matter most?")
            if let t = StudyCharts.tornadoPDeterred(r) {
                out += figure(t)
            } else {
                out += "<p>No input moves P(deterred) from its baseline of \(Markup.escape(Markup.percent(r.sensitivity?.baselinePDeterred ?? 0))) when set to its 5th or 95th percentile: the aggressor's decision does not hinge on any single uncertain input.</p>"
            }
            out += figure(StudyCharts.tornadoObjectiveShare(r)) + s.html + "</section>\n"
        }
        return out
    }

    /// How to run a comparison again: the command line for files, and for the
    /// server's library versions (`name@hash`, which the command line does not
    /// read) the API request.
    static func rerun(_ c: ComparisonResult) -> String {
        let library = !c.rows.isEmpty && c.rows.allSatisfy { row in
            let parts = row.file.split(separator: "@")
            return parts.count == 2 && !parts[1].isEmpty && parts[1].allSatisfy(\.isHexDigit) && !parts[0].contains("/")
        }
        if library {
            let names = c.rows.map { "\"\($0.file)\"" }.joined(separator: ", ")
            return "POST /api/compare {\"scenarios\": [\(names)], \"seed\": \(c.seed), \"runs\": \(c.runs)} (on the server that made this report)"
        }
        return "guarantor compare " + c.rows.map { $0.file.isEmpty ? "SCENARIO" : $0.file }.joined(separator: " ") + " --seed \(c.seed) --runs \(c.runs)"
    }

    /// The settlement a study modelled, as a line of the report ("" for results of earlier versions).
    static func settlementLine(_ r: StudyResult) -> String {
        guard let st = r.meta.settlement else { return "" }
        return "<p class=\"meta settlement\">Settlement: \(Markup.escape(st.name)) (<code>\(Markup.escape(st.kind))</code>)</p>"
    }

    static func footer(rerun: String, runs: Int64, seed: UInt64, version: String, studies: [StudyResult]) -> String {
        var out = "<footer><p><strong>Reproducibility.</strong> Guarantor \(Markup.escape(version)), seed \(seed), \(runs) runs per scenario. "
        out += "Rerun with <code>\(Markup.escape(rerun))</code>; the same scenario, seed and run count give the same numbers on any machine.</p><ul>"
        for s in studies {
            out += "<li>\(Markup.escape(s.meta.scenario)): scenario SHA-256 <code>\(Markup.escape(s.meta.scenarioSHA256))</code>, horizon \(s.meta.horizonDays) days, reference attack <code>\(Markup.escape(s.meta.referenceAttack))</code>"
            if let sh = s.meta.shard { out += ", shard \(sh.index)/\(sh.count) (runs \(sh.firstRun)–\(sh.endRun) of \(sh.totalRuns))" }
            out += "</li>"
        }
        out += "</ul><p>All figures are Monte Carlo estimates: mean ± 1 standard error. Probabilities are shares of simulated crises (or of simulated aggressor types for P(deterred) and probe risk).</p></footer>\n"
        return out
    }
}
