/// Numbers in the games' error messages, written for a person: the rules of GuarantorModel's
/// `Format.message`, from the same source file (`ReadableNumber.swift`, linked: Games does not
/// depend on GuarantorModel; a test checks they agree).
enum MessageNumber {
    /// Whole numbers below 1e15 in full, others with at most 6 significant digits: plain
    /// decimals from 1e-4 up to 1e6, scientific notation beyond (`3.75e+28`, not the
    /// `3.7499999999999995e+28` of `description`).
    static func text(_ x: Double, digits: Int = 6) -> String { ReadableNumber.text(x, digits: digits) }

    /// An exact number in a message: as written (`2/3`) while short, else about its value
    /// (a sum of chance probabilities with a denominator of hundreds of digits).
    static func text(_ r: Rational) -> String {
        let exact = r.description
        return exact.count <= 24 ? exact : "about " + text(r.doubleValue)
    }
}
