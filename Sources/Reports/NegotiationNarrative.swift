import GuarantorModel
import Negotiation

/// The sentences and numbers every negotiation report shares, so that text,
/// Markdown and HTML say the same thing in the same words.
enum NegotiationNarrative {
    static func position(_ x: Double) -> String { Format.fixed(x, decimals: 2) }

    static func percent(_ p: Double) -> String { Format.percent(p, decimals: 1) }

    /// "1.00 (Freeze on the line of contact)" or "1.40 (nearest: Freeze ...)".
    static func positionWithLabel(_ x: Double, issue: NegotiationIssue) -> String {
        let k = issue.nearestPoint(to: x)
        let label = issue.points.indices.contains(k) ? issue.points[k].label : ""
        if abs(x - Double(k)) < 0.005 { return "\(position(x)) (\(label))" }
        return "\(position(x)) (nearest: \(label))"
    }

    static func optionsLine(_ o: BargainingOptions) -> String {
        "probability denominator \(o.probabilityDenominator.rawValue), compromise \(o.compromise.rawValue), "
            + "risk \(o.riskRecalculation.rawValue), perspective \(o.perspective.rawValue), conflict \(o.conflict.rawValue), "
            + "offers \(o.offerSelection.rawValue), forecast \(o.forecast.rawValue), range \(o.distanceRange.rawValue), "
            + "Q \(Format.number(o.statusQuoProbability)), at most \(o.maximumRounds) rounds"
    }

    static func stopReason(_ r: BargainingTrajectory.StopReason) -> String {
        switch r {
        case .forecastSettled: return "the forecast settled"
        case .nobodyMoves: return "nobody accepted an offer any more"
        case .agreement: return "every actor holds the same position"
        case .roundLimit: return "the round limit was reached"
        }
    }

    /// Who moved whom, and why, in one sentence.
    static func move(_ m: Offer, names: [String], issue: NegotiationIssue) -> String {
        let mover = names.indices.contains(m.mover) ? names[m.mover] : "?"
        let proposer = names.indices.contains(m.proposer) ? names[m.proposer] : "?"
        let verb: String
        switch m.kind {
        case .confrontation: verb = "lost a confrontation with \(proposer) and moved to its position"
        case .compromise: verb = "compromised with \(proposer)"
        case .capitulation: verb = "gave in to \(proposer)"
        }
        return "\(mover) \(verb): \(position(m.from)) -> \(positionWithLabel(m.to, issue: issue)). "
            + "\(mover) expected \(signed(m.moverExpectedUtility)) from challenging \(proposer), "
            + "\(proposer) expected \(signed(m.proposerExpectedUtility)) from challenging \(mover) "
            + "(\(proposer) would win a contest between the two with probability \(Format.fixed(m.proposerSuccessProbability, decimals: 2)))."
    }

    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + Format.fixed(x, decimals: 3) }

    /// Quantiles as "5%: 0.80, 25%: ...".
    static func quantiles(_ d: IssueDistribution) -> String {
        d.quantiles.map { "\(Format.percent($0.probability, decimals: 0)): \(position($0.value))" }.joined(separator: ", ")
    }
}
