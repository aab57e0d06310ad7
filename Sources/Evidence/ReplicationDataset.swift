/// The published replication files `guarantor calibrate` understands.
public enum ReplicationDataset: String, CaseIterable, Sendable, Codable {
    case berkemeierFuhrmann2018 = "berkemeier-fuhrmann-2018"
    case leedsAnac2005 = "leeds-anac-2005"

    public var citation: String {
        switch self {
        case .berkemeierFuhrmann2018:
            return "Berkemeier & Fuhrmann (2018), Reassessing the fulfillment of alliance commitments in war, Research & Politics 5(2)"
        case .leedsAnac2005:
            return "Leeds & Anac (2005), Alliance Institutionalization and Alliance Performance, International Interactions 31(3):183-202"
        }
    }

    /// The file the authors published, so that a user knows what to pass.
    public var expectedFile: String {
        switch self {
        case .berkemeierFuhrmann2018: return "BerkemeierFuhrmannRAP2018_0303.csv (CSV export of the .dta)"
        case .leedsAnac2005: return "LeedsAnacIIrep.csv (CSV export of LeedsAnacIIrep.dta)"
        }
    }
}
