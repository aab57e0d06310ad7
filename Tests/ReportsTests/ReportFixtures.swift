@testable import CrisisEngine
import Deterrence
import Foundation
import FoundationXML
import Testing
@testable import Reports

/// Study and comparison results built by hand, with known numbers and with
/// names full of characters that must be escaped.
enum Fixtures {
    static let nastyName = "A&B <Alliance> \"quoted\" 'single'"

    static func commitment(_ agreement: String, _ kind: String, unit: String, honour: Double, p50: Double?) -> StudyResult.CommitmentFigures {
        var q = Quantiles(FixedHistogram(lo: 0, hi: 10, bins: 10))
        q.p10 = p50.map { $0 - 5 }; q.p50 = p50; q.p90 = p50.map { $0 + 10 }; q.pWithinHorizon = p50 == nil ? 0 : 0.8
        return .init(agreement: agreement, kind: kind, unit: unit, honourProbability: Estimate(mean: honour, se: 0.01),
                     firstEffectDay: q, deliveredByDay: .init(d30: Estimate(mean: 1.5, se: 0.1), d90: Estimate(mean: 4.25, se: 0.2), d365: Estimate(mean: 9, se: 0.3)))
    }

    static func histogram(peak: Int, count: Int64 = 100, overflow: Int64 = 0) -> StudyResult.Histogram {
        var counts = [Int64](repeating: 0, count: 51)
        counts[peak] = count
        counts[50] = overflow
        return .init(lo: 0, hi: 1, counts: counts)
    }

    static func study(name: String = "Test <scenario> & co", pDeterred: Double = 0.62, deterrence: Bool = true, sensitivity: Bool = true) -> StudyResult {
        var q = Quantiles(FixedHistogram(lo: 0, hi: 10, bins: 10))
        q.p10 = 6; q.p50 = 9; q.p90 = 15; q.pWithinHorizon = 0.5
        let meta = StudyResult.Meta(scenario: name, scenarioSHA256: "abc123def456", seed: 7, runs: 2000, version: "0.1.0", runDays: 240_000,
                                    horizonDays: 120, referenceAttack: "invasion")
        let guarantors = [
            StudyResult.GuarantorFigures(id: "G1", name: "Leader", honourProbability: Estimate(mean: 0.4305, se: 0.011),
                                         perceivedHonourProbability: Estimate(mean: 0.344, se: 0.0106), agreementInForce: Estimate(mean: 0.913, se: 0.0063),
                                         commitments: [commitment("pact", "sanctions", unit: "EUR 2024", honour: 0.4085, p50: 14),
                                                       commitment("pact", "arms_deliveries", unit: "test index", honour: 0.344, p50: 42)]),
            StudyResult.GuarantorFigures(id: "G2", name: nastyName, honourProbability: Estimate(mean: 0.385, se: 0.0108),
                                         perceivedHonourProbability: Estimate(mean: 0.3025, se: 0.0102), agreementInForce: Estimate(mean: 1, se: 0),
                                         commitments: [commitment("pact", "intelligence_sharing", unit: "", honour: 0.388, p50: nil)]),
        ]
        func attack(_ type: String, _ kind: String, _ name: String, share: Double, peak: Int, overflow: Int64 = 0, eu: Double, best: Double) -> StudyResult.AttackFigures {
            .init(type: type, kind: kind, name: name, objectiveShare: Estimate(mean: share, se: 0.005), aggressorLosses: Estimate(mean: 50, se: 0.4),
                  protegeLosses: Estimate(mean: 120, se: 0.3), sanctionsCost: Estimate(mean: 2676, se: 56), escalationProbability: Estimate(mean: 0.02, se: 0.001),
                  objectiveShareHistogram: histogram(peak: peak, overflow: overflow), expectedUtility: deterrence ? Estimate(mean: eu, se: 0.53) : nil,
                  pBestResponse: deterrence ? best : nil)
        }
        let attacks = [
            attack("strikes", "strikes", "Strike campaign", share: 0.45, peak: 22, eu: 44.2, best: 0.1),
            attack("incursion", "limited_incursion", "Limited incursion", share: 0.01, peak: 0, eu: -22.36, best: 0.05),
            attack("invasion", "full_invasion", "Full invasion", share: 0.939, peak: 47, overflow: 300, eu: 61.84, best: 0.23),
        ]
        let aid = stride(from: 0, through: 120, by: 30).map { d in
            StudyResult.AidPoint(day: d, p10: Double(d) / 100, p50: Double(d) / 40, p90: d == 60 ? nil : Double(d) / 10)
        }
        let det = deterrence ? StudyResult.DeterrenceFigures(
            pDeterred: Estimate(mean: pDeterred, se: 0.011), bestResponse: "invasion", probeRisk: Estimate(mean: 0.05, se: 0.004),
            credibilityGap: [.init(guarantor: "G1", actual: 0.4305, perceived: 0.344, gap: 0.0865)], aggressorTypes: 20000, statusQuoUtility: 0) : nil
        let sens = sensitivity ? StudyResult.Sensitivity(runsPerVariant: 500, baselinePDeterred: pDeterred, baselineObjectiveShare: 0.939, rows: [
            .init(input: "protege.combat_power", low: 80, high: 120, pDeterredLow: 0.5, pDeterredHigh: 0.7, objectiveShareLow: 0.99, objectiveShareHigh: 0.77,
                  swingPDeterred: 0.2, swingObjectiveShare: 0.22),
            .init(input: "aggressor.combat_power", low: 150, high: 250, pDeterredLow: 0.8, pDeterredHigh: 0.3, objectiveShareLow: 0.69, objectiveShareHigh: 1,
                  swingPDeterred: 0.5, swingObjectiveShare: 0.31),
            .init(input: "guarantors.G2.honour", low: 0.43, high: 0.57, pDeterredLow: 0.61, pDeterredHigh: 0.63, objectiveShareLow: 0.94, objectiveShareHigh: 0.938,
                  swingPDeterred: 0.02, swingObjectiveShare: 0.002),
        ]) : nil
        return StudyResult(meta: meta, headline: .init(pAllHonour: Estimate(mean: 0.2275, se: 0.0094), daysToFirstMilitaryAid: q,
                                                       aidDeliveredByDay90: Estimate(mean: 2.82, se: 0.0785)),
                           guarantors: guarantors, attacks: attacks, aidOverTime: aid, deterrence: det, sensitivity: sens, accumulator: nil)
    }

    static func comparison() -> Deterrence.ComparisonResult {
        let a = study(name: "Executive agreement", pDeterred: 0.41)
        let b = study(name: "Ratified treaty, \"Senate\" & co", pDeterred: 0.62)
        return Deterrence.ComparisonResult(runs: 2000, seed: 7, version: "0.1.0",
                                rows: [.init(scenario: a.meta.scenario, file: "old.yaml", study: a), .init(scenario: b.meta.scenario, file: "new.yaml", study: b)],
                                explanation: ["The treaty survives the next US election in 80% of runs <vs> 50%.", "Second sentence."])
    }
}

/// Parsing helpers for the SVG checks.
enum SVG {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func parse(_ text: String) throws -> XMLElement {
        let doc = try XMLDocument(xmlString: text, options: [])
        guard let root = doc.rootElement() else { throw Failure(description: "no root element") }
        return root
    }

    static func all(_ root: XMLElement, _ xpath: String) throws -> [XMLElement] {
        try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    /// Looks through the attributes by name (FoundationXML's `attribute(forName:)`
    /// misses attributes of elements in the default SVG namespace).
    static func attr(_ e: XMLElement, _ name: String) -> String? {
        e.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }

    static func number(_ e: XMLElement, _ name: String) -> Double? { attr(e, name).flatMap(Double.init) }

    /// Elements whose `class` attribute contains `cls` (XPath 1.0 in libxml2 has no `contains-token`).
    static func byClass(_ root: XMLElement, _ element: String, _ cls: String) throws -> [XMLElement] {
        try all(root, "//*[local-name()='\(element)'][contains(concat(' ', @class, ' '), ' \(cls) ')]")
    }

    static func texts(_ root: XMLElement, _ cls: String) throws -> [String] {
        try byClass(root, "text", cls).map { $0.stringValue ?? "" }
    }

    /// The `<svg>` elements embedded in an HTML page.
    static func embedded(in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }
}
