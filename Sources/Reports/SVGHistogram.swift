/// Histograms of equal-width bins over one shared x axis, shown as the share of
/// runs in each bin: one panel per distribution (small multiples), stacked so
/// that the panels are compared at the same x positions.
public struct SVGHistogram: Sendable {
    public struct Panel: Sendable {
        public var name: String
        /// Runs per bin.
        public var counts: [Int64]
        public var colour: String
        /// A short line shown next to the panel name (e.g. the mean).
        public var caption: String
        public init(name: String, counts: [Int64], colour: String = SVGPalette.blue, caption: String = "") {
            self.name = name; self.counts = counts; self.colour = colour; self.caption = caption
        }

        /// Share of the total in each bin (all zero when there are no runs).
        public var shares: [Double] {
            let total = counts.reduce(0) { $0 &+ max(0, $1) }
            return counts.map { total > 0 ? Double(max(0, $0)) / Double(total) : 0 }
        }
    }

    public var title: String
    public var summary: String
    public var note: String?
    /// Lower edge of the first bin and upper edge of the last (all panels share them).
    public var lo: Double
    public var hi: Double
    public var panels: [Panel]
    public var xAxis: String
    public var xStyle: SVGValueStyle
    public var yAxis: String
    /// Height of each panel's plot area in pixels.
    public var panelHeight: Double

    public init(title: String, summary: String, note: String? = nil, lo: Double, hi: Double, panels: [Panel],
                xAxis: String, xStyle: SVGValueStyle, yAxis: String = "share of runs (%)", panelHeight: Double? = nil) {
        self.title = title; self.summary = summary; self.note = note; self.lo = lo; self.hi = hi; self.panels = panels
        self.xAxis = xAxis; self.xStyle = xStyle; self.yAxis = yAxis
        self.panelHeight = panelHeight ?? (panels.count > 1 ? 95 : 220)
    }

    /// A single histogram.
    public init(title: String, summary: String, note: String? = nil, lo: Double, hi: Double, counts: [Int64],
                xAxis: String, xStyle: SVGValueStyle, yAxis: String = "share of runs (%)", colour: String = SVGPalette.blue) {
        self.init(title: title, summary: summary, note: note, lo: lo, hi: hi, panels: [Panel(name: "", counts: counts, colour: colour)],
                  xAxis: xAxis, xStyle: xStyle, yAxis: yAxis)
    }

    public func svg() -> String {
        var canvas = SVGCanvas(kind: "histogram", title: title, summary: summary)
        var top = canvas.header(note: note) + 8
        let panelsTop = top
        let left = 78.0, right = SVGCanvas.width - 24
        let (a, b) = hi > lo && lo.isFinite && hi.isFinite ? (lo, hi) : (0.0, 1.0)
        let xScale = SVGScale(covering: [a, b], style: xStyle, start: left, end: right, targetTicks: 10)
        let height = max(60, panelHeight)
        var out: [String] = []
        for (k, panel) in panels.enumerated() {
            let s = panel.shares
            let bins = max(1, panel.counts.count)
            let width = (b - a) / Double(bins)
            if !panel.name.isEmpty {
                // The caption sits at the right edge; the name gets the room that is left.
                let captionWidth = Double(panel.caption.count) * 6.0
                let nameChars = max(12, Int((right - left - captionWidth - 16) / 7.2))
                out.append("<text x=\"\(Markup.coord(left))\" y=\"\(Markup.coord(top + 12))\" font-size=\"12.5\" font-weight=\"600\" fill=\"\(SVGCanvas.ink)\" class=\"panel-title\"><title>\(Markup.escape(panel.name))</title>\(Markup.escape(Markup.short(panel.name, max: nameChars)))</text>")
                if !panel.caption.isEmpty {
                    out.append(SVGCanvas.text(panel.caption, x: right, y: top + 12, anchor: "end", size: 11, fill: SVGCanvas.muted, cls: "panel-caption"))
                }
                top += 20
            }
            let plotTop = top, plotBottom = top + height
            let yScale = SVGScale(covering: s + [0, 0.01], style: .percent, start: plotBottom, end: plotTop, targetTicks: height < 150 ? 2 : 5)
            // Every panel gets its own y axis (shares differ a lot between attacks) and the x grid.
            var axis = ["<g class=\"axis y-axis\">"]
            for t in yScale.ticks {
                let y = yScale.position(t)
                axis.append(SVGCanvas.line(x1: left, y1: y, x2: right, y2: y, stroke: SVGCanvas.grid))
                axis.append(SVGCanvas.text(yScale.tickLabel(t), x: left - 7, y: y + 4, anchor: "end", size: 11, fill: SVGCanvas.muted, cls: "tick"))
            }
            for t in xScale.ticks {
                let x = xScale.position(t)
                axis.append(SVGCanvas.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: SVGCanvas.grid))
            }
            axis.append(SVGCanvas.line(x1: left, y1: plotTop, x2: left, y2: plotBottom, stroke: SVGCanvas.muted))
            axis.append(SVGCanvas.line(x1: left, y1: plotBottom, x2: right, y2: plotBottom, stroke: SVGCanvas.muted))
            axis.append("</g>")
            out.append(axis.joined())
            var bars = ["<g class=\"panel\" data-panel=\"\(Markup.escape(panel.name))\">"]
            for i in 0..<panel.counts.count {
                let l = a + Double(i) * width, h = l + width
                let x0 = xScale.position(l), x1 = xScale.position(h)
                let y = yScale.position(s[i])
                let tip = "\(panel.name.isEmpty ? "" : panel.name + ", ")\(xStyle.label(l))–\(xStyle.label(h)): \(SVGValueStyle.percent.label(s[i])) of runs"
                bars.append("<rect class=\"bin\" x=\"\(Markup.coord(x0 + 0.5))\" y=\"\(Markup.coord(y))\" width=\"\(Markup.coord(max(0, x1 - x0 - 1)))\" height=\"\(Markup.coord(max(0, plotBottom - y)))\" fill=\"\(panel.colour)\" data-lo=\"\(Markup.data(l))\" data-hi=\"\(Markup.data(h))\" data-count=\"\(panel.counts[i])\" data-value=\"\(Markup.data(s[i]))\"><title>\(Markup.escape(tip))</title></rect>")
            }
            bars.append("</g>")
            out.append(bars.joined())
            top = plotBottom + (k == panels.count - 1 ? 0 : 14)
        }
        if panels.isEmpty { top += height }
        let plotBottom = top
        var xAxisParts = ["<g class=\"axis x-axis\">"]
        for t in xScale.ticks {
            let x = xScale.position(t)
            xAxisParts.append(SVGCanvas.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4, stroke: SVGCanvas.muted))
            xAxisParts.append(SVGCanvas.text(xScale.tickLabel(t), x: x, y: plotBottom + 16, anchor: "middle", size: 11, fill: SVGCanvas.muted, cls: "tick"))
        }
        xAxisParts.append(SVGCanvas.text(xAxis, x: (left + right) / 2, y: plotBottom + 34, anchor: "middle", size: 12, cls: "axis-title"))
        xAxisParts.append("</g>")
        out.append(xAxisParts.joined())
        out.append(SVGCanvas.text(yAxis, x: 16, y: (panelsTop + plotBottom) / 2, anchor: "middle", size: 12, cls: "axis-title", rotate: true))
        canvas.add(out.joined(separator: "\n"))
        canvas.height = plotBottom + 48
        return canvas.document()
    }
}
