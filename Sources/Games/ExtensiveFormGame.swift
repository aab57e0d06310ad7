/// An n-player game in extensive form: a tree with chance moves, information
/// sets and outcomes on any node (a leaf's payoff is the sum of the outcomes on
/// its path).
///
/// Storage: `nodes[0]` is the root and nodes are in pre-order (the order of a
/// `.efg` file). Each player's information sets are numbered in the order their
/// first member appears in pre-order, which is Gambit's numbering, so profiles
/// list information sets in the same order as Gambit does.
public struct ExtensiveFormGame: Sendable, Equatable {
    public struct Outcome: Sendable, Equatable {
        public var label: String
        public var payoffs: [Rational]
        public init(label: String, payoffs: [Rational]) {
            self.label = label
            self.payoffs = payoffs
        }
    }

    public enum Mover: Sendable, Equatable, Hashable {
        case chance
        /// 0-based player index.
        case player(Int)
    }

    public struct Infoset: Sendable, Equatable {
        public var label: String
        public var actions: [String]
        /// Chance probabilities (empty for a player's information set).
        public var probabilities: [Rational]
        /// Member nodes, in pre-order.
        public var members: [Int]
        public init(label: String, actions: [String], probabilities: [Rational] = [], members: [Int] = []) {
            self.label = label
            self.actions = actions
            self.probabilities = probabilities
            self.members = members
        }
    }

    public struct Node: Sendable, Equatable {
        public var label: String
        /// nil for a terminal node.
        public var mover: Mover?
        /// Index of the information set within the mover's list.
        public var infoset: Int
        public var children: [Int]
        public var parent: Int?
        /// 1-based outcome index, 0 for none.
        public var outcome: Int
        public init(label: String, mover: Mover?, infoset: Int = 0, children: [Int] = [], parent: Int? = nil, outcome: Int = 0) {
            self.label = label
            self.mover = mover
            self.infoset = infoset
            self.children = children
            self.parent = parent
            self.outcome = outcome
        }
        public var isTerminal: Bool { mover == nil }
    }

    public var title: String
    public var comment: String
    public var playerLabels: [String]
    public var nodes: [Node]
    public var chanceInfosets: [Infoset]
    /// `infosets[player][k]`.
    public var infosets: [[Infoset]]
    public var outcomes: [Outcome]

    public var playerCount: Int { playerLabels.count }
    public var root: Int { 0 }

    public init(title: String, comment: String, playerLabels: [String], nodes: [Node],
                chanceInfosets: [Infoset], infosets: [[Infoset]], outcomes: [Outcome]) throws {
        self.title = title
        self.comment = comment
        self.playerLabels = playerLabels
        self.nodes = nodes
        self.chanceInfosets = chanceInfosets
        self.infosets = infosets
        self.outcomes = outcomes
        try validate()
    }

    func infoset(of node: Node) -> Infoset? {
        switch node.mover {
        case .none: return nil
        case .chance: return chanceInfosets[node.infoset]
        case .player(let p): return infosets[p][node.infoset]
        }
    }

    private func validate() throws {
        guard !playerLabels.isEmpty, playerLabels.count <= GameLimits.maxPlayers else {
            throw GameError("a game needs between 1 and \(GameLimits.maxPlayers) players")
        }
        guard !nodes.isEmpty, nodes.count <= GameLimits.maxNodes else {
            throw GameError("a tree needs between 1 and \(GameLimits.maxNodes) nodes")
        }
        guard infosets.count == playerLabels.count else { throw GameError("information sets are not given for every player") }
        for o in outcomes where o.payoffs.count != playerLabels.count {
            throw GameError("outcome '\(o.label)' needs one payoff per player")
        }
        var seen = [Bool](repeating: false, count: nodes.count)
        seen[0] = true
        for (i, n) in nodes.enumerated() {
            guard n.outcome >= 0 && n.outcome <= outcomes.count else { throw GameError("node \(i + 1) refers to a missing outcome") }
            if i == 0 { guard n.parent == nil else { throw GameError("the root has a parent") } }
            switch n.mover {
            case .none:
                guard n.children.isEmpty else { throw GameError("terminal node \(i + 1) has children") }
            case .chance:
                guard n.infoset >= 0 && n.infoset < chanceInfosets.count else { throw GameError("node \(i + 1) has no chance information set") }
            case .player(let p):
                guard p >= 0 && p < playerLabels.count, n.infoset >= 0 && n.infoset < infosets[p].count else {
                    throw GameError("node \(i + 1) refers to a missing player or information set")
                }
            }
            if let h = infoset(of: n) {
                guard !n.children.isEmpty, h.actions.count == n.children.count else {
                    throw GameError("node \(i + 1) has \(n.children.count) children but its information set has \(h.actions.count) actions")
                }
                guard h.members.contains(i) else { throw GameError("node \(i + 1) is missing from its information set") }
            }
            for c in n.children {
                guard c > i && c < nodes.count, !seen[c], nodes[c].parent == i else {
                    throw GameError("the tree is not stored in pre-order at node \(i + 1)")
                }
                seen[c] = true
            }
        }
        guard seen.allSatisfy({ $0 }) else { throw GameError("some nodes are not connected to the root") }
        for h in chanceInfosets {
            guard h.probabilities.count == h.actions.count, h.probabilities.allSatisfy({ $0 >= .zero }),
                  h.probabilities.sum() == .one
            else { throw GameError("chance information set '\(h.label)' needs nonnegative probabilities summing to 1") }
        }
        for (p, list) in infosets.enumerated() {
            for h in list {
                guard !h.members.isEmpty else { throw GameError("player \(p + 1) has an information set with no nodes") }
                for m in h.members {
                    guard m >= 0 && m < nodes.count, nodes[m].mover == .player(p) else {
                        throw GameError("player \(p + 1)'s information set '\(h.label)' lists a node that is not theirs")
                    }
                }
            }
        }
    }

    /// Depth of every node (root 0).
    public func depths() -> [Int] {
        var d = [Int](repeating: 0, count: nodes.count)
        for i in nodes.indices { for c in nodes[i].children { d[c] = d[i] + 1 } }
        return d
    }

    /// Payoff vector accumulated along the path to each node (including the node's own outcome).
    public func cumulativePayoffs() -> [[Rational]] {
        var acc = [[Rational]](repeating: [], count: nodes.count)
        let zero = [Rational](repeating: .zero, count: playerCount)
        for i in nodes.indices {
            var v = nodes[i].parent.map { acc[$0] } ?? zero
            let o = nodes[i].outcome
            if o > 0 { for p in 0..<playerCount { v[p] += outcomes[o - 1].payoffs[p] } }
            acc[i] = v
        }
        return acc
    }

    /// The index of `child` among `node`'s children.
    func actionIndex(parent: Int, child: Int) -> Int {
        nodes[parent].children.firstIndex(of: child) ?? 0
    }

    /// For each node, the list of (infoset, action) pairs the given player took on the path to it.
    func ownHistories(player: Int) -> [[Int]] {
        var hist = [[Int]](repeating: [], count: nodes.count)
        for i in nodes.indices {
            let n = nodes[i]
            for (a, c) in n.children.enumerated() {
                var h = hist[i]
                if n.mover == .player(player) {
                    h.append(n.infoset)
                    h.append(a)
                }
                hist[c] = h
            }
        }
        return hist
    }

    /// Perfect recall: at every information set all members share the player's own history
    /// (which rules out absent-mindedness too).
    public func perfectRecallViolation() -> String? {
        for p in 0..<playerCount {
            let hist = ownHistories(player: p)
            for (k, h) in infosets[p].enumerated() {
                let first = hist[h.members[0]]
                for m in h.members.dropFirst() where hist[m] != first {
                    return "player \(p + 1) ('\(playerLabels[p])') forgets at information set \(k + 1) ('\(h.label)'): its nodes follow different own moves"
                }
            }
        }
        return nil
    }

    public var hasPerfectRecall: Bool { perfectRecallViolation() == nil }

    /// True when every information set has one node.
    public var isPerfectInformation: Bool {
        infosets.allSatisfy { $0.allSatisfy { $0.members.count == 1 } }
    }

    /// Total number of actions of a player (the number of nonempty sequences).
    public func actionCount(player: Int) -> Int { infosets[player].reduce(0) { $0 + $1.actions.count } }

    /// Largest payoff any player can get along any path (Gambit's GetMaxPayoff for trees).
    func maxPathPayoff() -> Rational {
        let acc = cumulativePayoffs()
        var best: Rational? = nil
        for i in nodes.indices where nodes[i].isTerminal {
            for v in acc[i] where best.map({ v > $0 }) ?? true { best = v }
        }
        return best ?? .zero
    }
}
