/// Berkemeier & Fuhrmann (2018): one alliance-war observation of the replication file.
///
/// The do-file (`Replication_2018-0305.do`) counts an observation as an
/// opportunity when `dnaLLM~=1` (a missing dnaLLM is an opportunity, as in
/// Stata) and as honoured when `honorLLM==1`; `sample==1` is 1816-1944 and
/// `sample==0` is 1945-2003.
public struct BerkemeierFuhrmannObservation: Sendable, Hashable, Codable {
    public var line: Int
    public var warName: String
    public var atopid: Double?
    public var sample: Double?
    public var multilateral: Double?
    public var dnaLLM: Double?
    public var honorLLM: Double?
    public var dnaBF: Double?
    public var honorBF: Double?
    public var sabroskyHonorLLM: Double?
    public var defense: Double?
    public var offense: Double?
    public var neutral: Double?
    public var nonagg: Double?

    public var isOpportunity: Bool { !equals(dnaLLM, 1) }
    public var isHonoured: Bool { equals(honorLLM, 1) }
    public var isPre1945: Bool { equals(sample, 1) }
    public var isPost1945: Bool { equals(sample, 0) }
}

public enum BerkemeierFuhrmann2018 {
    static let columns = ["sample", "warname", "atopid", "multilateral", "dnaLLM", "honorLLM", "dnaBF", "honorBF",
                          "sabroskyhonorllm", "defense", "offense", "neutral", "nonagg"]

    public static func observations(_ table: CSVTable) throws(EvidenceError) -> [BerkemeierFuhrmannObservation] {
        try requireColumns(table, columns, dataset: .berkemeierFuhrmann2018)
        var out: [BerkemeierFuhrmannObservation] = []
        for row in table.rows {
            out.append(BerkemeierFuhrmannObservation(
                line: row.line, warName: table.text(row, "warname") ?? "",
                atopid: try table.number(row, "atopid"), sample: try table.number(row, "sample"),
                multilateral: try table.number(row, "multilateral"),
                dnaLLM: try table.number(row, "dnaLLM"), honorLLM: try table.number(row, "honorLLM"),
                dnaBF: try table.number(row, "dnaBF"), honorBF: try table.number(row, "honorBF"),
                sabroskyHonorLLM: try table.number(row, "sabroskyhonorllm"),
                defense: try table.number(row, "defense"), offense: try table.number(row, "offense"),
                neutral: try table.number(row, "neutral"), nonagg: try table.number(row, "nonagg")))
        }
        return out
    }

    /// Every rate of the paper and of ALLIANCES.md, section 2, from the file's text.
    public static func replicate(csv text: String) throws(EvidenceError) -> Replication {
        let table = try CSVTable(parsing: text)
        return replicate(try observations(table))
    }

    public static func replicate(_ all: [BerkemeierFuhrmannObservation]) -> Replication {
        let opportunities = all.filter(\.isOpportunity)
        let llm = Tally(observations: opportunities, isHonoured: \.isHonoured)
        let doFile = "Replication_2018-0305.do"
        let extra = "ALLIANCES.md section 2 / reliability_base_rates.csv (not in the paper)"
        func r(_ rate: HonourRate, _ h: Int?, _ n: Int?, _ source: String?) -> Replication.Replicated {
            Replication.Replicated(rate: rate, publishedHonoured: h, publishedOpportunities: n, publishedIn: source)
        }
        let defence: (BerkemeierFuhrmannObservation) -> Bool = { equals($0.defense, 1) }
        let active: (BerkemeierFuhrmannObservation) -> Bool = { equals($0.defense, 1) || equals($0.offense, 1) }
        let lenient = Tally(observations: opportunities, isHonoured: { equals($0.sabroskyHonorLLM, 1) })
        let bfCoded = Tally(observations: all.filter { !equals($0.dnaBF, 1) }, isHonoured: { equals($0.honorBF, 1) })
        let rates: [Replication.Replicated] = [
            r(llm.rate("all", "all commitments, 1816-2003", prior: "berkemeier2018"), 73, 146, doFile + " (Figure 1)"),
            r(llm.rate("pre1945", "wars 1816-1944", prior: "berkemeier2018_pre1945", where: \.isPre1945), 61, 92, doFile + " (Figure 2)"),
            r(llm.rate("post1945", "wars 1945-2003", prior: "berkemeier2018_post1945", where: \.isPost1945), 12, 54, doFile + " (Figure 2)"),
            r(llm.rate("defense", "defence pacts", prior: "defence_pacts_berkemeier2018", where: defence), 42, 102, doFile),
            r(llm.rate("defense_pre1945", "defence pacts, wars 1816-1944", prior: "defence_pacts_pre1945",
                       where: { defence($0) && $0.isPre1945 }), 36, 59, doFile),
            r(llm.rate("defense_post1945", "defence pacts, wars 1945-2003", prior: "defence_pacts_post1945",
                       where: { defence($0) && $0.isPost1945 }), 6, 43, doFile),
            r(llm.rate("offense", "offence pacts", prior: "offence_pacts_berkemeier2018", where: { equals($0.offense, 1) }), 31, 42, doFile),
            r(llm.rate("neutral", "neutrality pacts", prior: "neutrality_pacts_berkemeier2018", where: { equals($0.neutral, 1) }), 35, 45, doFile),
            r(llm.rate("nonagg", "non-aggression pacts", prior: "nonaggression_pacts_berkemeier2018", where: { equals($0.nonagg, 1) }), 18, 49, doFile),
            r(llm.rate("active", "active pacts (defence or offence)", prior: "active_berkemeier2018", where: active), 49, 109, extra),
            r(llm.rate("active_pre1945", "active pacts, wars 1816-1944", prior: "active_pre1945",
                       where: { active($0) && $0.isPre1945 }), 41, 64, extra),
            r(llm.rate("active_post1945", "active pacts, wars 1945-2003", prior: "active_post1945",
                       where: { active($0) && $0.isPost1945 }), 8, 45, extra),
            r(llm.rate("bilateral", "bilateral alliances", prior: "bilateral_berkemeier2018",
                       where: { equals($0.multilateral, 0) }), 62, 104, extra),
            r(llm.rate("multilateral_strict", "multilateral alliances (every member must honour)",
                       prior: "multilateral_strict_berkemeier2018", where: { equals($0.multilateral, 1) }), 11, 42, extra),
            r(lenient.rate("multilateral_lenient", "all, lenient multilateral standard (sabroskyhonorllm)",
                           prior: "multilateral_lenient_berkemeier2018"), 80, 146, extra),
            r(bfCoded.rate("bf_coding", "all, alternative BF coding (dnaBF, honorBF)", prior: "berkemeier2018_bf_coding"),
              69, 139, extra),
        ]
        return Replication(
            dataset: .berkemeierFuhrmann2018, citation: ReplicationDataset.berkemeierFuhrmann2018.citation,
            observations: all.count, opportunities: opportunities.count,
            rule: "opportunity: dnaLLM != 1 (missing counts as an opportunity, as in Stata); honoured: honorLLM == 1; sample 1 = 1816-1944, 0 = 1945-2003",
            rates: rates)
    }
}
