import CrisisEngine
import GuarantorModel

/// Phrases and names shared by the CSV, Markdown and HTML renderers.
enum ReportText {
    /// "43.1% ± 1.1%": a mean with one Monte Carlo standard error. A
    /// standard error below 0.05 points gets the decimals it needs to show
    /// (at most six), so that it never reads "± 0.0%" unless it is zero:
    /// "3.02% ± 0.04%".
    static func percent(_ e: Estimate) -> String {
        let (mean, se) = percentParts(e)
        return "\(mean) ± \(se)"
    }

    /// A headline tile of a probability and its error: (label, "53.1%", "± 0.7%").
    static func tile(_ label: String, _ e: Estimate) -> (String, String, String) {
        let (mean, se) = percentParts(e)
        return (label, mean, "± " + se)
    }

    /// The mean and the error of `percent`, each with the decimals the error needs.
    static func percentParts(_ e: Estimate) -> (mean: String, se: String) {
        let d = decimals(points: e.se * 100)
        return (Markup.percent(e.mean, decimals: d), Markup.percent(e.se, decimals: d))
    }

    /// Decimals for a figure in percent or percentage points with standard
    /// error `se` (in the same units): one, or the fewest (at most six) at
    /// which the error does not round to zero.
    static func decimals(points se: Double) -> Int {
        guard se > 0, se.isFinite else { return 1 }
        var d = 1, half = 0.05
        while d < 6 && se < half { d += 1; half /= 10 }
        return d
    }
    /// A probability with its standard error when the result has one ("36.1% ± 0.4%"), alone otherwise (results of earlier versions).
    /// A change of a probability in percentage points with its standard error: "+2.8 ± 0.8 pp".
    static func points(_ e: Estimate) -> String {
        let sign = e.mean > 0 ? "+" : e.mean < 0 ? "-" : ""
        let d = decimals(points: e.se * 100)
        return sign + Markup.fixed(abs(e.mean) * 100, decimals: d) + " ± " + Markup.fixed(e.se * 100, decimals: d) + " pp"
    }
    static func percent(_ p: Double, se: Double?) -> String { se.map { percent(Estimate(mean: p, se: $0)) } ?? Markup.percent(p) }

    /// "12.3 ± 0.4" with a sensible number of decimals for the size of the value.
    /// Millions and above are scaled ("1.73 bn ± 0.10 bn"), the error in the mean's unit.
    static func number(_ e: Estimate) -> String {
        let (div, suffix) = Markup.magnitude(e.mean == 0 ? e.se : e.mean)
        let m = e.mean / div, se = e.se / div
        let d = decimals(for: m)
        return "\(Markup.fixed(m, decimals: d))\(suffix) ± \(Markup.fixed(se, decimals: max(d, decimals(for: se))))\(suffix)"
    }

    static func number(_ x: Double) -> String {
        let (div, suffix) = Markup.magnitude(x)
        return Markup.fixed(x / div, decimals: decimals(for: x / div)) + suffix
    }

    /// Decimals that keep about three significant digits without scientific notation, judged
    /// by the value as it rounds at three digits (0.99996 shows as "1.00", not "1.000").
    static func decimals(for x: Double) -> Int {
        let a = abs(x)
        if !a.isFinite || a >= 99.95 { return 0 }
        if a >= 9.995 { return 1 }
        if a >= 0.9995 || a == 0 { return 2 }
        if a >= 0.01 { return 3 }
        return 4
    }

    /// An input value as the scenario author would write it: three significant
    /// digits, with millions and above scaled ("300 bn").
    static func inputValue(_ x: Double) -> String {
        Markup.magnitude(x).divisor == 1 ? Format.number(x, digits: 3) : number(x)
    }

    /// "by day 90", or, past a shorter horizon, the last day simulated, which is
    /// what the figure counts: "by day 60 (the horizon)". (JSON and CSV keep the
    /// keys 30, 90 and 365; docs/reports.md says so.)
    static func byDay(_ day: Int, _ r: StudyResult) -> String {
        let h = r.meta.horizonDays
        return h > 0 && day > h ? "by day \(h) (the horizon)" : "by day \(day)"
    }

    static func day(_ x: Double?) -> String { x.map { Markup.fixed($0, decimals: 0) } ?? "never" }

    /// A percentage for prose: whole percent unless the standard error is below half a point.
    static func prosePercent(_ x: Double, se: Double) -> String {
        let d = se > 0 && se < 0.005 ? 1 : 0
        return Markup.percent(x, decimals: d)
    }

    static func guarantorName(_ g: StudyResult.GuarantorFigures) -> String {
        g.name.isEmpty || g.name == g.id ? g.id : "\(g.name) (\(g.id))"
    }

    static func attackName(_ a: StudyResult.AttackFigures) -> String { a.name.isEmpty ? a.type : a.name }

    static func commitmentName(_ g: StudyResult.GuarantorFigures, _ c: StudyResult.CommitmentFigures) -> String {
        "\(g.id) · \(c.agreement) · \(kindName(c.kind))"
    }

    static func kindName(_ kind: String) -> String {
        kind.replacingUnderscores()
    }

    /// The name of the option a response id stands for ("status_quo" or an attack id).
    static func responseName(_ id: String, in r: StudyResult) -> String {
        if id == "status_quo" || id.isEmpty { return "no attack (status quo)" }
        if let a = r.attacks.first(where: { $0.type == id }) { return attackName(a).lowercasedFirst() }
        return id
    }

    /// The unit of aid over time: combat power, in the scenario's power unit when a commitment reveals it.
    static func aidUnit(_ r: StudyResult) -> String {
        if let u = r.meta.units?.power, !u.isEmpty { return u }
        // Results of versions before 0.2.2 name the units only on their commitments.
        let powerKinds: Set<String> = ["arms_deliveries", "air_defense", "training", "troops"]
        for g in r.guarantors { for c in g.commitments where powerKinds.contains(c.kind) && !c.unit.isEmpty { return c.unit } }
        return "combat-power units"
    }

    /// The scenario's money unit (its currency), as its sanctions and financial aid give it.
    static func moneyUnit(_ r: StudyResult) -> String {
        if let u = r.meta.units?.currency, !u.isEmpty { return u }
        let moneyKinds: Set<String> = ["sanctions", "financial_aid"]
        for g in r.guarantors { for c in g.commitments where moneyKinds.contains(c.kind) && !c.unit.isEmpty { return c.unit } }
        return "currency units"
    }

    /// The unit without its explanation in parentheses, for axis titles:
    /// "brigade equivalents (one manoeuvre brigade of ...)" becomes "brigade equivalents".
    static func shortUnit(_ unit: String) -> String {
        guard let i = unit.firstIndex(of: "("), i > unit.startIndex else { return unit }
        let head = unit[..<i].trimmingSpaces()
        return head.isEmpty ? unit : head
    }

    /// Names without the words all of them start with ("Proposed guarantees for Ukraine (freeze ...)"
    /// and "(buffer ...)" become "… (freeze ...)" and "… (buffer ...)"), so that short chart labels differ.
    static func distinctive(_ names: [String]) -> [String] {
        guard names.count > 1 else { return names }
        let words = names.map { $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        var common = 0
        while let first = words.first, common < first.count - 1, words.allSatisfy({ common < $0.count - 1 && $0[common] == first[common] }) { common += 1 }
        let prefix = words.first.map { $0.prefix(common).joined(separator: " ") } ?? ""
        guard common > 0, prefix.count >= 12 else { return names }
        return words.map { "… " + $0.dropFirst(common).joined(separator: " ") }
    }

    static func referenceAttack(_ r: StudyResult) -> StudyResult.AttackFigures? {
        r.attacks.first { $0.type == r.meta.referenceAttack }
    }
}

/// Objective-share histograms keep values at or above the top edge in an overflow bin;
/// a share cannot exceed 1, so that bin holds the runs that took the whole objective.
struct ShareHistogram {
    var lo: Double
    var hi: Double
    /// Bins with the overflow folded into the last one.
    var counts: [Int64]
    var total: Int64
    /// Runs that took the whole objective (the overflow bin).
    var atTop: Int64

    init(_ h: StudyResult.Histogram) {
        lo = h.lo; hi = h.hi > h.lo ? h.hi : h.lo + 1
        var c = h.counts.map { max(0, $0) }
        atTop = c.count > 1 ? c.removeLast() : 0
        if c.isEmpty { c = [0] }
        c[c.count - 1] &+= atTop
        counts = c
        total = c.reduce(0, &+)
        zeros = h.zeros
    }

    var width: Double { (hi - lo) / Double(counts.count) }

    /// Runs whose share was exactly 0 (nil in results of earlier versions).
    var zeros: Int64?

    /// The q-quantile interpolated within its bin, the exact zeros a point
    /// mass at 0 (`FixedHistogram.quantile`); nil without runs.
    func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let v = FixedHistogram.quantile(q, lo: lo, width: width, counts: counts + [0], zeros: zeros ?? 0)
        return v.isFinite ? v : hi
    }

    /// A quantile as a percentage, "under 2%" when it falls inside the first
    /// bin above 0 (the histogram cannot place it closer than its bin).
    func percentQuantile(_ q: Double) -> String {
        guard let v = quantile(q) else { return "–" }
        if v > lo && v < lo + width { return "under " + Markup.percent(lo + width, decimals: 0) }
        return Markup.percent(v, decimals: 0)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
    func lowercasedFirst() -> String {
        // Keep acronyms ("NATO deployment") as written.
        guard let f = first, count > 1, let s = dropFirst().first, !s.isUppercase else { return self }
        return f.lowercased() + dropFirst()
    }
    func uppercasedFirst() -> String { guard let f = first else { return self }; return f.uppercased() + dropFirst() }
}
