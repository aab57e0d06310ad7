/// The figures of a Monte Carlo study that a deterrence game needs, as plain numbers,
/// and the documented mapping from them to a `DeterrenceGameSpec` (docs/games.md).
public struct DeterrenceStudyFigures: Sendable, Equatable {
    public struct Guarantor: Sendable, Equatable {
        public var id: String
        /// Honour probability as the aggressor perceives it.
        public var perceivedHonour: Double
        public init(id: String, perceivedHonour: Double) {
            self.id = id
            self.perceivedHonour = perceivedHonour
        }
    }

    public struct Attack: Sendable, Equatable {
        public var id: String
        /// The aggressor's expected utility of this attack (mean over its types).
        public var expectedUtility: Double
        public init(id: String, expectedUtility: Double) {
            self.id = id
            self.expectedUtility = expectedUtility
        }
    }

    public var scenario: String
    public var statusQuoUtility: Double
    public var guarantors: [Guarantor]
    public var attacks: [Attack]

    public init(scenario: String, statusQuoUtility: Double, guarantors: [Guarantor], attacks: [Attack]) {
        self.scenario = scenario
        self.statusQuoUtility = statusQuoUtility
        self.guarantors = guarantors
        self.attacks = attacks
    }

    public static let defaultModelledGuarantors = 3
    /// Study figures (doubles) are rounded to multiples of 1/denominator.
    public static let roundingDenominator = 1_000_000
    /// Zagare & Kilgour's ordinal guarantor payoffs: bDD- < bDC < bDD+ < bSQ.
    public static let guarantorStatusQuo = Rational(3), guarantorRespondResolute = Rational(2)
    public static let guarantorAbandon = Rational(1), guarantorRespondIrresolute = Rational(0)

    /// The game, and which guarantors it models individually (the `modelled` the aggressor finds
    /// most resolute) and which it leaves out.
    public func deterrenceGame(modelled count: Int = defaultModelledGuarantors) throws
        -> (spec: DeterrenceGameSpec, modelled: [String], omitted: [String], expectedUtility: [Rational]) {
        func exact(_ x: Double, _ what: String) throws -> Rational {
            guard let r = Rational.rounded(x, toDenominator: DeterrenceStudyFigures.roundingDenominator) else {
                throw GameError("the study's \(what) (\(MessageNumber.text(x))) is not a finite number below 1e15 that a game can use")
            }
            return r
        }
        guard !guarantors.isEmpty else { throw GameError("the scenario has no guarantors, so there is no deterrence game") }
        guard !attacks.isEmpty else { throw GameError("the scenario has no attacks, so there is no deterrence game") }
        guard (1...DeterrenceGameSpec.maxGuarantors).contains(count) else {
            throw GameError("a deterrence game models 1 to \(DeterrenceGameSpec.maxGuarantors) guarantors individually, not \(count)")
        }
        let ranked = guarantors.enumerated().sorted {
            ($0.element.perceivedHonour, -$0.offset) > ($1.element.perceivedHonour, -$1.offset)
        }.map(\.offset)
        let chosen = Array(ranked.prefix(count)).sorted()
        let resolve = try chosen.map { try exact(min(1, max(0, guarantors[$0].perceivedHonour)), "perceived honour probability of \(guarantors[$0].id)") }
        let expectedShare = resolve.sum() / Rational(chosen.count)
        let statusQuo = try exact(statusQuoUtility, "status quo utility")
        var specAttacks: [DeterrenceGameSpec.Attack] = []
        var eus: [Rational] = []
        for a in attacks {
            let u = try exact(a.expectedUtility, "expected utility of \(a.id)")
            eus.append(u)
            // Who responds moves the payoff around the study's mean; the mean is kept, so the
            // spread (the size of the stakes) does not change the aggressor's choice.
            let spread = max(u.absoluteValue, (u - statusQuo).absoluteValue, .one)
            let payoffs = (0..<(1 << chosen.count)).map { mask -> Rational in
                u + spread * (expectedShare - Rational(mask.nonzeroBitCount) / Rational(chosen.count))
            }
            specAttacks.append(.init(label: a.id, challengerPayoff: payoffs))
        }
        let k = specAttacks.count
        let spec = DeterrenceGameSpec(
            title: "Deterrence game of \(scenario)", challenger: "Aggressor", statusQuoLabel: "status_quo",
            challengerStatusQuo: statusQuo, attacks: specAttacks,
            guarantors: chosen.enumerated().map { i, g in
                .init(name: guarantors[g].id, resolve: resolve[i], statusQuo: DeterrenceStudyFigures.guarantorStatusQuo,
                      respondIfResolute: Array(repeating: DeterrenceStudyFigures.guarantorRespondResolute, count: k),
                      respondIfIrresolute: Array(repeating: DeterrenceStudyFigures.guarantorRespondIrresolute, count: k),
                      abandon: Array(repeating: DeterrenceStudyFigures.guarantorAbandon, count: k))
            },
            respondLabel: "respond", abandonLabel: "abandon")
        return (spec, chosen.map { guarantors[$0].id }, guarantors.indices.filter { !chosen.contains($0) }.map { guarantors[$0].id }, eus)
    }
}
