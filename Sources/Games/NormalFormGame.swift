/// An n-player game in strategic (normal) form.
///
/// Cells are stored in Gambit's order: player 1's strategy changes fastest.
/// Every cell refers to an outcome (index into `outcomes`) or to none (payoff 0
/// for everyone), which is how both `.nfg` versions are represented.
public struct NormalFormGame: Sendable, Equatable {
    public struct Player: Sendable, Equatable {
        public var label: String
        public var strategies: [String]
        public init(label: String, strategies: [String]) {
            self.label = label
            self.strategies = strategies
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var label: String
        public var payoffs: [Rational]
        public init(label: String, payoffs: [Rational]) {
            self.label = label
            self.payoffs = payoffs
        }
    }

    /// How the game is written to `.nfg`: a payoff list or an outcome list with indices.
    public enum Layout: Sendable, Equatable { case payoffs, outcomes }

    public var title: String
    public var comment: String
    public var players: [Player]
    public var outcomes: [Outcome]
    /// Per cell, the 1-based outcome index, or 0 for the null outcome.
    public var cellOutcomes: [Int]
    public var layout: Layout

    public init(title: String, comment: String = "", players: [Player], outcomes: [Outcome],
                cellOutcomes: [Int], layout: Layout) throws {
        self.title = title
        self.comment = comment
        self.players = players
        self.outcomes = outcomes
        self.cellOutcomes = cellOutcomes
        self.layout = layout
        guard !players.isEmpty else { throw GameError("a game needs at least one player") }
        guard players.allSatisfy({ !$0.strategies.isEmpty }) else { throw GameError("every player needs at least one strategy") }
        guard let cells = NormalFormGame.profileCount(players.map { $0.strategies.count }) else {
            throw GameError("the payoff table has more than \(GameLimits.maxProfiles) cells")
        }
        guard cellOutcomes.count == cells else {
            throw GameError("the payoff table has \(cellOutcomes.count) cells but the strategies make \(cells)")
        }
        guard outcomes.allSatisfy({ $0.payoffs.count == players.count }) else {
            throw GameError("every outcome needs one payoff per player")
        }
        guard cellOutcomes.allSatisfy({ $0 >= 0 && $0 <= outcomes.count }) else {
            throw GameError("a cell refers to an outcome that does not exist")
        }
    }

    /// A game from a payoff function over pure profiles (strategy indices, 0-based).
    public init(title: String, comment: String = "", playerLabels: [String], strategyLabels: [[String]],
                payoff: ([Int]) -> [Rational]) throws {
        let counts = strategyLabels.map(\.count)
        guard let cells = NormalFormGame.profileCount(counts), counts.allSatisfy({ $0 > 0 }) else {
            throw GameError("the payoff table is empty or has more than \(GameLimits.maxProfiles) cells")
        }
        guard cells * playerLabels.count <= 4 * GameLimits.maxProfiles else {
            throw GameError("the payoff table would hold \(cells * playerLabels.count) payoffs; Guarantor stops at \(4 * GameLimits.maxProfiles)")
        }
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(cells)
        var profile = [Int](repeating: 0, count: counts.count)
        for _ in 0..<cells {
            outcomes.append(Outcome(label: "", payoffs: payoff(profile)))
            NormalFormGame.advance(&profile, counts)
        }
        try self.init(title: title, comment: comment,
                      players: zip(playerLabels, strategyLabels).map { Player(label: $0, strategies: $1) },
                      outcomes: outcomes, cellOutcomes: Array(1...cells), layout: .payoffs)
    }

    public var playerCount: Int { players.count }
    public var strategyCounts: [Int] { players.map { $0.strategies.count } }
    public var cellCount: Int { cellOutcomes.count }

    /// Number of pure profiles, or nil when it exceeds the limit.
    static func profileCount(_ counts: [Int]) -> Int? {
        var total = 1
        for c in counts {
            let (p, overflow) = total.multipliedReportingOverflow(by: max(c, 0))
            guard !overflow, p <= GameLimits.maxProfiles else { return nil }
            total = p
        }
        return total
    }

    /// Next profile in Gambit order (player 1 fastest); wraps to all zeros.
    static func advance(_ profile: inout [Int], _ counts: [Int]) {
        for i in 0..<profile.count {
            profile[i] += 1
            if profile[i] < counts[i] { return }
            profile[i] = 0
        }
    }

    public func cellIndex(_ profile: [Int]) -> Int {
        var index = 0, stride = 1
        for (i, s) in profile.enumerated() {
            index += s * stride
            stride *= players[i].strategies.count
        }
        return index
    }

    public func payoff(cell: Int, player: Int) -> Rational {
        let o = cellOutcomes[cell]
        return o == 0 ? .zero : outcomes[o - 1].payoffs[player]
    }

    public func payoff(_ profile: [Int], player: Int) -> Rational {
        payoff(cell: cellIndex(profile), player: player)
    }

    /// A dense payoff table `[cell][player]` for solvers.
    public func payoffTable() -> [[Rational]] {
        let zero = [Rational](repeating: .zero, count: players.count)
        return cellOutcomes.map { $0 == 0 ? zero : outcomes[$0 - 1].payoffs }
    }

    /// Smallest and largest payoff over all cells and players (null outcome counts as 0), as Gambit computes them.
    public func payoffRange() -> (min: Rational, max: Rational) {
        var lo = payoff(cell: 0, player: 0), hi = lo
        for c in 0..<cellCount {
            for p in 0..<players.count {
                let v = payoff(cell: c, player: p)
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
        }
        return (lo, hi)
    }
}
