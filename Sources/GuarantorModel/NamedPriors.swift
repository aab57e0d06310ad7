/// Named priors for a guarantor's base honour probability (MODEL.md 3.4,
/// `prior: NAME` in a scenario). Each carries its counts, its sample and its
/// citation; the uncertainty is Beta(honoured + 1, failed + 1) where counts exist.
public struct NamedPrior: Hashable, Sendable, Codable {
    public var name: String
    public var honoured: Int?
    public var opportunities: Int?
    /// Published or computed rate.
    public var rate: Double
    public var sample: String
    public var citation: String

    public init(name: String, honoured: Int?, opportunities: Int?, rate: Double, sample: String, citation: String) {
        self.name = name; self.honoured = honoured; self.opportunities = opportunities
        self.rate = rate; self.sample = sample; self.citation = citation
    }

    /// The base honour probability as a distribution: a beta posterior from the
    /// counts under a uniform prior, or the published rate when there are none.
    public var distribution: Distribution {
        if let h = honoured, let n = opportunities {
            return .beta(a: Double(h) + 1, b: Double(n - h) + 1)
        }
        return .constant(rate)
    }

    public static func named(_ name: String) -> NamedPrior? { catalogue.first { $0.name == name } }

    public static let catalogue: [NamedPrior] = [
        NamedPrior(name: "leeds2000", honoured: nil, opportunities: nil, rate: 0.745,
                   sample: "alliance commitments whose casus foederis arose, wars 1816-1944",
                   citation: "Leeds, Long & Mitchell (2000), Reevaluating Alliance Reliability, JCR 44(5):686-699"),
        NamedPrior(name: "berkemeier2018", honoured: 73, opportunities: 146, rate: 0.5,
                   sample: "alliance-war opportunities, IWD wars 1816-2003 (LLM coding)",
                   citation: "Berkemeier & Fuhrmann (2018), Reassessing the fulfillment of alliance commitments in war, Research & Politics 5(2)"),
        NamedPrior(name: "defence_pacts_post1945", honoured: 6, opportunities: 43, rate: 0.14,
                   sample: "defence pacts whose casus foederis arose, 1945-2003",
                   citation: "Berkemeier & Fuhrmann (2018), Research & Politics 5(2), computed from the replication file"),
    ]
}
