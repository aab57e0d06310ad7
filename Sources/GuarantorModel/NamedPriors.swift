/// Named priors for a guarantor's base honour probability (MODEL.md 3.4,
/// `prior: NAME` in a scenario). Each carries its counts, its sample and its
/// citation; the uncertainty is Beta(honoured + 1, failed + 1) where counts exist.
///
/// Counted rates come from the replication files of Leeds & Anac (2005) and
/// Berkemeier & Fuhrmann (2018); `guarantor calibrate` recomputes every one of
/// them from a user-supplied copy of those files, and the Evidence tests check
/// the catalogue against `reliability_base_rates.csv`.
public struct NamedPrior: Hashable, Sendable, Codable {
    public var name: String
    public var honoured: Int?
    public var opportunities: Int?
    /// Published or computed rate (honoured / opportunities when counts exist).
    public var rate: Double
    public var sample: String
    public var citation: String
    /// How the number was obtained: quoted from a publication, or counted in a replication file.
    public var provenance: String

    public init(name: String, honoured: Int?, opportunities: Int?, rate: Double, sample: String, citation: String,
                provenance: String = "") {
        self.name = name; self.honoured = honoured; self.opportunities = opportunities
        self.rate = rate; self.sample = sample; self.citation = citation; self.provenance = provenance
    }

    /// The base honour probability as a distribution: a beta posterior from the
    /// counts under a uniform prior, or the published rate when there are none.
    public var distribution: Distribution {
        if let h = honoured, let n = opportunities, n >= h, h >= 0 {
            return .beta(a: Double(h) + 1, b: Double(n - h) + 1)
        }
        return .constant(rate)
    }

    /// The central 90 % interval of `distribution`; nil when the source gives no counts.
    public var interval90: ClosedRange<Double>? {
        guard case .beta = distribution else { return nil }
        return distribution.quantile(0.05)...distribution.quantile(0.95)
    }

    public static func named(_ name: String) -> NamedPrior? { catalogue.first { $0.name == name } }

    // Citations, written once so that every entry from one study cites it identically.
    static let sabrosky = "Sabrosky (1980), Interstate alliances: their reliability and the expansion of war, as summarised in the abstract of Leeds, Long & Mitchell (2000)"
    static let llm2000 = "Leeds, Long & Mitchell (2000), Reevaluating Alliance Reliability, JCR 44(5):686-699"
    static let leeds2003 = "Leeds (2003), Alliance Reliability in Times of War, International Organization 57(4):801-827"
    static let leedsAnac = "Leeds & Anac (2005), Alliance Institutionalization and Alliance Performance, International Interactions 31(3):183-202; replication file LeedsAnacIIrep"
    static let berkemeier = "Berkemeier & Fuhrmann (2018), Reassessing the fulfillment of alliance commitments in war, Research & Politics 5(2); replication file BerkemeierFuhrmannRAP2018_0303"
    static let chiba = "'What Does it Mean to be a Reliable Ally?' project page (likely Chiba et al.; authors and venue not verified)"

    static let published = "published rate (no counts given)"
    static let doFile = "counted in the replication file; equals the authors' do-file"
    static let counted = "counted in the replication file (not reported in the paper)"
    static let laBivariate = "counted in the replication file (bivariate)"

    static let laSample = "Leeds & Anac (2005): alliance commitments invoked in wars 1816-1944 (137 obs, 33 wars, 105 alliances; honor3)"
    static let bfSample = "Berkemeier & Fuhrmann (2018): alliance-war opportunities, IWD wars 1816-2003, LLM coding (dnaLLM excluded)"

    public static let catalogue: [NamedPrior] = [
        // Published rates without counts.
        NamedPrior(name: "leeds2000", honoured: nil, opportunities: nil, rate: 0.745,
                   sample: "alliance commitments whose casus foederis arose, wars 1816-1944",
                   citation: llm2000, provenance: published),
        NamedPrior(name: "leeds2003", honoured: nil, opportunities: nil, rate: 0.75,
                   sample: "alliance commitments in wars 1816-1944 ('about 75 percent')",
                   citation: leeds2003, provenance: published),
        NamedPrior(name: "sabrosky1980", honoured: nil, opportunities: nil, rate: 0.25,
                   sample: "all alliance members in wars, naive measure that ignores treaty conditions",
                   citation: sabrosky, provenance: published),
        NamedPrior(name: "reliable_ally_two_thirds", honoured: nil, opportunities: nil, rate: 0.67,
                   sample: "alliances invoked by war over about 200 years ('about two-thirds'); lower after 1945",
                   citation: chiba, provenance: published),

        // Berkemeier & Fuhrmann (2018), LLM coding.
        NamedPrior(name: "berkemeier2018", honoured: 73, opportunities: 146, rate: 73.0 / 146,
                   sample: bfSample + ", all commitments", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "berkemeier2018_pre1945", honoured: 61, opportunities: 92, rate: 61.0 / 92,
                   sample: bfSample + ", wars 1816-1944", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "berkemeier2018_post1945", honoured: 12, opportunities: 54, rate: 12.0 / 54,
                   sample: bfSample + ", wars 1945-2003", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "defence_pacts_berkemeier2018", honoured: 42, opportunities: 102, rate: 42.0 / 102,
                   sample: bfSample + ", defence pacts", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "defence_pacts_pre1945", honoured: 36, opportunities: 59, rate: 36.0 / 59,
                   sample: bfSample + ", defence pacts, wars 1816-1944", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "defence_pacts_post1945", honoured: 6, opportunities: 43, rate: 6.0 / 43,
                   sample: bfSample + ", defence pacts, wars 1945-2003", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "offence_pacts_berkemeier2018", honoured: 31, opportunities: 42, rate: 31.0 / 42,
                   sample: bfSample + ", offence pacts", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "neutrality_pacts_berkemeier2018", honoured: 35, opportunities: 45, rate: 35.0 / 45,
                   sample: bfSample + ", neutrality pacts", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "nonaggression_pacts_berkemeier2018", honoured: 18, opportunities: 49, rate: 18.0 / 49,
                   sample: bfSample + ", non-aggression pacts", citation: berkemeier, provenance: doFile),
        NamedPrior(name: "active_berkemeier2018", honoured: 49, opportunities: 109, rate: 49.0 / 109,
                   sample: bfSample + ", active pacts (defence or offence)", citation: berkemeier, provenance: counted),
        NamedPrior(name: "active_pre1945", honoured: 41, opportunities: 64, rate: 41.0 / 64,
                   sample: bfSample + ", active pacts, wars 1816-1944", citation: berkemeier, provenance: counted),
        NamedPrior(name: "active_post1945", honoured: 8, opportunities: 45, rate: 8.0 / 45,
                   sample: bfSample + ", active pacts, wars 1945-2003", citation: berkemeier, provenance: counted),
        NamedPrior(name: "bilateral_berkemeier2018", honoured: 62, opportunities: 104, rate: 62.0 / 104,
                   sample: bfSample + ", bilateral alliances", citation: berkemeier, provenance: counted),
        NamedPrior(name: "multilateral_strict_berkemeier2018", honoured: 11, opportunities: 42, rate: 11.0 / 42,
                   sample: bfSample + ", multilateral alliances, every member must honour",
                   citation: berkemeier, provenance: counted),
        NamedPrior(name: "multilateral_lenient_berkemeier2018", honoured: 80, opportunities: 146, rate: 80.0 / 146,
                   sample: bfSample + ", all commitments, a multilateral one honoured if one member helps (sabroskyhonorllm)",
                   citation: berkemeier, provenance: counted),
        NamedPrior(name: "berkemeier2018_bf_coding", honoured: 69, opportunities: 139, rate: 69.0 / 139,
                   sample: "Berkemeier & Fuhrmann (2018): IWD wars 1816-2003, the authors' alternative BF coding (dnaBF excluded)",
                   citation: berkemeier, provenance: counted),

        // Leeds & Anac (2005).
        NamedPrior(name: "leeds_anac2005", honoured: 93, opportunities: 137, rate: 93.0 / 137,
                   sample: laSample + ", all", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_active", honoured: 55, opportunities: 93, rate: 55.0 / 93,
                   sample: laSample + ", active pacts (defence or offence)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_neutrality_nonaggression", honoured: 38, opportunities: 44, rate: 38.0 / 44,
                   sample: laSample + ", neutrality or non-aggression pacts", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_milinst_none", honoured: 63, opportunities: 81, rate: 63.0 / 81,
                   sample: laSample + ", no military institutionalisation (milinst 0)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_milinst_moderate", honoured: 18, opportunities: 30, rate: 18.0 / 30,
                   sample: laSample + ", moderate military institutionalisation (milinst 1)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_milinst_high", honoured: 12, opportunities: 26, rate: 12.0 / 26,
                   sample: laSample + ", high military institutionalisation (milinst 2; a selection effect per the authors)",
                   citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_capability_change", honoured: 30, opportunities: 61, rate: 30.0 / 61,
                   sample: laSample + ", capability change since formation (chcap2d 1)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_no_capability_change", honoured: 63, opportunities: 76, rate: 63.0 / 76,
                   sample: laSample + ", no capability change (chcap2d 0)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_democratic_change", honoured: 8, opportunities: 27, rate: 8.0 / 27,
                   sample: laSample + ", change in democratic institutions (dinstch2 1)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_no_democratic_change", honoured: 85, opportunities: 110, rate: 85.0 / 110,
                   sample: laSample + ", no change in democratic institutions (dinstch2 0)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_regime_change", honoured: 2, opportunities: 7, rate: 2.0 / 7,
                   sample: laSample + ", regime change (regch2 1)", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_wartime", honoured: 31, opportunities: 33, rate: 31.0 / 33,
                   sample: laSample + ", alliance formed in wartime", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_peacetime", honoured: 62, opportunities: 104, rate: 62.0 / 104,
                   sample: laSample + ", alliance formed in peacetime", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_bilateral", honoured: 80, opportunities: 107, rate: 80.0 / 107,
                   sample: laSample + ", bilateral alliances", citation: leedsAnac, provenance: laBivariate),
        NamedPrior(name: "leeds_anac2005_multilateral", honoured: 13, opportunities: 30, rate: 13.0 / 30,
                   sample: laSample + ", multilateral alliances", citation: leedsAnac, provenance: laBivariate),
    ]
}
