import GuarantorModel

/// The catalogue of named priors as `guarantor priors` shows it.
public enum PriorCatalogue {
    public struct Entry: Sendable, Codable, Hashable {
        public var name: String
        public var rate: Double
        /// Central 90 % interval of Beta(honoured + 1, failed + 1); nil without counts.
        public var interval90: [Double]?
        public var honoured: Int?
        public var opportunities: Int?
        public var distribution: String
        public var sample: String
        public var citation: String
        public var provenance: String

        enum CodingKeys: String, CodingKey {
            case name, rate, interval90, honoured, opportunities, distribution, sample, citation, provenance
        }

        // Absent counts are written as null so every entry has the same keys.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(rate, forKey: .rate)
            try c.encode(interval90, forKey: .interval90)
            try c.encode(honoured, forKey: .honoured)
            try c.encode(opportunities, forKey: .opportunities)
            try c.encode(distribution, forKey: .distribution)
            try c.encode(sample, forKey: .sample)
            try c.encode(citation, forKey: .citation)
            try c.encode(provenance, forKey: .provenance)
        }
    }

    public static func entries(_ priors: [NamedPrior] = NamedPrior.catalogue) -> [Entry] {
        priors.map { p in
            Entry(name: p.name, rate: p.rate, interval90: p.interval90.map { [$0.lowerBound, $0.upperBound] },
                  honoured: p.honoured, opportunities: p.opportunities, distribution: p.distribution.notation,
                  sample: p.sample, citation: p.citation, provenance: p.provenance)
        }
    }

    public static func json(_ priors: [NamedPrior] = NamedPrior.catalogue) throws(EvidenceError) -> String {
        try EvidenceJSON.encode(entries(priors))
    }

    public static func text(_ priors: [NamedPrior] = NamedPrior.catalogue) -> String {
        var t = TextTable(header: ["name", "rate", "90 % interval", "n", "distribution"])
        for e in entries(priors) {
            let interval = e.interval90.map { "\(Format.percent($0[0]))-\(Format.percent($0[1]))" } ?? "no counts"
            let n = e.honoured.flatMap { h in e.opportunities.map { "\(h)/\($0)" } } ?? "-"
            t.add([e.name, Format.percent(e.rate), interval, n, e.distribution])
        }
        var out = ["Named priors for a guarantor's base honour probability (use `prior: NAME` in a scenario).",
                   "Counted priors are Beta(honoured + 1, failed + 1); published rates without counts are constants.", "",
                   t.render(), "", "Samples and citations:"]
        for e in entries(priors) {
            out.append("  \(e.name): \(e.sample).")
            out.append("    \(e.citation). [\(e.provenance)]")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
