/// Gambit's `.efg` format (version 2), as documented at
/// https://gambitproject.readthedocs.io/en/latest/formats.html.
///
/// The reader is iterative (an explicit stack of open nodes), so nesting depth
/// costs no call stack; depth, node count and action counts are limited by `GameLimits`.
public enum EFGFormat {
    private struct OpenNode { var node: Int; var remaining: Int }

    public static func read(_ text: String) throws -> ExtensiveFormGame {
        var p = try GambitParser(text: text)
        let (title, playerLabels) = try p.header(type: "EFG", version: "2")
        var comment = ""
        if p.current.kind == .text {
            comment = p.current.text
            try p.advance()
        }

        var nodes: [ExtensiveFormGame.Node] = []
        var chanceInfosets: [ExtensiveFormGame.Infoset] = []
        var infosets = [[ExtensiveFormGame.Infoset]](repeating: [], count: playerLabels.count)
        var infosetIndex: [[Int: Int]] = [[Int: Int]](repeating: [:], count: playerLabels.count + 1)
        var outcomes: [ExtensiveFormGame.Outcome] = []
        var outcomeIndex: [Int: Int] = [:]
        var stack: [OpenNode] = []

        repeat {
            let start = p.current
            guard start.kind == .symbol, ["c", "p", "t"].contains(start.text) else {
                throw p.error("expected a node: 'c' (chance), 'p' (player) or 't' (terminal)")
            }
            guard nodes.count < GameLimits.maxNodes else {
                throw p.error("the tree has more than \(GameLimits.maxNodes) nodes; Guarantor refuses trees that large")
            }
            guard stack.count < GameLimits.maxDepth else {
                throw p.error("the tree is deeper than \(GameLimits.maxDepth) levels; Guarantor refuses trees that deep")
            }
            try p.advance()
            let label = try p.expect(.text, "the node's label in quotes (may be \"\")").text
            let index = nodes.count
            var node = ExtensiveFormGame.Node(label: label, mover: nil, parent: stack.last?.node)
            var childCount = 0
            if start.text == "c" || start.text == "p" {
                var player = 0
                if start.text == "p" {
                    player = try p.integer("a player number", range: 1...playerLabels.count)
                }
                let idToken = p.current
                let fileId = try p.integer("an information set number", range: 0...Int(Int32.max))
                var definition: (label: String, actions: [String], probs: [Rational])? = nil
                if p.current.kind == .text {
                    let infosetLabel = p.current.text
                    try p.advance()
                    _ = try p.expect(.lbrace, "'{' before the action list")
                    var actions: [String] = []
                    var probs: [Rational] = []
                    while p.current.kind != .rbrace {
                        actions.append(try p.expect(.text, "an action label in quotes").text)
                        if player == 0 {
                            let probToken = p.current
                            let pr = try p.rational("the action's probability")
                            guard pr >= .zero && pr <= .one else {
                                throw GameFileError(line: probToken.line, column: probToken.column, message: "a chance probability must lie between 0 and 1")
                            }
                            probs.append(pr)
                        }
                        _ = try p.accept(.comma)
                        guard actions.count <= GameLimits.maxActions else { throw p.error("more than \(GameLimits.maxActions) actions") }
                    }
                    try p.advance()
                    guard !actions.isEmpty else { throw GameFileError(line: idToken.line, column: idToken.column, message: "an information set needs at least one action") }
                    if player == 0 && probs.sum() != .one {
                        throw GameFileError(line: idToken.line, column: idToken.column, message: "the chance probabilities sum to \(MessageNumber.text(probs.sum())), not 1")
                    }
                    definition = (infosetLabel, actions, probs)
                }
                let k: Int
                if let existing = infosetIndex[player][fileId] {
                    k = existing
                    let h = player == 0 ? chanceInfosets[k] : infosets[player - 1][k]
                    if let d = definition, d.actions != h.actions || d.label != h.label || (player == 0 && d.probs != h.probabilities) {
                        throw GameFileError(line: idToken.line, column: idToken.column,
                                            message: "information set \(fileId) is defined again with a different label, actions or probabilities")
                    }
                    childCount = h.actions.count
                } else {
                    guard let d = definition else {
                        throw GameFileError(line: idToken.line, column: idToken.column, message: "information set \(fileId) is used before its actions are given")
                    }
                    let h = ExtensiveFormGame.Infoset(label: d.label, actions: d.actions, probabilities: d.probs)
                    if player == 0 {
                        k = chanceInfosets.count
                        chanceInfosets.append(h)
                    } else {
                        k = infosets[player - 1].count
                        infosets[player - 1].append(h)
                    }
                    infosetIndex[player][fileId] = k
                    childCount = d.actions.count
                }
                if player == 0 {
                    node.mover = .chance
                    chanceInfosets[k].members.append(index)
                } else {
                    node.mover = .player(player - 1)
                    infosets[player - 1][k].members.append(index)
                }
                node.infoset = k
            }
            // Outcome: an id, optionally followed by its label and payoffs.
            let outcomeToken = p.current
            let outcomeId = try p.integer("an outcome number (0 for none)", range: 0...Int(Int32.max))
            if p.current.kind == .text {
                guard outcomeId != 0 else { throw p.error("outcome 0 means 'no outcome' and cannot have a label or payoffs") }
                let outcomeLabel = p.current.text
                try p.advance()
                _ = try p.expect(.lbrace, "'{' before the outcome's payoffs")
                var payoffs: [Rational] = []
                for _ in playerLabels {
                    payoffs.append(try p.rational("a payoff (one per player)"))
                    _ = try p.accept(.comma)
                }
                _ = try p.expect(.rbrace, "'}' after the outcome's \(playerLabels.count) payoffs")
                if let existing = outcomeIndex[outcomeId] {
                    let o = outcomes[existing - 1]
                    guard o.label == outcomeLabel && o.payoffs == payoffs else {
                        throw GameFileError(line: outcomeToken.line, column: outcomeToken.column,
                                            message: "outcome \(outcomeId) is defined again with a different label or payoffs")
                    }
                } else {
                    outcomes.append(.init(label: outcomeLabel, payoffs: payoffs))
                    outcomeIndex[outcomeId] = outcomes.count
                }
            }
            if outcomeId != 0 {
                guard let o = outcomeIndex[outcomeId] else {
                    throw GameFileError(line: outcomeToken.line, column: outcomeToken.column, message: "outcome \(outcomeId) is used before its payoffs are given")
                }
                node.outcome = o
            }
            nodes.append(node)
            if let top = stack.indices.last {
                nodes[stack[top].node].children.append(index)
                stack[top].remaining -= 1
            }
            if childCount > 0 { stack.append(OpenNode(node: index, remaining: childCount)) }
            while let top = stack.last, top.remaining == 0 { stack.removeLast() }
        } while !stack.isEmpty
        guard p.current.kind == .eof else { throw p.error("expected the end of the file after the tree is complete") }
        do {
            return try ExtensiveFormGame(title: title, comment: comment, playerLabels: playerLabels, nodes: nodes,
                                         chanceInfosets: chanceInfosets, infosets: infosets, outcomes: outcomes)
        } catch let e as GameError {
            throw GameFileError(line: 1, column: 1, message: e.message)
        }
    }

    public static func write(_ game: ExtensiveFormGame) -> String {
        let q = NFGFormat.quote
        var s = "EFG 2 R \(q(game.title)) { \(game.playerLabels.map(q).joined(separator: " ")) }\n\(q(game.comment))\n\n"
        for n in game.nodes {
            switch n.mover {
            case .none:
                s += "t \(q(n.label)) "
            case .chance:
                let h = game.chanceInfosets[n.infoset]
                let acts = zip(h.actions, h.probabilities).map { "\(q($0)) \($1)" }.joined(separator: " ")
                s += "c \(q(n.label)) \(n.infoset + 1) \(q(h.label)) { \(acts) } "
            case .player(let pl):
                let h = game.infosets[pl][n.infoset]
                s += "p \(q(n.label)) \(pl + 1) \(n.infoset + 1) \(q(h.label)) { \(h.actions.map(q).joined(separator: " ")) } "
            }
            if n.outcome == 0 {
                s += "0\n"
            } else {
                let o = game.outcomes[n.outcome - 1]
                s += "\(n.outcome) \(q(o.label)) { \(o.payoffs.map(\.description).joined(separator: ", ")) }\n"
            }
        }
        return s
    }
}
