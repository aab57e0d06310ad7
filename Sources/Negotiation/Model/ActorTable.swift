/// The plain table in which the literature publishes a single issue:
/// `Actor,Capability,Position,Salience`, one actor per line, as in
/// Bueno de Mesquita (1994) and the emission-standards reference file.
public enum ActorTable {
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): error: \(message)" }
    }

    /// Parses the table; columns are found by their header names
    /// (case-insensitive), so their order does not matter.
    public static func parse(_ text: String) throws(ParseError) -> [BargainingActor] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let headerIndex = lines.firstIndex(where: { !$0.trimmingSpaces.isEmpty }) else {
            throw ParseError(line: 1, column: 1, message: "the table is empty; expected a header 'Actor,Capability,Position,Salience'")
        }
        let header = lines[headerIndex].split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces.lowercased() }
        var column: [String: Int] = [:]
        for name in ["actor", "capability", "position", "salience"] {
            guard let index = header.firstIndex(of: name) else {
                throw ParseError(line: headerIndex + 1, column: 1, message: "the header lacks a '\(name)' column; expected 'Actor,Capability,Position,Salience'")
            }
            column[name] = index
        }
        var actors: [BargainingActor] = []
        for lineIndex in lines.indices where lineIndex > headerIndex {
            let line = lines[lineIndex]
            if line.trimmingSpaces.isEmpty { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= header.count else {
                throw ParseError(line: lineIndex + 1, column: line.count + 1, message: "expected \(header.count) comma-separated cells, found \(cells.count)")
            }
            func columnOffset(_ index: Int) -> Int { cells[..<index].reduce(1) { $0 + $1.count + 1 } }
            func number(_ name: String) throws(ParseError) -> Double {
                let index = column[name] ?? 0
                let text = cells[index].trimmingSpaces
                guard let value = Double(text), value.isFinite else {
                    throw ParseError(line: lineIndex + 1, column: columnOffset(index), message: "\(name) must be a number (got '\(text)')")
                }
                return value
            }
            let name = cells[column["actor"] ?? 0].trimmingSpaces
            actors.append(BargainingActor(name: name, capability: try number("capability"),
                                          position: try number("position"), salience: try number("salience")))
        }
        return actors
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
