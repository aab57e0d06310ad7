/// An HTML table whose cells are escaped text; numeric columns are right-aligned.
struct HTMLTable {
    var caption: String?
    var header: [String]
    var rows: [[String]]
    /// Column indices holding numbers.
    var numeric: Set<Int> = []
    /// A class on the `<table>` (e.g. "wide" for many columns).
    var cssClass: String? = nil

    func render() -> String {
        var out = "<div class=\"table-wrap\"><table\(cssClass.map { " class=\"\(Markup.escape($0))\"" } ?? "")>"
        if let caption { out += "<caption>\(Markup.escape(caption))</caption>" }
        out += "<thead><tr>" + header.enumerated().map { i, h in
            "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(Markup.escape(h))</th>"
        }.joined() + "</tr></thead><tbody>"
        for r in rows {
            out += "<tr>" + r.enumerated().map { i, c in
                "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(Self.keepTogether(Markup.escape(c)))</td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// "43.1% ± 1.1%" never breaks around the "±", so narrow columns wrap between figures only.
    static func keepTogether(_ html: String) -> String {
        var out = ""
        var chars = Array(html)[...]
        while let c = chars.popFirst() {
            if c == " ", chars.first == "±" { out += "&#160;±"; chars.removeFirst(); if chars.first == " " { out += "&#160;"; chars.removeFirst() } } else { out.append(c) }
        }
        return out
    }
}
