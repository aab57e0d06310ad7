/// A histogram of equal-width bins, shown as the share of runs in each bin.
public struct SVGHistogram: Sendable {
    public var title: String
    public var summary: String
    public var note: String?
    /// Lower edge of the first bin and upper edge of the last.
    public var lo: Double
    public var hi: Double
    /// Runs per bin.
    public var counts: [Int64]
    public var xAxis: String
    public var xStyle: SVGValueStyle
    public var yAxis: String
    public var colour: String
    /// Height of the plot area in pixels (small multiples use less).
    public var plotHeight = 220.0

    public init(title: String, summary: String, note: String? = nil, lo: Double, hi: Double, counts: [Int64],
                xAxis: String, xStyle: SVGValueStyle, yAxis: String = "share of runs (%)", colour: String = SVGPalette.blue) {
        self.title = title; self.summary = summary; self.note = note; self.lo = lo; self.hi = hi; self.counts = counts
        self.xAxis = xAxis; self.xStyle = xStyle; self.yAxis = yAxis; self.colour = colour
    }

    /// Share of the total in each bin (all zero when there are no runs).
    public var shares: [Double] {
        let total = counts.reduce(0) { $0 &+ max(0, $1) }
        return counts.map { total > 0 ? Double(max(0, $0)) / Double(total) : 0 }
    }

    public func svg() -> String {
        var canvas = SVGCanvas(kind: "histogram", title: title, summary: summary)
        let top = canvas.header(note: note) + 14
        let left = 78.0, right = SVGCanvas.width - 24
        let plotTop = top, plotBottom = plotTop + max(80, plotHeight)
        let bins = max(1, counts.count)
        let (a, b) = hi > lo && lo.isFinite && hi.isFinite ? (lo, hi) : (0.0, 1.0)
        let width = (b - a) / Double(bins)
        let xScale = SVGScale(covering: [a, b], style: xStyle, start: left, end: right, targetTicks: 10)
        let s = shares
        let yScale = SVGScale(covering: s + [0, 0.01], style: .percent, start: plotBottom, end: plotTop)
        canvas.leftAxis(yScale, left: left, right: right, title: yAxis)
        canvas.bottomAxis(xScale, top: plotTop, bottom: plotBottom, title: xAxis)
        var out: [String] = []
        for i in 0..<counts.count {
            let l = a + Double(i) * width, h = l + width
            let x0 = xScale.position(l), x1 = xScale.position(h)
            let y = yScale.position(s[i])
            let tip = "\(xStyle.label(l))–\(xStyle.label(h)): \(SVGValueStyle.percent.label(s[i])) of runs"
            out.append("<rect class=\"bin\" x=\"\(Markup.coord(x0 + 0.5))\" y=\"\(Markup.coord(y))\" width=\"\(Markup.coord(max(0, x1 - x0 - 1)))\" height=\"\(Markup.coord(max(0, plotBottom - y)))\" fill=\"\(colour)\" data-lo=\"\(Markup.data(l))\" data-hi=\"\(Markup.data(h))\" data-count=\"\(counts[i])\" data-value=\"\(Markup.data(s[i]))\"><title>\(Markup.escape(tip))</title></rect>")
        }
        canvas.add(out.joined(separator: "\n"))
        canvas.height = plotBottom + 48
        return canvas.document()
    }
}
