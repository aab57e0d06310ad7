import Yams

/// A YAML or JSON value with the place it was written, so that every later
/// error can name its file, line and column. Aliases are expanded into plain
/// nodes under a node budget, which defuses "billion laughs" files.
public struct SpecNode: Sendable {
    public enum Kind: Sendable {
        /// `plain` is false for quoted scalars (which are never numbers or booleans).
        case scalar(String, plain: Bool)
        case sequence([SpecNode])
        case mapping([Entry])
    }
    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SpecNode
    }
    public var kind: Kind
    public var location: SourceLocation

    public var isNull: Bool {
        if case .scalar(let s, let plain) = kind, plain, ["", "~", "null", "Null", "NULL"].contains(s) { return true }
        return false
    }

    public var kindName: String {
        switch kind {
        case .scalar: return isNull ? "nothing" : "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// Limits that keep hostile input from exhausting memory, stack or time.
public struct ParseLimits: Sendable {
    public var maxBytes = 4 * 1024 * 1024
    public var maxNodes = 200_000
    public var maxDepth = 64
    public init() {}
    public static let standard = ParseLimits()
}

public enum YAMLReader {
    /// Parses YAML (or JSON, which is read by the same parser) into located nodes.
    public static func parse(_ text: String, file: String, limits: ParseLimits = .standard) -> Result<SpecNode, Diagnostic> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if text.utf8.count > limits.maxBytes {
            return .failure(Diagnostic(start, "file is \(text.utf8.count) bytes; the limit is \(limits.maxBytes) bytes (4 MiB)"))
        }
        if let nul = firstNUL(text, file: file) {
            return .failure(Diagnostic(nul, "file contains a NUL byte: is it a binary file? Scenarios are UTF-8 text (YAML or JSON)"))
        }
        if text.trimmingSpaceAndComments.isEmpty {
            return .failure(Diagnostic(start, "file is empty: a scenario needs `name`, `currency`, `power_unit`, `start`, `attack_after_years`, `protege`, `aggressor`, `settlement`, `attacks`, `guarantors` and `agreements` (or `extends: BASE.yaml` and the keys that differ)"))
        }
        if let deep = nestingTooDeep(text, file: file, limit: limits.maxDepth) {
            return .failure(Diagnostic(deep, "nesting is deeper than \(limits.maxDepth) levels: scenarios are at most a few levels deep"))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(diagnostic(from: error, file: file, text: text))
        } catch {
            return .failure(Diagnostic(start, "could not read the file as YAML: \(error)"))
        }
        guard let root else {
            return .failure(Diagnostic(start, "file holds no YAML document"))
        }
        var budget = limits.maxNodes
        return convert(root, file: file, depth: 0, limits: limits, budget: &budget)
    }

    static func location(_ mark: Mark?, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
    }

    static func convert(_ node: Node, file: String, depth: Int, limits: ParseLimits, budget: inout Int) -> Result<SpecNode, Diagnostic> {
        budget -= 1
        let loc = location(node.mark, file)
        if budget < 0 {
            return .failure(Diagnostic(loc, "document expands to more than \(limits.maxNodes) values (are YAML aliases `*name` repeating a large anchor?)"))
        }
        if depth > limits.maxDepth {
            return .failure(Diagnostic(loc, "nesting is deeper than \(limits.maxDepth) levels"))
        }
        switch node {
        case .scalar(let s):
            return .success(SpecNode(kind: .scalar(s.string, plain: s.style == .plain || s.style == .any), location: loc))
        case .alias(let a):
            return .failure(Diagnostic(loc, "undefined alias `*\(a.anchor.rawValue)`"))
        case .sequence(let seq):
            var items: [SpecNode] = []
            for child in seq {
                switch convert(child, file: file, depth: depth + 1, limits: limits, budget: &budget) {
                case .success(let n): items.append(n)
                case .failure(let d): return .failure(d)
                }
            }
            return .success(SpecNode(kind: .sequence(items), location: loc))
        case .mapping(let map):
            var entries: [SpecNode.Entry] = []
            var seen: [String: SourceLocation] = [:]
            for (k, v) in map {
                let kloc = location(k.mark, file)
                guard case .scalar(let ks) = k else {
                    return .failure(Diagnostic(kloc, "mapping keys must be plain names, not lists or mappings"))
                }
                if let first = seen[ks.string] {
                    return .failure(Diagnostic(kloc, "duplicate key `\(ks.string)` (first given at line \(first.line))"))
                }
                seen[ks.string] = kloc
                switch convert(v, file: file, depth: depth + 1, limits: limits, budget: &budget) {
                case .success(let n): entries.append(SpecNode.Entry(key: ks.string, keyLocation: kloc, value: n))
                case .failure(let d): return .failure(d)
                }
            }
            return .success(SpecNode(kind: .mapping(entries), location: loc))
        }
    }

    static func diagnostic(from error: YamlError, file: String, text: String = "") -> Diagnostic {
        // JSON is read by the YAML parser; a JSON file's reader should not be told about YAML.
        let invalid = file.lowercased().hasSuffix(".json") ? "invalid JSON (read as YAML, of which JSON is a part)" : "invalid YAML"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            // Something opened (a quoted scalar, a flow collection) and never closed: the end of the
            // file is no help, so point at where it opened.
            if let context, problem.contains("end of stream") {
                return Diagnostic(location(context.mark, file),
                                  "\(invalid): \(ctx)\(problem): what opens here is never closed (a missing quote or bracket?)")
            }
            let at = location(mark, file)
            // A `[` or `{` whose closing bracket the parser did not find: the line where it gave
            // up may be far below; point at the bracket, and say where the parser stopped.
            if let context, context.text.contains("flow"), problem.contains("did not find expected"), mark.line > context.mark.line {
                return Diagnostic(location(context.mark, file),
                                  "\(invalid): \(ctx)\(problem) (at line \(at.line), column \(at.column)): the bracket that opens here is not closed where it should be (a missing `]` or `}`, or a missing comma?)")
            }
            return Diagnostic(at, "\(invalid): \(ctx)\(problem)\(hint(problem, at: at, text: text))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // The parser points at the mapping; point at the key given again, as for the other duplicates.
            let start = location(context.mark, file)
            for key in duplicates.sorted() {
                if let (first, again) = repeatedKey(key, mappingAt: start, in: text) {
                    return Diagnostic(again, "duplicate key `\(key)` (first given at line \(first.line))")
                }
            }
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return Diagnostic(start, "duplicate key \(keys) in this mapping: each key may appear once")
        case .reader(let problem, _, _, _):
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "cannot read the file as UTF-8 text: \(problem)")
        default:
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "\(invalid): \(error)")
        }
    }

    /// The first two places of block-style `key:` in the mapping whose first key is at `start`
    /// (same indentation, up to the first line indented less), or nil if the text does not show two.
    static func repeatedKey(_ key: String, mappingAt start: SourceLocation, in text: String) -> (SourceLocation, SourceLocation)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard start.line >= 1, start.line <= lines.count, start.column >= 1 else { return nil }
        let indent = start.column - 1
        var found: [SourceLocation] = []
        for n in (start.line - 1)..<lines.count {
            let line = lines[n]
            let body = line.drop { $0 == " " }
            let depth = line.count - body.count
            if body.isEmpty || body.hasPrefix("#") { continue }
            // The mapping's first key may follow a "- " on its line (a mapping in a list).
            if n == start.line - 1 {
                let own = line.dropFirst(min(indent, line.count))
                if Self.startsKey(own, key) { found.append(SourceLocation(file: start.file, line: n + 1, column: indent + 1)) }
                continue
            }
            if depth < indent { break }
            if depth == indent && Self.startsKey(body, key) {
                found.append(SourceLocation(file: start.file, line: n + 1, column: depth + 1))
                if found.count == 2 { return (found[0], found[1]) }
            }
        }
        return nil
    }

    static func startsKey(_ text: Substring, _ key: String) -> Bool {
        for spelled in [key, "\"\(key)\"", "'\(key)'"] where text.hasPrefix(spelled) {
            let rest = text.dropFirst(spelled.count).drop { $0 == " " }
            if rest.hasPrefix(":") { return true }
        }
        return false
    }

    /// What to do about libyaml's commonest complaints, which name the rule and not the fix.
    static func hint(_ problem: String, at: SourceLocation, text: String) -> String {
        if problem.contains("cannot start any token") && character(at: at, in: text) == "\t" {
            return ": this is a tab; YAML indents and separates with spaces only, so replace it with spaces"
        }
        if problem.contains("mapping values are not allowed") {
            return ": a `key: value` where none can start; check this line's indentation against the lines above "
                + "(the keys of one mapping start in the same column, two spaces in from their parent), "
                + "or put a value that contains `: ` in quotes"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return ": check the indentation of this line and the one before it (the keys of one mapping, "
                + "and the `- ` items of one list, start in the same column)"
        }
        return ""
    }

    /// The character at a 1-based line and column of `text`, if there is one.
    static func character(at location: SourceLocation, in text: String) -> Character? {
        var line = 1
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == location.line {
                let chars = Array(l)
                return location.column >= 1 && location.column <= chars.count ? chars[location.column - 1] : nil
            }
            line += 1
        }
        return nil
    }

    static func firstNUL(_ text: String, file: String) -> SourceLocation? {
        var line = 1, col = 1
        for u in text.unicodeScalars {
            if u == "\0" { return SourceLocation(file: file, line: line, column: col) }
            if u == "\n" { line += 1; col = 1 } else { col += 1 }
        }
        return nil
    }

    /// A conservative estimate of nesting before the recursive YAML composer
    /// sees the text: flow brackets, block indentation and `- - -` chains.
    static func nestingTooDeep(_ text: String, file: String, limit: Int) -> SourceLocation? {
        var flow = 0, line = 1, col = 0
        var quote: Unicode.Scalar? = nil
        var atLineStart = true, indent = 0, dashes = 0, inComment = false
        var prev: Unicode.Scalar = " "
        for u in text.unicodeScalars {
            col += 1
            if u == "\n" {
                line += 1; col = 0; atLineStart = true; indent = 0; dashes = 0; inComment = false
                if quote == "'" || quote == "\"" { /* multi-line quoted scalar continues */ }
                prev = u
                continue
            }
            if inComment { continue }
            if let q = quote {
                if u == q && prev != "\\" { quote = nil }
                prev = u
                continue
            }
            if atLineStart {
                if u == " " { indent += 1; if indent > limit * 8 { return SourceLocation(file: file, line: line, column: col) }; prev = u; continue }
                if u == "-" { dashes += 1; if dashes > limit { return SourceLocation(file: file, line: line, column: col) }; prev = u; continue }
                atLineStart = false
            }
            switch u {
            case "#" where prev == " " || prev == "\t" || col == 1: inComment = true
            case "\"", "'": if prev == " " || prev == "[" || prev == "{" || prev == "," || prev == ":" || col == 1 { quote = u }
            case "[", "{":
                flow += 1
                if flow > limit { return SourceLocation(file: file, line: line, column: col) }
            case "]", "}": flow = max(0, flow - 1)
            default: break
            }
            prev = u
        }
        return nil
    }
}

extension String {
    var trimmingSpaceAndComments: String {
        var out = ""
        // Split on "\r\n" as well as "\n": Swift reads "\r\n" as one Character, so a
        // file with Windows line endings split on "\n" alone would be one line.
        for line in split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let t = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if t.isEmpty || t.hasPrefix("#") { continue }
            out += t
        }
        return out
    }
}
