/// Numbers in the games' error messages, written for a person: the rules of GuarantorModel's
/// `Format.message` (Games does not depend on GuarantorModel; a test checks they agree).
enum MessageNumber {
    /// Whole numbers below 1e15 in full, others with at most 6 significant digits: plain
    /// decimals from 1e-4 up to 1e6, scientific notation beyond (`3.75e+28`, not the
    /// `3.7499999999999995e+28` of `description`).
    static func text(_ x: Double, digits: Int = 6) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
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

    /// An exact number in a message: as written (`2/3`) while short, else about its value
    /// (a sum of chance probabilities with a denominator of hundreds of digits).
    static func text(_ r: Rational) -> String {
        let exact = r.description
        return exact.count <= 24 ? exact : "about " + text(r.doubleValue)
    }
}
