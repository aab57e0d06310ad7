/// Tokens of Gambit's `.nfg`/`.efg` formats, each with the line and column where it starts.
struct GambitToken: Equatable {
    enum Kind: Equatable { case lbrace, rbrace, comma, number, text, symbol, eof }
    var kind: Kind
    var text: String
    var line: Int
    var column: Int
}

/// Splits a game file into tokens. It works on UTF-8 bytes, never recurses and
/// refuses files over `GameLimits.maxFileBytes`, so no input can exhaust memory or stack.
struct GambitLexer {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var column = 1

    init(text: String) throws {
        let utf8 = Array(text.utf8)
        guard utf8.count <= GameLimits.maxFileBytes else {
            throw GameFileError(line: 1, column: 1, message: "the file is larger than \(GameLimits.maxFileBytes) bytes; Guarantor refuses larger game files")
        }
        bytes = utf8
    }

    private mutating func advance() {
        if bytes[position] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else {
            column += 1
        }
        position += 1
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
    private static func isNumberChar(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }

    mutating func next() throws -> GambitToken {
        while position < bytes.count && GambitLexer.isSpace(bytes[position]) { advance() }
        let startLine = line, startColumn = column
        guard position < bytes.count else { return GambitToken(kind: .eof, text: "", line: line, column: column) }
        let b = bytes[position]
        switch b {
        case UInt8(ascii: "{"):
            advance()
            return GambitToken(kind: .lbrace, text: "{", line: startLine, column: startColumn)
        case UInt8(ascii: "}"):
            advance()
            return GambitToken(kind: .rbrace, text: "}", line: startLine, column: startColumn)
        case UInt8(ascii: ","):
            advance()
            return GambitToken(kind: .comma, text: ",", line: startLine, column: startColumn)
        case UInt8(ascii: "\""):
            advance()
            var out: [UInt8] = []
            var closed = false
            while position < bytes.count {
                let c = bytes[position]
                if c == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                    out.append(UInt8(ascii: "\""))
                    advance(); advance()
                    continue
                }
                if c == UInt8(ascii: "\"") {
                    advance()
                    closed = true
                    break
                }
                out.append(c)
                advance()
            }
            guard closed else {
                throw GameFileError(line: startLine, column: startColumn, message: "this quoted label is never closed (missing '\"')")
            }
            return GambitToken(kind: .text, text: String(decoding: out, as: UTF8.self), line: startLine, column: startColumn)
        default:
            if (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") {
                var out: [UInt8] = []
                while position < bytes.count && GambitLexer.isNumberChar(bytes[position]) && out.count < 4096 {
                    out.append(bytes[position])
                    advance()
                }
                return GambitToken(kind: .number, text: String(decoding: out, as: UTF8.self), line: startLine, column: startColumn)
            }
            var out: [UInt8] = []
            while position < bytes.count && !GambitLexer.isSpace(bytes[position]) && out.count < 4096 {
                let c = bytes[position]
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: "\"") || c == UInt8(ascii: ",") { break }
                out.append(c)
                advance()
            }
            return GambitToken(kind: .symbol, text: String(decoding: out, as: UTF8.self), line: startLine, column: startColumn)
        }
    }
}

/// A one-token look-ahead parser over `GambitLexer` with located errors.
struct GambitParser {
    private var lexer: GambitLexer
    private(set) var current: GambitToken

    init(text: String) throws {
        lexer = try GambitLexer(text: text)
        current = GambitToken(kind: .eof, text: "", line: 1, column: 1)
        current = try lexer.next()
    }

    mutating func advance() throws { current = try lexer.next() }

    func error(_ message: String, at token: GambitToken? = nil) -> GameFileError {
        let t = token ?? current
        let found: String
        switch t.kind {
        case .eof: found = "end of file"
        case .text: found = "label \"\(t.text.prefix(40))\""
        default: found = "'\(t.text.prefix(40))'"
        }
        return GameFileError(line: t.line, column: t.column, message: "\(message), found \(found)")
    }

    mutating func expect(_ kind: GambitToken.Kind, _ what: String) throws -> GambitToken {
        guard current.kind == kind else { throw error("expected \(what)") }
        let t = current
        try advance()
        return t
    }

    mutating func accept(_ kind: GambitToken.Kind) throws -> Bool {
        guard current.kind == kind else { return false }
        try advance()
        return true
    }

    mutating func rational(_ what: String) throws -> Rational {
        guard current.kind == .number, let v = Rational(parsing: current.text) else { throw error("expected \(what) (a number such as 3, -1/2 or 0.25)") }
        try advance()
        return v
    }

    mutating func integer(_ what: String, range: ClosedRange<Int>) throws -> Int {
        guard current.kind == .number, let v = Int(current.text), range.contains(v) else {
            throw error("expected \(what) (a whole number from \(range.lowerBound) to \(range.upperBound))")
        }
        try advance()
        return v
    }
}

extension GambitParser {
    /// The prologue shared by `.nfg` and `.efg` files: file type, version,
    /// number type, the title in quotes and the players' names in braces.
    mutating func header(type: String, version: String) throws -> (title: String, players: [String]) {
        guard current.kind == .symbol, current.text == type else { throw error("expected the file type '\(type)'") }
        try advance()
        guard current.kind == .number, current.text == version else { throw error("expected \(type) version \(version)") }
        try advance()
        guard current.kind == .symbol, current.text == "R" || current.text == "D" else { throw error("expected the number type 'R' or 'D'") }
        try advance()
        let title = try expect(.text, "the game's title in quotes").text
        _ = try expect(.lbrace, "'{' before the player names")
        var players: [String] = []
        while current.kind == .text {
            players.append(current.text)
            guard players.count <= GameLimits.maxPlayers else { throw error("more than \(GameLimits.maxPlayers) players") }
            try advance()
        }
        _ = try expect(.rbrace, "'}' after the player names")
        guard !players.isEmpty else { throw error("a game needs at least one player") }
        return (title, players)
    }
}
