/// One alliance of the ATOP alliance-level file (Leeds et al. 2002; v4.01 as
/// in the reference copy, v5 has the same core variables): every numeric
/// column by its ATOP name, and the member states from `mem1`...`memN`.
public struct AtopAlliance: Sendable, Hashable {
    public var atopid: Int
    /// 1-based line in the file, for messages.
    public var line: Int
    public var values: [String: Double]
    /// COW codes of the members, in ATOP's order.
    public var members: [Int]

    /// The value of an ATOP variable; nil when missing or absent from the file.
    public func value(_ name: String) -> Double? { values[name] }
    /// An ATOP 0/1 (or level) variable read as an integer, 0 when missing.
    public func level(_ name: String) -> Int { values[name].flatMap(atopInteger) ?? 0 }
    public func flag(_ name: String) -> Bool { level(name) > 0 }

    /// Date of formation from BEGYR/BEGMO/BEGDAY (a missing month or day is taken as 1).
    public var begins: (year: Int, month: Int, day: Int)? {
        guard let y = value("begyr").flatMap(atopInteger), y > 0 else { return nil }
        let m = value("begmo").flatMap(atopInteger).flatMap { (1...12).contains($0) ? $0 : nil } ?? 1
        let d = value("begday").flatMap(atopInteger).flatMap { (1...31).contains($0) ? $0 : nil } ?? 1
        return (y, m, d)
    }

    /// Date of termination; nil when ENDYR is 0 or missing (still in force at the end of coverage).
    public var ends: (year: Int, month: Int, day: Int)? {
        guard let y = value("endyr").flatMap(atopInteger), y > 0 else { return nil }
        let m = value("endmo").flatMap(atopInteger).flatMap { (1...12).contains($0) ? $0 : nil } ?? 1
        let d = value("endday").flatMap(atopInteger).flatMap { (1...31).contains($0) ? $0 : nil } ?? 1
        return (y, m, d)
    }
}

/// One member-phase of the ATOP member-level file: the member's own obligations and conditions.
public struct AtopMember: Sendable, Hashable {
    public var atopid: Int
    public var member: Int
    public var line: Int
    public var values: [String: Double]

    public func value(_ name: String) -> Double? { values[name] }
    public func level(_ name: String) -> Int { values[name].flatMap(atopInteger) ?? 0 }
    public func flag(_ name: String) -> Bool { level(name) > 0 }
    public var phase: Int { level("phase") }
}

public enum Atop {
    /// Columns the import reads from the alliance-level file.
    public static let allianceColumns = ["atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect",
                                         "bilat", "wartime", "estmode", "pubsecr", "speclgth", "length", "renounce",
                                         "defense", "offense", "neutral", "nonagg", "consul", "conditio", "defcon",
                                         "offcon", "neucon", "concon", "asymm", "specthrt", "milcon", "milaid",
                                         "intcom", "subord", "organ1", "base", "contrib", "ecaid"]
    /// Optional alliance-level columns: used when present.
    public static let optionalAllianceColumns = ["statthr1", "statthr2", "organ2", "proren", "renewlgt", "term", "milinst", "formal"]

    public static let memberColumns = ["atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
                                       "defense", "offense", "neutral", "nonagg", "consul",
                                       "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
                                       "concoadv", "concoloc", "concocon", "concoreq"]

    /// The alliance `atopid` from the alliance-level file's text.
    public static func alliance(_ atopid: Int, csv text: String) throws(EvidenceError) -> AtopAlliance {
        let table = try CSVTable(parsing: text)
        let missing = table.missingColumns(allianceColumns)
        guard missing.isEmpty else {
            throw EvidenceError(line: 1, column: nil,
                                "this does not look like the ATOP alliance-level file: missing column(s) \(missing.joined(separator: ", "))")
        }
        let memberColumns = table.header.filter { $0.hasPrefix("mem") && Int($0.dropFirst(3)) != nil }
            .sorted { (Int($0.dropFirst(3)) ?? 0) < (Int($1.dropFirst(3)) ?? 0) }
        guard !memberColumns.isEmpty else {
            throw EvidenceError(line: 1, column: nil, "the ATOP alliance-level file has no member columns (mem1, mem2, ...)")
        }
        var found: CSVTable.Row?
        for row in table.rows where (try table.number(row, "atopid")).flatMap(atopInteger) == atopid {
            if let first = found {
                throw EvidenceError(line: row.line, column: nil, "atopid \(atopid) appears twice (first at line \(first.line))")
            }
            found = row
        }
        guard let row = found else {
            throw EvidenceError("no alliance with atopid \(atopid) in this file (NATO is 3180, US-Japan 3375, US-Korea 3240)")
        }
        var values: [String: Double] = [:]
        for c in allianceColumns + optionalAllianceColumns where table.hasColumn(c) {
            if let v = try table.number(row, c) { values[c] = v }
        }
        var members: [Int] = []
        for c in memberColumns {
            if let v = try table.number(row, c), v > 0, let code = atopInteger(v) { members.append(code) }
        }
        guard !members.isEmpty else {
            throw EvidenceError(line: row.line, column: nil, "alliance \(atopid) lists no members")
        }
        return AtopAlliance(atopid: atopid, line: row.line, values: values, members: members)
    }

    /// Every member-phase of `atopid` in the member-level file's text.
    public static func members(_ atopid: Int, csv text: String) throws(EvidenceError) -> [AtopMember] {
        let table = try CSVTable(parsing: text)
        let missing = table.missingColumns(memberColumns)
        guard missing.isEmpty else {
            throw EvidenceError(line: 1, column: nil,
                                "this does not look like the ATOP member-level file: missing column(s) \(missing.joined(separator: ", "))")
        }
        var out: [AtopMember] = []
        for row in table.rows where (try table.number(row, "atopid")).flatMap(atopInteger) == atopid {
            var values: [String: Double] = [:]
            for c in memberColumns { if let v = try table.number(row, c) { values[c] = v } }
            guard let m = values["member"].flatMap(atopInteger) else {
                throw EvidenceError(line: row.line, column: nil, "a member row of alliance \(atopid) has no member code")
            }
            out.append(AtopMember(atopid: atopid, member: m, line: row.line, values: values))
        }
        return out
    }

    /// The latest phase of each member (the provisions in force most recently).
    public static func latestPhase(_ rows: [AtopMember]) -> [Int: AtopMember] {
        var out: [Int: AtopMember] = [:]
        for r in rows {
            if let old = out[r.member], old.phase >= r.phase { continue }
            out[r.member] = r
        }
        return out
    }
}

/// An ATOP code or count as an integer; nil for values no ATOP variable takes
/// (beyond +-10^9), so that a corrupt file cannot crash the conversion.
func atopInteger(_ v: Double) -> Int? {
    guard v.isFinite, abs(v) < 1e9 else { return nil }
    return Int(v.rounded(.towardZero))
}
