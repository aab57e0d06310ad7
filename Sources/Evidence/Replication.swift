/// A replication of a published honour-rate table from the authors' file.
public struct Replication: Sendable, Codable {
    public var dataset: ReplicationDataset
    public var citation: String
    /// Observations in the file.
    public var observations: Int
    /// Observations that are opportunities to honour (the rest are "does not apply").
    public var opportunities: Int
    /// How the filter was applied, as the authors' do-file applies it.
    public var rule: String
    public var rates: [Replicated]

    /// A computed rate beside the number the authors published, if they published one.
    public struct Replicated: Sendable, Codable, Hashable {
        public var rate: HonourRate
        public var publishedHonoured: Int?
        public var publishedOpportunities: Int?
        /// Where the published number is printed (do-file comment, paper, ALLIANCES.md).
        public var publishedIn: String?
        /// nil when nothing was published for this subset.
        public var matchesPublished: Bool?

        public init(rate: HonourRate, publishedHonoured: Int?, publishedOpportunities: Int?, publishedIn: String?) {
            self.rate = rate; self.publishedHonoured = publishedHonoured
            self.publishedOpportunities = publishedOpportunities; self.publishedIn = publishedIn
            if let h = publishedHonoured, let n = publishedOpportunities {
                matchesPublished = h == rate.honoured && n == rate.opportunities
            }
        }
    }

    public func rate(_ key: String) -> HonourRate? { rates.first { $0.rate.key == key }?.rate }
}

/// Stata's comparison semantics: a missing value is never equal to a number.
func equals(_ v: Double?, _ k: Double) -> Bool { v.map { $0 == k } ?? false }

/// The columns a dataset needs, checked before anything is counted so the
/// user hears about every missing column at once.
func requireColumns(_ table: CSVTable, _ names: [String], dataset: ReplicationDataset) throws(EvidenceError) {
    let missing = table.missingColumns(names)
    guard missing.isEmpty else {
        throw EvidenceError(line: 1, column: nil,
                            "this does not look like the \(dataset.rawValue) replication file (\(dataset.expectedFile)): missing column(s) \(missing.joined(separator: ", "))")
    }
}
