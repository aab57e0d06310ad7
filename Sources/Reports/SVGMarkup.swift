import GuarantorModel

/// Escaping and number spelling shared by the SVG charts and the HTML report.
///
/// Every number that reaches a chart or report goes through `Format`, never a
/// Foundation formatter, so output is byte-identical on every machine and locale.
public enum Markup {
    /// Text safe inside XML/HTML element content and quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// A coordinate with one decimal; non-finite or absurd values are pinned so
    /// that a degenerate result still yields a valid document.
    static func coord(_ x: Double) -> String {
        Format.fixed(pinned(x, limit: 1e7), decimals: 1)
    }

    /// A data value for `data-*` attributes: six decimals, enough to check against the data.
    public static func data(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        return Format.fixed(pinned(x, limit: 1e15), decimals: 6)
    }

    /// `Format.fixed` for any input: beyond Int64's range it falls back to
    /// `Format.number`'s scientific spelling instead of trapping.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        abs(x) < 1e15 || !x.isFinite ? Format.fixed(x, decimals: decimals) : Format.number(x, digits: 6)
    }

    /// Large magnitudes as millions, billions and trillions ("1.73 bn"), so that
    /// money and utilities stay readable; below a million nothing is scaled.
    public static func magnitude(_ x: Double) -> (divisor: Double, suffix: String) {
        let a = abs(x)
        if !a.isFinite || a < 1e6 { return (1, "") }
        // A no-break space keeps the number and its scale on one line. Just below a thousand
        // millions (or billions) rounds to "1000" at three digits: that is the next scale up.
        if a >= 999.5e9 { return (1e12, "\u{00A0}tn") }
        if a >= 999.5e6 { return (1e9, "\u{00A0}bn") }
        return (1e6, "\u{00A0}M")
    }

    /// `Format.percent` for any input (see `fixed`).
    public static func percent(_ x: Double, decimals: Int = 1) -> String { fixed(x * 100, decimals: decimals) + "%" }

    static func pinned(_ x: Double, limit: Double) -> Double {
        if x.isNaN { return 0 }
        return min(limit, max(-limit, x))
    }

    /// Truncates long labels for display (the full text stays in a tooltip).
    static func short(_ text: String, max: Int) -> String {
        text.count <= max ? text : String(text.prefix(Swift.max(1, max - 1))) + "…"
    }
}
