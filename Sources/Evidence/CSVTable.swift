/// A CSV file as read by RFC 4180: comma-separated fields, records ended by
/// CRLF or LF, fields optionally in double quotes (which may then hold commas,
/// line breaks and doubled quotes). The first record is the header.
///
/// The reader takes text, never a path: the CLI reads the user's file.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line of the text where the record starts.
        public var line: Int
        public var fields: [String]
        /// 1-based column where each field starts (for error locations).
        public var columns: [Int]
    }

    public var header: [String]
    public var rows: [Row]
    private var index: [String: Int]

    /// Parses `text`; every malformed record is an error with its line and column.
    public init(parsing text: String) throws(EvidenceError) {
        var records = try CSVTable.records(of: text)
        guard !records.isEmpty else { throw EvidenceError(line: 1, column: 1, "the file is empty: expected a header line") }
        let head = records.removeFirst()
        header = head.fields.map { $0.trimmingSpaces() }
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty { throw EvidenceError(line: head.line, column: head.columns[i], "header field \(i + 1) is empty") }
            if seen[name] != nil {
                throw EvidenceError(line: head.line, column: head.columns[i], "column '\(name)' appears twice in the header")
            }
            seen[name] = i
        }
        index = seen
        rows = []
        for record in records {
            if record.fields.count == 1 && record.fields[0].isEmpty { continue } // blank line
            guard record.fields.count == header.count else {
                throw EvidenceError(line: record.line, column: 1,
                                    "this record has \(record.fields.count) fields but the header has \(header.count)")
            }
            rows.append(record)
        }
    }

    public func hasColumn(_ name: String) -> Bool { index[name] != nil }

    /// The columns of `names` missing from the header, in the order given.
    public func missingColumns(_ names: [String]) -> [String] { names.filter { index[$0] == nil } }

    /// The raw text of `column` in `row`; nil when the column does not exist.
    public func text(_ row: Row, _ column: String) -> String? {
        guard let i = index[column] else { return nil }
        return row.fields[i]
    }

    /// The value of a numeric cell: nil when empty or `.` (Stata's missing value).
    public func number(_ row: Row, _ column: String) throws(EvidenceError) -> Double? {
        guard let i = index[column] else {
            throw EvidenceError(line: row.line, column: nil, "the file has no column '\(column)'")
        }
        let raw = row.fields[i].trimmingSpaces()
        if raw.isEmpty || raw == "." || raw == "NA" { return nil }
        guard let v = Double(raw), v.isFinite else {
            throw EvidenceError(line: row.line, column: row.columns[i], "column '\(column)': '\(raw)' is not a number")
        }
        return v
    }

    struct Scanner {
        let chars: [Character]
        var i = 0
        var line = 1
        var column = 1
        mutating func advance() {
            let c = chars[i]
            i += 1
            // "\r\n" is a single Character in Swift, so one check covers CRLF.
            if c == "\n" || c == "\r\n" || c == "\r" { line += 1; column = 1 } else { column += 1 }
        }
    }

    static func isLineBreak(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

    static func records(of text: String) throws(EvidenceError) -> [Row] {
        var s = Scanner(chars: Array(text))
        if s.chars.first == "\u{FEFF}" { s.i = 1 }
        var out: [Row] = []
        while s.i < s.chars.count {
            var fields: [String] = []
            var columns: [Int] = []
            let recordLine = s.line
            var endOfRecord = false
            while !endOfRecord {
                columns.append(s.column)
                var field = ""
                if s.i < s.chars.count && s.chars[s.i] == "\"" {
                    let openLine = s.line, openColumn = s.column
                    s.advance()
                    var closed = false
                    while s.i < s.chars.count {
                        let c = s.chars[s.i]
                        if c == "\"" {
                            if s.i + 1 < s.chars.count && s.chars[s.i + 1] == "\"" {
                                field.append("\""); s.advance(); s.advance()
                            } else {
                                s.advance(); closed = true; break
                            }
                        } else {
                            field.append(c); s.advance()
                        }
                    }
                    guard closed else {
                        throw EvidenceError(line: openLine, column: openColumn, "this quoted field is never closed")
                    }
                    if s.i < s.chars.count && s.chars[s.i] != "," && !isLineBreak(s.chars[s.i]) {
                        throw EvidenceError(line: s.line, column: s.column,
                                            "unexpected character after a closing quote: expected ',' or the end of the line")
                    }
                } else {
                    while s.i < s.chars.count && s.chars[s.i] != "," && !isLineBreak(s.chars[s.i]) {
                        if s.chars[s.i] == "\"" {
                            throw EvidenceError(line: s.line, column: s.column,
                                                "a quote inside an unquoted field: quote the whole field and double the quote")
                        }
                        field.append(s.chars[s.i]); s.advance()
                    }
                }
                fields.append(field)
                if s.i >= s.chars.count {
                    endOfRecord = true
                } else if s.chars[s.i] == "," {
                    s.advance()
                } else {
                    s.advance() // the line break
                    endOfRecord = true
                }
            }
            out.append(Row(line: recordLine, fields: fields, columns: columns))
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
