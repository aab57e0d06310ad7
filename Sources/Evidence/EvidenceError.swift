/// A problem with an evidence input, located where the text allows: line and
/// column are 1-based positions in the CSV (or scenario) text. The CLI adds
/// the file path in front, giving `path:line:column: message`.
public struct EvidenceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(line: Int? = nil, column: Int? = nil, _ message: String) {
        self.line = line; self.column = column; self.message = message
    }

    /// The location and message, prefixed with `file` when one is given.
    public func located(in file: String?) -> String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line { parts.append(String(line)) }
        if let column { parts.append(String(column)) }
        return parts.isEmpty ? message : parts.joined(separator: ":") + ": " + message
    }

    public var description: String { located(in: nil) }
}
