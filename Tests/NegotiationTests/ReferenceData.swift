import GuarantorModel
import Foundation
@testable import Negotiation

/// Where the shared reference data lives: `<root>/../shared/reference`, the
/// root being the directory holding Package.swift.
enum ReferenceData {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return url
    }()

    static let emissionStandardsURL = packageRoot
        .deletingLastPathComponent()
        .appendingPathComponent("shared/reference/negotiation/emission-standards.csv")

    static var hasEmissionStandards: Bool { FileManager.default.fileExists(atPath: emissionStandardsURL.path) }

    /// Bueno de Mesquita's (1994) ten EC members on car emission standards
    /// (position in years, 4 = strictest ... 10 = laxest), as tabulated by
    /// Scholz, Calbert & Smith (2011, Table 1).
    static let emissionStandards: [BargainingActor] = [
        .init(name: "Netherlands", capability: 0.08, position: 4, salience: 0.8),
        .init(name: "Belgium", capability: 0.08, position: 7, salience: 0.4),
        .init(name: "Luxembourg", capability: 0.03, position: 4, salience: 0.2),
        .init(name: "Germany", capability: 0.16, position: 4, salience: 0.8),
        .init(name: "France", capability: 0.16, position: 10, salience: 0.6),
        .init(name: "Italy", capability: 0.16, position: 10, salience: 0.6),
        .init(name: "UK", capability: 0.16, position: 10, salience: 0.9),
        .init(name: "Ireland", capability: 0.05, position: 7, salience: 0.1),
        .init(name: "Denmark", capability: 0.05, position: 4, salience: 1.0),
        .init(name: "Greece", capability: 0.08, position: 7, salience: 0.7),
    ]
}

/// Draws for property tests, from the project's SplitMix64.
extension SplitMix64 {
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    /// Actors on a 0...100 scale, with positions on a coarse grid so that
    /// several actors share positions, as they do in real data.
    mutating func actors(count: Int) -> [BargainingActor] {
        (0..<count).map { k in
            BargainingActor(name: "A\(k)", capability: 0.05 + uniform(), position: Double(int(0...10) * 10),
                            salience: 0.05 + 0.95 * uniform())
        }
    }
}

extension BargainingOptions {
    /// Every combination of the categorical options, for property tests.
    static var allCombinations: [BargainingOptions] {
        var result: [BargainingOptions] = []
        for d in ProbabilityDenominator.allCases {
            for c in CompromiseRule.allCases {
                for r in RiskRecalculation.allCases {
                    for p in Perspective.allCases {
                        for k in ConflictRule.allCases {
                            for s in OfferSelection.allCases {
                                var o = BargainingOptions()
                                o.probabilityDenominator = d
                                o.compromise = c
                                o.riskRecalculation = r
                                o.perspective = p
                                o.conflict = k
                                o.offerSelection = s
                                result.append(o)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
