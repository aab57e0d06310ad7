/// A game read from a Gambit file: strategic (`.nfg`) or extensive (`.efg`).
public enum AnyGame: Sendable, Equatable {
    case strategic(NormalFormGame)
    case extensive(ExtensiveFormGame)

    /// Reads `.nfg` or `.efg` text, recognised by its first word.
    public static func read(_ text: String) throws -> AnyGame {
        let head = text.drop(while: { $0.isWhitespace }).prefix(3)
        switch head {
        case "NFG": return .strategic(try NFGFormat.read(text))
        case "EFG": return .extensive(try EFGFormat.read(text))
        default:
            throw GameFileError(line: 1, column: 1, message: "not a Gambit game file: it must start with 'NFG 1 R' or 'EFG 2 R'")
        }
    }

    public var playerLabels: [String] {
        switch self {
        case .strategic(let g): return g.players.map(\.label)
        case .extensive(let g): return g.playerLabels
        }
    }
}

public enum SolverMethod: String, Sendable, CaseIterable {
    case enumpure, enummixed, lcp, spe
}

/// One equilibrium with every player's expected payoff.
public struct Equilibrium: Sendable, Hashable {
    public enum Profile: Sendable, Hashable {
        case strategic(MixedStrategyProfile)
        case behaviour(BehaviorProfile)
    }
    public var profile: Profile
    public var payoffs: [Rational]
}

public struct SolveResult: Sendable {
    public var method: SolverMethod
    public var playerLabels: [String]
    /// For strategic profiles: strategy labels per player. For behaviour profiles: per player,
    /// per information set, the action labels.
    public var strategyLabels: [[String]]
    public var actionLabels: [[[String]]]
    /// For behaviour profiles: per player, the information set labels.
    public var infosetLabels: [[String]] = []
    public var equilibria: [Equilibrium]
}

public enum GameSolver {
    public static func solve(_ game: AnyGame, method: SolverMethod) throws -> SolveResult {
        switch (game, method) {
        case (.strategic, .spe):
            throw GameError("spe needs an extensive game (.efg): a strategic game has no subgames; use enumpure, enummixed or lcp")
        case (.strategic(let g), _):
            do { return try solveStrategic(g, method: method) } catch let e as GameError { throw Self.strategicAdvice(e) }
        case (.extensive(let t), .enumpure), (.extensive(let t), .enummixed):
            if let why = t.perfectRecallViolation() { throw GameError("\(method.rawValue) needs perfect recall: \(why)") }
            let reduced = try ReducedNormalForm(t)
            do { return try solveStrategic(reduced.game, method: method) } catch let e as GameError {
                throw Self.reducedFormAdvice(e, method: method, strategies: reduced.game.players.map(\.strategies.count))
            }
        case (.extensive(let t), .lcp):
            return behaviourResult(t, method: method, profiles: try SequenceFormLCP.solve(t))
        case (.extensive(let t), .spe):
            return behaviourResult(t, method: method, profiles: try SequentialEquilibrium.solve(t))
        }
    }

    /// A strategic game too large for its solver may be a tree's normal form, which has a
    /// strategy per combination of a player's actions (256 for eight two-way choices): the
    /// tree itself is far smaller for lcp and spe. Other errors pass unchanged.
    static func strategicAdvice(_ e: GameError) -> GameError {
        guard e.overBudget else { return e }
        return GameError.budget(e.message + "; if this strategic game was converted from an extensive one (`game convert`), solve that .efg instead: lcp there works on the sequence form, which grows with the tree rather than with the strategies, and spe solves it by backward induction")
    }

    /// The same for enumpure and enummixed on a tree, which go through its reduced normal form.
    static func reducedFormAdvice(_ e: GameError, method: SolverMethod, strategies: [Int]) -> GameError {
        guard e.overBudget else { return e }
        let sizes = strategies.map(String.init).joined(separator: " x ")
        return GameError.budget(e.message + " (\(method.rawValue) solves an extensive game through its reduced normal form, here \(sizes) strategies); lcp and spe work on the tree itself")
    }

    static func solveStrategic(_ g: NormalFormGame, method: SolverMethod) throws -> SolveResult {
        let profiles: [MixedStrategyProfile]
        switch method {
        case .enumpure: profiles = try EnumPure.solve(g)
        case .enummixed: profiles = try EnumMixed.solve(g)
        case .lcp: profiles = try LemkeHowson.solve(g)
        case .spe: throw GameError("spe needs an extensive game")
        }
        var seen = Set<MixedStrategyProfile>()
        let unique = profiles.filter { seen.insert($0).inserted }
        return SolveResult(method: method, playerLabels: g.players.map(\.label), strategyLabels: g.players.map(\.strategies),
                           actionLabels: [], equilibria: unique.map { Equilibrium(profile: .strategic($0), payoffs: $0.payoffs(in: g)) })
    }

    static func behaviourResult(_ t: ExtensiveFormGame, method: SolverMethod, profiles: [BehaviorProfile]) -> SolveResult {
        var seen = Set<BehaviorProfile>()
        let unique = profiles.filter { seen.insert($0).inserted }
        return SolveResult(method: method, playerLabels: t.playerLabels, strategyLabels: [],
                           actionLabels: t.infosets.map { $0.map(\.actions) }, infosetLabels: t.infosets.map { $0.map(\.label) },
                           equilibria: unique.map { Equilibrium(profile: .behaviour($0), payoffs: $0.payoffs(in: t)) })
    }

    /// Converts between representations: an extensive game to its reduced normal form, or a
    /// strategic game to an extensive game of simultaneous moves (player 1 moves first, each
    /// later player in one information set that hides the earlier moves).
    public static func convertToStrategic(_ game: AnyGame) throws -> NormalFormGame {
        switch game {
        case .strategic(let g): return g
        case .extensive(let t):
            if let why = t.perfectRecallViolation() { throw GameError("the reduced normal form needs perfect recall: \(why)") }
            return try ReducedNormalForm(t).game
        }
    }

    public static func convertToExtensive(_ game: AnyGame) throws -> ExtensiveFormGame {
        switch game {
        case .extensive(let t): return t
        case .strategic(let g): return try simultaneousTree(g)
        }
    }

    static func simultaneousTree(_ g: NormalFormGame) throws -> ExtensiveFormGame {
        let counts = g.strategyCounts
        var nodes: [ExtensiveFormGame.Node] = []
        var infosets = g.players.map { [ExtensiveFormGame.Infoset(label: "", actions: $0.strategies)] }
        var outcomes: [ExtensiveFormGame.Outcome] = []
        var leaves = 1
        for c in counts { leaves *= c }
        guard leaves <= GameLimits.maxNodes / 2 else { throw GameError("the tree would have more than \(GameLimits.maxNodes) nodes") }
        // Pre-order build with an explicit stack of (parent, level, profile so far).
        var stack: [(parent: Int?, level: Int, profile: [Int])] = [(nil, 0, [])]
        while let (parent, level, profile) = stack.popLast() {
            let index = nodes.count
            if level == counts.count {
                let cell = g.cellIndex(profile)
                let o = g.cellOutcomes[cell]
                var outcome = 0
                if o > 0 {
                    outcomes.append(.init(label: g.outcomes[o - 1].label, payoffs: g.outcomes[o - 1].payoffs))
                    outcome = outcomes.count
                }
                nodes.append(.init(label: "", mover: nil, parent: parent, outcome: outcome))
            } else {
                nodes.append(.init(label: "", mover: .player(level), infoset: 0, parent: parent))
                infosets[level][0].members.append(index)
                for s in (0..<counts[level]).reversed() { stack.append((index, level + 1, profile + [s])) }
            }
            if let parent { nodes[parent].children.append(index) }
        }
        return try ExtensiveFormGame(title: g.title, comment: g.comment, playerLabels: g.players.map(\.label), nodes: nodes,
                                     chanceInfosets: [], infosets: infosets, outcomes: outcomes)
    }
}
