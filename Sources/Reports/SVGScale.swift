import GuarantorModel

/// How a chart spells its values: fractions shown as percentages, or plain numbers.
public enum SVGValueStyle: Sendable, Hashable {
    /// The value is a fraction (0.43); axes and labels show "43%".
    case percent
    /// A plain number with a fixed number of decimals on value labels.
    case number(decimals: Int)
    /// Named points 0, 1, 2... of an ordinal scale (e.g. a negotiation
    /// issue's positions): the axis ticks at every point, labelled by its
    /// name; values between points read as numbers.
    case points([String])

    func label(_ x: Double) -> String {
        switch self {
        case .points(let names):
            if let i = Self.pointIndex(x, count: names.count) { return names[i] }
            return Markup.fixed(x, decimals: 2)
        case .percent: return Markup.fixed(x * 100, decimals: 1) + "%"
        case .number(let d):
            let (div, suffix) = Markup.magnitude(x)
            return div == 1 ? Markup.fixed(x, decimals: d) : Markup.fixed(x / div, decimals: abs(x / div) < 10 ? 2 : 1) + suffix
        }
    }

    /// The point a value stands on, if it is (within rounding) one of 0..<count.
    static func pointIndex(_ x: Double, count: Int) -> Int? {
        let r = x.rounded()
        guard x.isFinite, abs(x - r) < 1e-9, r >= 0, r < Double(count) else { return nil }
        return Int(r)
    }
}

/// A linear axis with "nice" ticks (1, 2 or 5 times a power of ten).
struct SVGScale {
    var lo: Double
    var hi: Double
    var ticks: [Double]
    /// Decimals needed to spell the ticks.
    var tickDecimals: Int
    var style: SVGValueStyle
    /// Pixel range: `start` is where `lo` lands, `end` where `hi` lands.
    var start: Double
    var end: Double

    /// Extends [lo, hi] to tick boundaries; a degenerate range becomes [lo, lo + 1].
    /// `minStep`: the smallest tick step (1 for axes of whole numbers such as rounds).
    init(covering values: [Double], including fixed: [Double] = [], style: SVGValueStyle, start: Double, end: Double, targetTicks: Int = 5,
         minStep: Double = 0) {
        let finite = (values + fixed).filter(\.isFinite).map { Markup.pinned($0, limit: 1e15) }
        var lo = finite.min() ?? 0
        var hi = finite.max() ?? 1
        if hi - lo < 1e-12 {
            if lo == 0 { hi = 1 } else { let pad = abs(lo) * 0.1; lo -= pad; hi += pad }
        }
        if case .points(let names) = style, !names.isEmpty {
            // Every named point is a tick; the axis spans them all (and any value beyond).
            self.lo = min(0, lo)
            self.hi = max(Double(names.count - 1), hi, self.lo + 1)
            ticks = (0..<min(names.count, 50)).map(Double.init)
            tickDecimals = 0
            self.style = style
            self.start = start
            self.end = end
            return
        }
        // Percent axes tick on the 0-100 scale so ticks read 0%, 20%, ... not 0.2.
        let k = style == .percent ? 100.0 : 1.0
        let step = max(minStep, Self.niceStep((hi - lo) * k / Double(max(1, targetTicks))) / k)
        let first = (lo / step).rounded(.down)
        let last = (hi / step).rounded(.up)
        self.lo = first * step
        self.hi = last * step
        var ticks: [Double] = []
        var i = first
        while i <= last + 0.5 && ticks.count < 50 { ticks.append(i * step); i += 1 }
        self.ticks = ticks
        tickDecimals = Self.decimals(step * k)
        self.style = style
        self.start = start
        self.end = end
    }

    func position(_ x: Double) -> Double {
        let v = Markup.pinned(x, limit: 1e15)
        return start + (v - lo) / (hi - lo) * (end - start)
    }

    /// Pins a value into the axis range (for off-scale bars that must still be drawn).
    func clampedPosition(_ x: Double) -> Double { position(min(hi, max(lo, x))) }

    func tickLabel(_ x: Double) -> String {
        switch style {
        case .points(let names):
            if let i = SVGValueStyle.pointIndex(x, count: names.count) { return Markup.short(names[i], max: SVGScale.pointLabelChars) }
            return Markup.fixed(x, decimals: 2)
        case .percent: return Markup.fixed(x * 100, decimals: tickDecimals) + "%"
        case .number:
            // All ticks share one suffix, chosen by the largest tick.
            let (div, suffix) = Markup.magnitude(ticks.map { abs($0) }.max() ?? 0)
            if div == 1 || x == 0 { return Markup.fixed(x, decimals: x == 0 ? 0 : tickDecimals) }
            let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : div
            return Markup.fixed(x / div, decimals: Self.decimals(step / div)) + suffix
        }
    }

    /// Point names on an axis are cut to this many characters.
    static let pointLabelChars = 36

    /// Room, in characters, that the tick labels of a left axis need.
    static func labelChars(_ style: SVGValueStyle) -> Int {
        guard case .points(let names) = style else { return 0 }
        return min(pointLabelChars, names.map(\.count).max() ?? 0)
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        var p = 1.0
        var guardCount = 0
        while p * 10 <= raw && guardCount < 40 { p *= 10; guardCount += 1 }
        while p > raw && guardCount < 80 { p /= 10; guardCount += 1 }
        for m in [1.0, 2.0, 5.0, 10.0] where p * m >= raw { return p * m }
        return p * 10
    }

    static func decimals(_ step: Double) -> Int {
        var d = 0
        var s = step
        while d < 6 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) { s *= 10; d += 1 }
        return d
    }
}
