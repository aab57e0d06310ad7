/// The challenger-guarantor deterrence game of a scenario, after the asymmetric
/// deterrence game of Zagare & Kilgour, *Perfect Deterrence* (Cambridge UP, 2000),
/// extended to several guarantors and several kinds of attack.
///
/// Nature draws each guarantor's type: *resolute* with its honour probability, else
/// *irresolute*. The challenger, not knowing the types, keeps the status quo or attacks
/// (a probe, a full attack, ...). Each guarantor then responds or abandons the protégé,
/// knowing its own type, the attack and the responses of the guarantors listed before it,
/// but not the others' types. Guarantors' payoffs depend on their own type and response;
/// the challenger's payoff depends on the attack and on who responds.
public struct DeterrenceGameSpec: Sendable, Equatable {
    public struct Guarantor: Sendable, Equatable {
        public var name: String
        /// Probability that the guarantor is resolute (would honour its commitment).
        public var resolve: Rational
        /// Payoff when the challenger keeps the status quo.
        public var statusQuo: Rational
        /// Payoff for responding when resolute / irresolute, and for abandoning, per attack (same order as `attacks`).
        public var respondIfResolute: [Rational]
        public var respondIfIrresolute: [Rational]
        public var abandon: [Rational]
        public init(name: String, resolve: Rational, statusQuo: Rational, respondIfResolute: [Rational],
                    respondIfIrresolute: [Rational], abandon: [Rational]) {
            self.name = name
            self.resolve = resolve
            self.statusQuo = statusQuo
            self.respondIfResolute = respondIfResolute
            self.respondIfIrresolute = respondIfIrresolute
            self.abandon = abandon
        }
    }

    public struct Attack: Sendable, Equatable {
        public var label: String
        /// Challenger's payoff for each set of responding guarantors, indexed by bit mask
        /// (bit g set when guarantor g responds); `2^guarantors` entries.
        public var challengerPayoff: [Rational]
        public init(label: String, challengerPayoff: [Rational]) {
            self.label = label
            self.challengerPayoff = challengerPayoff
        }
    }

    public var title: String
    public var challenger: String
    public var statusQuoLabel: String
    public var challengerStatusQuo: Rational
    public var attacks: [Attack]
    public var guarantors: [Guarantor]
    public var respondLabel: String
    public var abandonLabel: String

    public static let maxGuarantors = 6

    public init(title: String, challenger: String, statusQuoLabel: String = "Status quo", challengerStatusQuo: Rational,
                attacks: [Attack], guarantors: [Guarantor], respondLabel: String = "Respond", abandonLabel: String = "Abandon") {
        self.title = title
        self.challenger = challenger
        self.statusQuoLabel = statusQuoLabel
        self.challengerStatusQuo = challengerStatusQuo
        self.attacks = attacks
        self.guarantors = guarantors
        self.respondLabel = respondLabel
        self.abandonLabel = abandonLabel
    }

    /// The threshold of the generic deterrence game: the challenger is deterred exactly when the
    /// defender's credibility (probability of resisting) exceeds `(aDC - aSQ) / (aDC - aDD)`.
    public static func credibilityThreshold(statusQuo aSQ: Rational, defenderConcedes aDC: Rational,
                                            conflict aDD: Rational) -> Rational? {
        guard aDC != aDD else { return nil }
        return (aDC - aSQ) / (aDC - aDD)
    }

    /// Zagare & Kilgour's rudimentary asymmetric deterrence game (one defender, Hard with probability `pHard`),
    /// laid out as the reference files `rudimentary_asym_deterrence_*.efg`: actions C (cooperate/concede) before D.
    public static func rudimentary(pHard: Rational, aSQ: Rational, aDC: Rational, aDD: Rational,
                                   bSQ: Rational, bDC: Rational, bDDHard: Rational, bDDSoft: Rational) -> DeterrenceGameSpec {
        DeterrenceGameSpec(
            title: "Rudimentary Asymmetric Deterrence Game (ZK 2000 App.3)", challenger: "A (Challenger)",
            statusQuoLabel: "C", challengerStatusQuo: aSQ,
            attacks: [Attack(label: "D", challengerPayoff: [aDC, aDD])],
            guarantors: [Guarantor(name: "B (Defender)", resolve: pHard, statusQuo: bSQ, respondIfResolute: [bDDHard],
                                   respondIfIrresolute: [bDDSoft], abandon: [bDC])],
            respondLabel: "D", abandonLabel: "C")
    }

    public func validate() throws {
        guard !guarantors.isEmpty, guarantors.count <= DeterrenceGameSpec.maxGuarantors else {
            throw GameError("a deterrence game needs 1 to \(DeterrenceGameSpec.maxGuarantors) guarantors; this one has \(guarantors.count)")
        }
        guard !attacks.isEmpty else { throw GameError("a deterrence game needs at least one kind of attack") }
        let patterns = 1 << guarantors.count
        for a in attacks where a.challengerPayoff.count != patterns {
            throw GameError("attack '\(a.label)' needs \(patterns) challenger payoffs (one per set of responding guarantors)")
        }
        for g in guarantors {
            guard g.resolve >= .zero && g.resolve <= .one else { throw GameError("guarantor '\(g.name)': resolve must lie in [0, 1]") }
            guard [g.respondIfResolute, g.respondIfIrresolute, g.abandon].allSatisfy({ $0.count == attacks.count }) else {
                throw GameError("guarantor '\(g.name)' needs one payoff per attack for responding (resolute, irresolute) and abandoning")
            }
        }
    }

    /// The game as an extensive form (players: the challenger, then the guarantors).
    public func extensiveForm() throws -> ExtensiveFormGame { try build().tree }

    /// The tree and, per guarantor information set, the attack and the type it belongs to.
    func build() throws -> (tree: ExtensiveFormGame, meta: [[(attack: Int, resolute: Bool)]]) {
        try validate()
        let gCount = guarantors.count
        let players = [challenger] + guarantors.map(\.name)
        var nodes: [ExtensiveFormGame.Node] = []
        var chance: [ExtensiveFormGame.Infoset] = []
        var infosets = [[ExtensiveFormGame.Infoset]](repeating: [], count: players.count)
        var infosetKeys = [[String: Int]](repeating: [:], count: players.count)
        var outcomes: [ExtensiveFormGame.Outcome] = []
        var meta = [[(attack: Int, resolute: Bool)]](repeating: [], count: players.count)

        func add(_ node: ExtensiveFormGame.Node) -> Int {
            nodes.append(node)
            let i = nodes.count - 1
            if let p = node.parent { nodes[p].children.append(i) }
            return i
        }
        func infoset(player: Int, key: String, label: String, actions: [String]) -> Int {
            if let k = infosetKeys[player][key] { return k }
            infosets[player].append(.init(label: label, actions: actions))
            infosetKeys[player][key] = infosets[player].count - 1
            return infosets[player].count - 1
        }
        // Pre-order construction; the depth is at most 2 + 2 * guarantors, so recursion is bounded.
        func responses(parent: Int, attack k: Int, types: [Bool], guarantor g: Int, mask: Int) {
            if g == gCount {
                var payoffs = [attacks[k].challengerPayoff[mask]]
                for (j, gd) in guarantors.enumerated() {
                    let responded = mask & (1 << j) != 0
                    payoffs.append(responded ? (types[j] ? gd.respondIfResolute[k] : gd.respondIfIrresolute[k]) : gd.abandon[k])
                }
                let who = (0..<gCount).filter { mask & (1 << $0) != 0 }.map { guarantors[$0].name }
                outcomes.append(.init(label: "\(attacks[k].label); responding: \(who.isEmpty ? "none" : who.joined(separator: ", "))", payoffs: payoffs))
                _ = add(.init(label: "", mover: nil, parent: parent, outcome: outcomes.count))
                return
            }
            let seen = (0..<g).map { mask & (1 << $0) != 0 ? "R" : "A" }.joined()
            let label = "\(guarantors[g].name) is \(types[g] ? "resolute" : "irresolute"), after \(attacks[k].label)" + (g > 0 ? " (earlier: \(seen))" : "")
            let before = infosets[g + 1].count
            let h = infoset(player: g + 1, key: "\(k)|\(types[g])|\(seen)", label: label, actions: [abandonLabel, respondLabel])
            if infosets[g + 1].count > before { meta[g + 1].append((k, types[g])) }
            let node = add(.init(label: "", mover: .player(g + 1), infoset: h, parent: parent))
            infosets[g + 1][h].members.append(node)
            responses(parent: node, attack: k, types: types, guarantor: g + 1, mask: mask)
            responses(parent: node, attack: k, types: types, guarantor: g + 1, mask: mask | (1 << g))
        }
        func nature(parent: Int?, types: [Bool]) {
            if types.count == gCount {
                let h = infoset(player: 0, key: "", label: "\(challenger) decides", actions: [statusQuoLabel] + attacks.map(\.label))
                let node = add(.init(label: "", mover: .player(0), infoset: h, parent: parent))
                infosets[0][h].members.append(node)
                outcomes.append(.init(label: statusQuoLabel, payoffs: [challengerStatusQuo] + guarantors.map(\.statusQuo)))
                _ = add(.init(label: "", mover: nil, parent: node, outcome: outcomes.count))
                for k in attacks.indices { responses(parent: node, attack: k, types: types, guarantor: 0, mask: 0) }
                return
            }
            // One chance information set per node, each with its own label: Gambit wants chance, like the
            // players, to have perfect recall, and information set labels unique per player.
            let g = guarantors[types.count]
            let earlier = types.enumerated().map { "\(guarantors[$0].name) \($1 ? "resolute" : "irresolute")" }
            chance.append(.init(label: "Nature: \(g.name)'s resolve" + (earlier.isEmpty ? "" : " (\(earlier.joined(separator: ", ")))"),
                                actions: ["Resolute", "Irresolute"], probabilities: [g.resolve, .one - g.resolve], members: []))
            let node = add(.init(label: "", mover: .chance, infoset: chance.count - 1, parent: parent))
            chance[chance.count - 1].members.append(node)
            nature(parent: node, types: types + [true])
            nature(parent: node, types: types + [false])
        }
        nature(parent: nil, types: [])
        let tree = try ExtensiveFormGame(title: title, comment: "Built by Guarantor from a deterrence game specification (Zagare & Kilgour 2000).",
                                         playerLabels: players, nodes: nodes, chanceInfosets: chance, infosets: infosets, outcomes: outcomes)
        return (tree, meta)
    }

    /// The challenger's choice and the guarantors' responses in one sequential equilibrium.
    public struct Prediction: Sendable, Equatable {
        /// The challenger's action label ("Status quo" or an attack).
        public var challengerChoice: String
        public var deterred: Bool
        /// Per guarantor: responds when resolute / irresolute, for the attack chosen (nil under the status quo).
        public var respondsIfResolute: [Bool?]
        public var respondsIfIrresolute: [Bool?]
        public var challengerPayoff: Rational
    }

    /// Solves the game (`spe`) and reads every pure sequential equilibrium as a prediction.
    public func predictions() throws -> [Prediction] {
        let (tree, meta) = try build()
        let equilibria = try SequentialEquilibrium.solve(tree)
        return equilibria.map { eq in
            let c = eq.probabilities[0][0].firstIndex(of: .one) ?? 0
            let choice = c == 0 ? statusQuoLabel : attacks[c - 1].label
            var resolute = [Bool?](repeating: nil, count: guarantors.count)
            var irresolute = [Bool?](repeating: nil, count: guarantors.count)
            if c > 0 {
                for g in guarantors.indices {
                    for (k, info) in meta[g + 1].enumerated() where info.attack == c - 1 {
                        let responds = eq.probabilities[g + 1][k][1] == .one
                        if info.resolute { resolute[g] = resolute[g] ?? responds } else { irresolute[g] = irresolute[g] ?? responds }
                    }
                }
            }
            return Prediction(challengerChoice: choice, deterred: c == 0, respondsIfResolute: resolute,
                              respondsIfIrresolute: irresolute, challengerPayoff: eq.payoffs(in: tree)[0])
        }
    }
}
