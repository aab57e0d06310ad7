/// A tornado: for each uncertain input, the output when the input sits at its
/// low and at its high value, as bars diverging from the baseline output.
/// Rows are drawn in the order given (put the largest swing first).
public struct SVGTornado: Sendable {
    public struct Row: Sendable {
        public var input: String
        /// The input's low and high values, as shown next to the row label.
        public var lowInput: String
        public var highInput: String
        public var atLow: Double
        public var atHigh: Double
        public init(input: String, lowInput: String, highInput: String, atLow: Double, atHigh: Double) {
            self.input = input; self.lowInput = lowInput; self.highInput = highInput; self.atLow = atLow; self.atHigh = atHigh
        }
    }

    public var title: String
    public var summary: String
    public var note: String?
    public var rows: [Row]
    public var baseline: Double
    public var baselineName: String
    public var valueAxis: String
    public var style: SVGValueStyle
    public var lowName: String
    public var highName: String
    public var domain: [Double]

    public init(title: String, summary: String, note: String? = nil, rows: [Row], baseline: Double, baselineName: String,
                valueAxis: String, style: SVGValueStyle, lowName: String = "input at its 5th percentile",
                highName: String = "input at its 95th percentile", domain: [Double] = []) {
        self.title = title; self.summary = summary; self.note = note; self.rows = rows; self.baseline = baseline
        self.baselineName = baselineName; self.valueAxis = valueAxis; self.style = style
        self.lowName = lowName; self.highName = highName; self.domain = domain
    }

    public func svg() -> String {
        var canvas = SVGCanvas(kind: "tornado", title: title, summary: summary)
        var top = canvas.header(note: note)
        top = canvas.legend([
            .init(name: lowName, colour: SVGPalette.blue, swatch: .box),
            .init(name: highName, colour: SVGPalette.orange, swatch: .box),
            .init(name: baselineName, colour: SVGCanvas.ink, swatch: .line),
        ], top: top) + 8
        let nameChars = min(46, max(8, rows.map(\.input.count).max() ?? 0))
        let left = 24 + Double(nameChars) * 6.3
        let right = SVGCanvas.width - 64
        let band = 36.0
        let plotTop = top + 10
        let plotBottom = plotTop + band * Double(max(1, rows.count))
        var values = domain + [baseline]
        for r in rows { values += [r.atLow, r.atHigh] }
        let scale = SVGScale(covering: values, style: style, start: left + 40, end: right)
        canvas.bottomAxis(scale, top: plotTop, bottom: plotBottom, title: valueAxis)
        let base = scale.clampedPosition(baseline)
        var out: [String] = []
        for (i, r) in rows.enumerated() {
            let y = plotTop + Double(i) * band
            if i % 2 == 1 {
                out.append("<rect x=\"8\" y=\"\(Markup.coord(y))\" width=\"\(Markup.coord(SVGCanvas.width - 16))\" height=\"\(Markup.coord(band))\" fill=\"#F4F6F8\" fill-opacity=\"0.7\"/>")
            }
            out.append("<text x=\"\(Markup.coord(left - 8))\" y=\"\(Markup.coord(y + 15))\" font-size=\"11.5\" text-anchor=\"end\" fill=\"\(SVGCanvas.ink)\" class=\"category-label\"><title>\(Markup.escape(r.input))</title>\(Markup.escape(Markup.short(r.input, max: nameChars)))</text>")
            out.append(SVGCanvas.text("\(r.lowInput) → \(r.highInput)", x: left - 8, y: y + 29, anchor: "end", size: 10.5, fill: SVGCanvas.muted, cls: "input-range"))
            for (k, (v, colour, end)) in [(r.atLow, SVGPalette.blue, "low"), (r.atHigh, SVGPalette.orange, "high")].enumerated() {
                let value = v.isFinite ? v : baseline
                let p = scale.clampedPosition(value)
                let by = y + 6 + Double(k) * 12
                let tip = "\(r.input) at \(k == 0 ? r.lowInput : r.highInput): \(style.label(value)) (baseline \(style.label(baseline)))"
                out.append("<rect class=\"bar\" x=\"\(Markup.coord(min(p, base)))\" y=\"\(Markup.coord(by))\" width=\"\(Markup.coord(max(abs(p - base), 0)))\" height=\"11\" fill=\"\(colour)\" data-input=\"\(Markup.escape(r.input))\" data-end=\"\(end)\" data-value=\"\(Markup.data(value))\"><title>\(Markup.escape(tip))</title></rect>")
                let right = value >= baseline
                out.append(SVGCanvas.text(style.label(value), x: right ? max(p, base) + 4 : min(p, base) - 4, y: by + 9.5, anchor: right ? "start" : "end", size: 10.5, fill: SVGCanvas.muted, cls: "value-label"))
            }
        }
        out.append("<g class=\"reference\" data-value=\"\(Markup.data(baseline))\">" + SVGCanvas.line(x1: base, y1: plotTop - 4, x2: base, y2: plotBottom, stroke: SVGCanvas.ink, width: 1.5) + "</g>")
        canvas.add(out.joined(separator: "\n"))
        canvas.height = plotBottom + 48
        return canvas.document()
    }
}
