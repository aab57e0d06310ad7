/// A place in an input file (1-based line and column, columns in Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file):\(line):\(column)" }
}

/// One error in an input file, printed as `FILE:LINE:COL: error: MESSAGE`.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public init(_ location: SourceLocation, _ message: String) { self.location = location; self.message = message }
    public var file: String { location.file }
    public var line: Int { location.line }
    public var column: Int { location.column }
    public var description: String { "\(location): error: \(message)" }
}

/// Every error found in an input, in file order.
public struct DiagnosticList: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    /// Every error, one per line (see `text(limit:file:hint:)` for what a person is shown).
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// How many errors a person is shown of one input: the first ones in file order, then a
    /// line counting the rest (a fuzzed file with 300,000 errors printed every one of them).
    public static let shownByDefault = 100

    /// The first `limit` errors (all of them when `limit` is nil), one per line, then
    /// `FILE: note: N more errors not shown (T in all)` and the `hint` (such as how to list
    /// them all) when some are left out. `file` is the input as the user named it.
    public func text(limit: Int? = DiagnosticList.shownByDefault, file: String, hint: String = "") -> String {
        guard let limit, diagnostics.count > limit else { return description }
        var lines = diagnostics.prefix(max(0, limit)).map(\.description)
        lines.append(Self.moreLine(omitted: diagnostics.count - max(0, limit), total: diagnostics.count, file: file, hint: hint))
        return lines.joined(separator: "\n")
    }

    /// `FILE: note: N more errors not shown (T in all)`, then `; HINT` if there is one.
    public static func moreLine(omitted: Int, total: Int, file: String, hint: String = "") -> String {
        "\(file): note: \(grouped(omitted)) more error\(omitted == 1 ? "" : "s") not shown (\(grouped(total)) in all)" + (hint.isEmpty ? "" : "; " + hint)
    }

    /// `1234567` as `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        var digits = Array(String(n.magnitude))
        var out: [Character] = []
        while digits.count > 3 {
            out.insert(contentsOf: [","] + digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        return (n < 0 ? "-" : "") + String(digits + out)
    }
}

/// Collects diagnostics while one input is read; sorted by place at the end.
public final class DiagnosticSink {
    public private(set) var items: [Diagnostic] = []
    /// The items as a set, so that a repeated error is dropped in constant time (a
    /// search of `items` made a file with 50,000 faulty list entries take hours).
    private var seen: Set<Diagnostic> = []
    /// "Did you mean" hints left for names checked against the file's own ids (a hint
    /// compares the name with every id): a file with thousands of unknown ids gets hints
    /// on its first 100 and plain errors after, instead of minutes of comparisons.
    public private(set) var hintsLeft = 100
    public init() {}

    /// `Suggestion.didYouMean` while hints are left, then "".
    public func didYouMean(_ word: String, _ all: [String]) -> String {
        guard hintsLeft > 0 else { return "" }
        hintsLeft -= 1
        return Suggestion.didYouMean(word, all)
    }

    public func error(_ location: SourceLocation, _ message: String) {
        let d = Diagnostic(location, message)
        if seen.insert(d).inserted { items.append(d) }
    }
    public var isEmpty: Bool { items.isEmpty }
    public func sorted() -> [Diagnostic] {
        items.sorted { a, b in
            (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
        }
    }
}

/// "did you mean `x`?" for a misspelt key or value.
public enum Suggestion {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        let w = Array(word.lowercased())
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        let limit = max(2, min(w.count, c.count) / 3)
        return d <= limit ? c : nil
    }

    /// At most this many distinct candidates are compared with a word.
    public static let maxCandidates = 1_000

    public static func didYouMean(_ word: String, _ all: [String]) -> String {
        var candidates: [String] = [], seen: Set<String> = []
        for c in all where seen.insert(c).inserted {
            candidates.append(c)
            if candidates.count == maxCandidates { break }
        }
        if let c = closest(to: word, in: candidates) { return " (did you mean `\(c)`?)" }
        let list = candidates.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
        return candidates.isEmpty ? "" : " (expected one of \(list)\(candidates.count > 12 ? ", ..." : ""))"
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}

/// A plain message explaining a failure, before a location is attached.
public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
