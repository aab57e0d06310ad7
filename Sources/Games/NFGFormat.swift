/// Gambit's `.nfg` format (version 1), both the payoff and the outcome versions,
/// as documented at https://gambitproject.readthedocs.io/en/latest/formats.html.
public enum NFGFormat {
    public static func read(_ text: String) throws -> NormalFormGame {
        var p = try GambitParser(text: text)
        let (title, playerLabels) = try p.header(type: "NFG", version: "1")
        let strategiesStart = p.current
        _ = try p.expect(.lbrace, "'{' before the strategies")
        var strategies: [[String]] = []
        if p.current.kind == .lbrace {
            for _ in playerLabels {
                _ = try p.expect(.lbrace, "'{' before a player's strategy names")
                var names: [String] = []
                while p.current.kind == .text {
                    names.append(p.current.text)
                    guard names.count <= GameLimits.maxActions else { throw p.error("more than \(GameLimits.maxActions) strategies") }
                    try p.advance()
                }
                _ = try p.expect(.rbrace, "'}' after a player's strategy names")
                guard !names.isEmpty else { throw p.error("every player needs at least one strategy") }
                strategies.append(names)
            }
        } else {
            for _ in playerLabels {
                let n = try p.integer("a number of strategies", range: 1...GameLimits.maxActions)
                strategies.append((1...n).map(String.init))
            }
        }
        _ = try p.expect(.rbrace, "'}' after the strategies (one entry per player)")
        guard let cells = NormalFormGame.profileCount(strategies.map(\.count)) else {
            throw GameFileError(line: strategiesStart.line, column: strategiesStart.column,
                                message: "the strategies make a payoff table of more than \(GameLimits.maxProfiles) cells; Guarantor refuses tables that large")
        }
        var comment = ""
        if p.current.kind == .text {
            comment = p.current.text
            try p.advance()
        }
        let players = zip(playerLabels, strategies).map { NormalFormGame.Player(label: $0, strategies: $1) }
        var outcomes: [NormalFormGame.Outcome] = []
        var cellOutcomes: [Int] = []
        cellOutcomes.reserveCapacity(cells)
        let layout: NormalFormGame.Layout
        if p.current.kind == .lbrace {
            layout = .outcomes
            try p.advance()
            while p.current.kind == .lbrace {
                try p.advance()
                let label = try p.expect(.text, "an outcome label in quotes").text
                var payoffs: [Rational] = []
                for _ in playerLabels {
                    payoffs.append(try p.rational("a payoff"))
                    _ = try p.accept(.comma)
                }
                _ = try p.expect(.rbrace, "'}' after an outcome's \(playerLabels.count) payoffs")
                outcomes.append(.init(label: label, payoffs: payoffs))
                guard outcomes.count <= GameLimits.maxProfiles else { throw p.error("more than \(GameLimits.maxProfiles) outcomes") }
            }
            _ = try p.expect(.rbrace, "'}' after the outcome list")
            for _ in 0..<cells {
                cellOutcomes.append(try p.integer("an outcome index for the next cell", range: 0...outcomes.count))
            }
        } else if p.current.kind == .number {
            layout = .payoffs
            for _ in 0..<cells {
                var payoffs: [Rational] = []
                for _ in playerLabels {
                    payoffs.append(try p.rational("a payoff (the table needs \(cells * playerLabels.count) numbers)"))
                    _ = try p.accept(.comma)
                }
                outcomes.append(.init(label: "", payoffs: payoffs))
                cellOutcomes.append(outcomes.count)
            }
        } else {
            throw p.error("expected the payoffs or the outcome list")
        }
        guard p.current.kind == .eof else { throw p.error("expected the end of the file after the payoff table") }
        do {
            return try NormalFormGame(title: title, comment: comment, players: players, outcomes: outcomes,
                                      cellOutcomes: cellOutcomes, layout: layout)
        } catch let e as GameError {
            throw GameFileError(line: 1, column: 1, message: e.message)
        }
    }

    public static func write(_ game: NormalFormGame) -> String {
        var s = "NFG 1 R \(quote(game.title)) { \(game.players.map { quote($0.label) }.joined(separator: " ")) }\n\n"
        s += "{ " + game.players.map { "{ " + $0.strategies.map(quote).joined(separator: " ") + " }" }.joined(separator: "\n") + "\n}\n"
        s += quote(game.comment) + "\n\n"
        switch game.layout {
        case .outcomes:
            s += "{\n"
            for o in game.outcomes {
                s += "{ \(quote(o.label)) \(o.payoffs.map(\.description).joined(separator: ", ")) }\n"
            }
            s += "}\n"
            s += game.cellOutcomes.map(String.init).joined(separator: " ") + "\n"
        case .payoffs:
            var line: [String] = []
            for c in 0..<game.cellCount {
                for p in 0..<game.playerCount { line.append(game.payoff(cell: c, player: p).description) }
            }
            s += line.joined(separator: " ") + "\n"
        }
        return s
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
