/// Reads one mapping: hands out its keys and reports unknown ones (with a
/// suggestion) and missing required ones.
public struct MappingReader {
    public let node: SpecNode
    let entries: [SpecNode.Entry]
    let reader: NodeReader
    let what: String

    /// nil (after an error) when `node` is not a mapping.
    public init?(_ node: SpecNode, what: String, allowed: [String], reader: NodeReader) {
        guard case .mapping(let entries) = node.kind else {
            reader.error(node, "\(what) must be a mapping of `key: value` lines, not \(node.kindName)")
            return nil
        }
        self.node = node; self.entries = entries; self.reader = reader; self.what = what
        for e in entries where !allowed.contains(e.key) {
            reader.sink.error(e.keyLocation, "unknown key `\(e.key)` in \(what)\(Suggestion.didYouMean(e.key, allowed))")
        }
    }

    public func has(_ key: String) -> Bool { entries.contains { $0.key == key && !$0.value.isNull } }

    public func optional(_ key: String) -> SpecNode? {
        guard let e = entries.first(where: { $0.key == key }), !e.value.isNull else { return nil }
        return e.value
    }

    public func required(_ key: String) -> SpecNode? {
        if let v = optional(key) { return v }
        if let e = entries.first(where: { $0.key == key }) {
            reader.error(e.value, "`\(key)` in \(what) needs a value")
        } else {
            reader.sink.error(node.location, "\(what) is missing the required key `\(key)`")
        }
        return nil
    }

    public func keyLocation(_ key: String) -> SourceLocation {
        entries.first { $0.key == key }?.keyLocation ?? node.location
    }

    public var keys: [String] { entries.map(\.key) }
    public var allEntries: [SpecNode.Entry] { entries }
}
