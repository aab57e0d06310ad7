// Numbers in messages for a person to read. This one file is compiled in
// GuarantorModel (`Format.message`) and, through a symbolic link, in Games
// (`MessageNumber`), which does not depend on GuarantorModel.

/// Whole numbers below 1e15 in full (`1000000`), others with at most `digits`
/// significant digits, as plain decimals from 1e-4 up to 1e6 (`0.123457`,
/// `12345.7`) and in scientific notation beyond (`3.75e+28`, `1.5e-07`).
enum ReadableNumber {
    static func text(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        // The shortest decimal that reads back as x (Swift's `description`), as digits d1 d2 ...
        // and the place of the decimal point: x = 0.d1d2... x 10^point.
        var text = String(describing: abs(x))
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? ""
        var ds = (whole + (parts.count > 1 ? String(parts[1]) : "")).compactMap { $0.wholeNumberValue }
        var point = exponent + whole.count
        while ds.first == 0 { ds.removeFirst(); point -= 1 }
        if ds.isEmpty { return "0" }
        let keep = max(1, digits)
        if ds.count > keep {
            let up = ds[keep] >= 5
            ds.removeLast(ds.count - keep)
            if up {
                var i = keep - 1
                while i >= 0 && ds[i] == 9 { ds[i] = 0; i -= 1 }
                if i >= 0 { ds[i] += 1 } else { ds.insert(1, at: 0); ds.removeLast(); point += 1 }
            }
        }
        while ds.count > 1 && ds.last == 0 { ds.removeLast() }
        let chars = ds.map { Character(String($0)) }
        let sign = x < 0 ? "-" : ""
        let e10 = point - 1
        if e10 >= -4 && e10 < 6 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(chars) }
            if point >= chars.count { return sign + String(chars) + String(repeating: "0", count: point - chars.count) }
            return sign + String(chars[..<point]) + "." + String(chars[point...])
        }
        let mantissa = chars.count == 1 ? String(chars) : String(chars[0]) + "." + String(chars[1...])
        let magnitude = String(abs(e10))
        return sign + mantissa + "e" + (e10 < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }
}
