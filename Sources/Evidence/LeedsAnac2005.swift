/// Leeds & Anac (2005): one invoked commitment of `LeedsAnacIIrep` (every row
/// is an opportunity; `honor3 == 1` is honoured, the dependent variable of
/// Tables 4 and 5 of the paper).
public struct LeedsAnacObservation: Sendable, Hashable, Codable {
    public var line: Int
    public var values: [String: Double]

    public func value(_ column: String) -> Double? { values[column] }
    public var isHonoured: Bool { equals(values["honor3"], 1) }
}

public enum LeedsAnac2005 {
    /// Every numeric column of the replication file.
    public static let columns = ["war", "atopid", "ccode1", "honor3", "milinst", "formal", "chcap2d", "dinstch2",
                                 "origtar1", "honor2", "chalcapd", "chcp2d20", "regch2", "wartime", "active", "bilat"]

    public static func observations(_ table: CSVTable) throws(EvidenceError) -> [LeedsAnacObservation] {
        try requireColumns(table, columns, dataset: .leedsAnac2005)
        var out: [LeedsAnacObservation] = []
        for row in table.rows {
            var values: [String: Double] = [:]
            for c in columns { values[c] = try table.number(row, c) }
            out.append(LeedsAnacObservation(line: row.line, values: values))
        }
        return out
    }

    public static func replicate(csv text: String) throws(EvidenceError) -> Replication {
        replicate(try observations(try CSVTable(parsing: text)))
    }

    public static func replicate(_ all: [LeedsAnacObservation]) -> Replication {
        // Stata drops a missing dependent variable from `tab`; so do we.
        let coded = all.filter { $0.value("honor3") != nil }
        let t = Tally(observations: coded, isHonoured: \.isHonoured)
        func r(_ rate: HonourRate, _ h: Int?, _ n: Int?) -> Replication.Replicated {
            Replication.Replicated(rate: rate, publishedHonoured: h, publishedOpportunities: n,
                                   publishedIn: h == nil ? nil : "ALLIANCES.md section 2 / reliability_base_rates.csv")
        }
        func is_(_ c: String, _ k: Double) -> (LeedsAnacObservation) -> Bool { { equals($0.value(c), k) } }
        let rates: [Replication.Replicated] = [
            r(t.rate("all", "all invoked commitments", prior: "leeds_anac2005"), 93, 137),
            r(t.rate("active", "active pacts (defence or offence)", prior: "leeds_anac2005_active", where: is_("active", 1)), 55, 93),
            r(t.rate("not_active", "neutrality or non-aggression pacts", prior: "leeds_anac2005_neutrality_nonaggression",
                     where: is_("active", 0)), 38, 44),
            r(t.rate("milinst0", "no military institutionalisation (milinst 0)", prior: "leeds_anac2005_milinst_none",
                     where: is_("milinst", 0)), 63, 81),
            r(t.rate("milinst1", "moderate military institutionalisation (milinst 1)", prior: "leeds_anac2005_milinst_moderate",
                     where: is_("milinst", 1)), 18, 30),
            r(t.rate("milinst2", "high military institutionalisation (milinst 2)", prior: "leeds_anac2005_milinst_high",
                     where: is_("milinst", 2)), 12, 26),
            r(t.rate("chcap2d1", "capability change since formation (chcap2d 1)", prior: "leeds_anac2005_capability_change",
                     where: is_("chcap2d", 1)), 30, 61),
            r(t.rate("chcap2d0", "no capability change (chcap2d 0)", prior: "leeds_anac2005_no_capability_change",
                     where: is_("chcap2d", 0)), 63, 76),
            r(t.rate("dinstch21", "change in democratic institutions (dinstch2 1)", prior: "leeds_anac2005_democratic_change",
                     where: is_("dinstch2", 1)), 8, 27),
            r(t.rate("dinstch20", "no change in democratic institutions (dinstch2 0)", prior: "leeds_anac2005_no_democratic_change",
                     where: is_("dinstch2", 0)), 85, 110),
            r(t.rate("regch21", "regime change (regch2 1)", prior: "leeds_anac2005_regime_change", where: is_("regch2", 1)), 2, 7),
            r(t.rate("regch20", "no regime change (regch2 0)", where: is_("regch2", 0)), nil, nil),
            r(t.rate("wartime1", "alliance formed in wartime", prior: "leeds_anac2005_wartime", where: is_("wartime", 1)), 31, 33),
            r(t.rate("wartime0", "alliance formed in peacetime", prior: "leeds_anac2005_peacetime", where: is_("wartime", 0)), 62, 104),
            r(t.rate("bilat1", "bilateral alliances", prior: "leeds_anac2005_bilateral", where: is_("bilat", 1)), 80, 107),
            r(t.rate("bilat0", "multilateral alliances", prior: "leeds_anac2005_multilateral", where: is_("bilat", 0)), 13, 30),
            r(t.rate("formal0", "formality 0 (neither public treaty nor organisation)", where: is_("formal", 0)), nil, nil),
            r(t.rate("formal1", "formality 1 (public treaty or organisation)", where: is_("formal", 1)), nil, nil),
            r(t.rate("formal2", "formality 2 (public treaty and organisation)", where: is_("formal", 2)), nil, nil),
        ]
        return Replication(
            dataset: .leedsAnac2005, citation: ReplicationDataset.leedsAnac2005.citation,
            observations: all.count, opportunities: coded.count,
            rule: "every row with honor3 coded is an invoked commitment; honoured: honor3 == 1",
            rates: rates)
    }
}
