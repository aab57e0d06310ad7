/// A problem with a game file, at a place in it.
public struct GameFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A game that a solver or a conversion cannot handle, with the reason and the fix.
public struct GameError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The solver gave up at one of its work or memory budgets (`GameLimits`): the game is
    /// too large for it, not wrong.
    public private(set) var overBudget = false
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// A solver that stops at one of its budgets.
    static func budget(_ message: String) -> GameError {
        var e = GameError(message)
        e.overBudget = true
        return e
    }
}

/// Size limits that protect the process from hostile or accidental huge inputs.
/// Every limit is documented in docs/games.md and docs/ledger/games.md.
public enum GameLimits {
    /// Largest game file accepted, in bytes.
    public static let maxFileBytes = 4 * 1024 * 1024
    /// Most nodes in an extensive game.
    public static let maxNodes = 200_000
    /// Deepest path from the root to a leaf.
    public static let maxDepth = 400
    /// Most players.
    public static let maxPlayers = 64
    /// Most actions at one node or strategies of one player in a file.
    public static let maxActions = 10_000
    /// Most cells (pure-strategy profiles) in a payoff table, read or computed.
    public static let maxProfiles = 1_000_000
    /// Most entries (strategies x information sets) of one player's reduced strategies, about
    /// 320 MB: the reduced normal form of a tree with many information sets stops here.
    public static let maxStrategyEntries = 20_000_000
    /// Most equilibria a solver returns before stopping with an error.
    public static let maxEquilibria = 100_000
    /// Most probabilities in all the equilibria one solve returns, about 750 MB of exact
    /// numbers: the pure equilibria of a 400 x 400 game of ties (every cell one) filled 6 GB,
    /// and `spe`'s of a binary tree of ties with 13 levels over 4 GB, before the counts above.
    public static let maxEquilibriumEntries = 10_000_000

    /// Throws once `count` equilibria of `entries` probabilities each pass `maxEquilibriumEntries`.
    static func checkEquilibriumMemory(count: Int, entries: Int, solver: String) throws {
        guard count > maxEquilibriumEntries / max(1, entries) else { return }
        throw GameError.budget("\(solver) found more than \(count - 1) equilibria of \(entries) probabilities each, more than the memory budget of \(maxEquilibriumEntries) probabilities in all (a game with many ties)")
    }

    /// Most pure equilibria `spe` lists (ties multiply them).
    public static let maxSequentialEquilibria = 10_000
    /// Most pivots of one Lemke path (a safety net; Lemke paths are finite).
    public static let maxPivots = 1_000_000
    /// Work budget of one solve, in tableau-entry updates (7 to 25 s in a release build);
    /// a larger problem stops with an error instead of running for hours. The Lemke solvers
    /// weigh each update by the size of its exact numbers (`Rational.cost`).
    public static let maxWork = 60_000_000
    /// Most rows of the sequence-form LCP (its dense tableau is rows x 2 rows).
    public static let maxSequenceFormRows = 600
}
