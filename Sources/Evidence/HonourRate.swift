import GuarantorModel

/// One line of a replication table: how many invoked commitments in a subset
/// were honoured. Printed as the papers print it, "73/146 = 50.0 %".
public struct HonourRate: Hashable, Sendable, Codable {
    /// Stable key for JSON and tests, e.g. `defense_post1945`.
    public var key: String
    /// What the subset is, in words.
    public var subset: String
    public var honoured: Int
    public var opportunities: Int
    /// The named prior in the catalogue that carries this rate, if any.
    public var prior: String?

    public init(key: String, subset: String, honoured: Int, opportunities: Int, prior: String? = nil) {
        self.key = key; self.subset = subset; self.honoured = honoured
        self.opportunities = opportunities; self.prior = prior
    }

    /// nil when the subset is empty.
    public var rate: Double? { opportunities > 0 ? Double(honoured) / Double(opportunities) : nil }

    /// "73/146 = 50.0 %"
    public var text: String {
        guard let rate else { return "\(honoured)/\(opportunities) = n/a" }
        return "\(honoured)/\(opportunities) = \(Format.fixed(rate * 100, decimals: 1)) %"
    }
}

/// Counts honoured cases over a subset of observations.
struct Tally<Observation> {
    let observations: [Observation]
    let isHonoured: (Observation) -> Bool

    func rate(_ key: String, _ subset: String, prior: String? = nil,
              where include: (Observation) -> Bool = { _ in true }) -> HonourRate {
        var h = 0, n = 0
        for o in observations where include(o) {
            n += 1
            if isHonoured(o) { h += 1 }
        }
        return HonourRate(key: key, subset: subset, honoured: h, opportunities: n, prior: prior)
    }
}
