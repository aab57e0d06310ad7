/// Grouped bars with optional error bars: one group per category, one bar per series.
/// Horizontal bars suit long category names (guarantors, commitments, scenarios);
/// vertical bars suit a few short categories (attack types).
public struct SVGBarChart: Sendable {
    public enum Orientation: Sendable { case horizontal, vertical }

    public struct Series: Sendable {
        public var name: String
        /// One value per category; nil where the figure does not exist (drawn as "n/a").
        public var values: [Double?]
        /// Half-widths of the error bars (e.g. one standard error); empty for none.
        public var errors: [Double?]
        public var colour: String?
        public init(name: String, values: [Double?], errors: [Double?] = [], colour: String? = nil) {
            self.name = name; self.values = values; self.errors = errors; self.colour = colour
        }
    }

    /// A dashed line across the plot at a value, e.g. the status quo.
    public struct Reference: Sendable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) { self.value = value; self.label = label }
    }

    public var title: String
    public var summary: String
    /// One line under the title (e.g. what the error bars mean).
    public var note: String?
    public var categories: [String]
    public var categoryAxis: String
    public var series: [Series]
    /// The value axis title, with its unit.
    public var valueAxis: String
    public var style: SVGValueStyle
    public var orientation: Orientation
    /// Values the axis must include (e.g. [0, 1] for probabilities).
    public var domain: [Double]
    public var reference: Reference?

    public init(title: String, summary: String, note: String? = nil, categories: [String], categoryAxis: String,
                series: [Series], valueAxis: String, style: SVGValueStyle, orientation: Orientation = .horizontal,
                domain: [Double] = [0], reference: Reference? = nil) {
        self.title = title; self.summary = summary; self.note = note; self.categories = categories
        self.categoryAxis = categoryAxis; self.series = series; self.valueAxis = valueAxis; self.style = style
        self.orientation = orientation; self.domain = domain; self.reference = reference
    }

    func value(_ s: Int, _ c: Int) -> Double? {
        let v = series[s].values.indices.contains(c) ? series[s].values[c] : nil
        return v.flatMap { $0.isFinite ? $0 : nil }
    }

    func error(_ s: Int, _ c: Int) -> Double? {
        let e = series[s].errors.indices.contains(c) ? series[s].errors[c] : nil
        return e.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    }

    var extent: [Double] {
        var xs = domain
        for s in series.indices {
            for c in categories.indices {
                guard let v = value(s, c) else { continue }
                let e = error(s, c) ?? 0
                xs += [v - e, v + e]
            }
        }
        if let reference { xs.append(reference.value) }
        return xs
    }

    public func svg() -> String {
        var canvas = SVGCanvas(kind: "bar", title: title, summary: summary)
        var top = canvas.header(note: note)
        var legendItems: [SVGCanvas.LegendItem] = []
        // A single unnamed series needs no legend entry.
        if series.count > 1 || !(series.first?.name.isEmpty ?? true) {
            legendItems = series.enumerated().map { i, s in .init(name: s.name, colour: s.colour ?? SVGPalette.colour(i), swatch: .box) }
        }
        if let reference { legendItems.append(.init(name: reference.label, colour: SVGPalette.vermillion, swatch: .dashedLine)) }
        top = canvas.legend(legendItems, top: top)
        top += 8
        switch orientation {
        case .horizontal: drawHorizontal(&canvas, top: top)
        case .vertical: drawVertical(&canvas, top: top)
        }
        return canvas.document()
    }

    private func barElement(_ s: Int, _ c: Int, x: Double, y: Double, w: Double, h: Double, colour: String) -> String {
        let v = value(s, c) ?? 0
        var a = "<rect class=\"bar\" x=\"\(Markup.coord(x))\" y=\"\(Markup.coord(y))\" width=\"\(Markup.coord(max(0, w)))\" height=\"\(Markup.coord(max(0, h)))\" fill=\"\(colour)\""
        a += " data-series=\"\(Markup.escape(series[s].name))\" data-category=\"\(Markup.escape(categories[c]))\" data-value=\"\(Markup.data(v))\""
        if let e = error(s, c) { a += " data-error=\"\(Markup.data(e))\"" }
        var tip = "\(categories[c]): \(series[s].name.isEmpty ? "" : series[s].name + " ")\(style.label(v))"
        if let e = error(s, c) { tip += " ± \(style.label(e))" }
        return a + "><title>\(Markup.escape(tip))</title></rect>"
    }

    private func errorBar(_ lo: Double, _ hi: Double, across: Double, horizontal: Bool) -> String {
        let cap = 4.0
        let d = horizontal
            ? "M\(Markup.coord(lo)) \(Markup.coord(across))H\(Markup.coord(hi))M\(Markup.coord(lo)) \(Markup.coord(across - cap))V\(Markup.coord(across + cap))M\(Markup.coord(hi)) \(Markup.coord(across - cap))V\(Markup.coord(across + cap))"
            : "M\(Markup.coord(across)) \(Markup.coord(lo))V\(Markup.coord(hi))M\(Markup.coord(across - cap)) \(Markup.coord(lo))H\(Markup.coord(across + cap))M\(Markup.coord(across - cap)) \(Markup.coord(hi))H\(Markup.coord(across + cap))"
        return "<path class=\"error-bar\" d=\"\(d)\" stroke=\"\(SVGCanvas.ink)\" stroke-width=\"1.3\" fill=\"none\"/>"
    }

    private func drawHorizontal(_ canvas: inout SVGCanvas, top: Double) {
        let longest = categories.map(\.count).max() ?? 0
        let labelChars = min(42, max(6, longest))
        let left = 20 + Double(labelChars) * SVGCanvas.charWidth
        let right = SVGCanvas.width - 78
        // Many categories get thinner bars so the chart stays within a page.
        let crowded = categories.count * max(1, series.count) > 24
        let barH = crowded ? 12.0 : series.count == 1 ? 20.0 : 15.0
        let band = Double(max(1, series.count)) * barH + (crowded ? 8 : 14)
        let plotTop = top + 16
        let plotBottom = plotTop + band * Double(max(1, categories.count))
        let scale = SVGScale(covering: extent, style: style, start: left, end: right)
        canvas.add(SVGCanvas.text(categoryAxis, x: 12, y: plotTop - 6, size: 12, weight: "600", cls: "axis-title category-axis"))
        canvas.bottomAxis(scale, top: plotTop, bottom: plotBottom, title: valueAxis)
        let base = scale.clampedPosition(0)
        var out: [String] = []
        for c in categories.indices {
            let bandTop = plotTop + Double(c) * band
            let label = Markup.short(categories[c], max: labelChars)
            out.append("<text x=\"\(Markup.coord(left - 8))\" y=\"\(Markup.coord(bandTop + band / 2 + 4))\" font-size=\"12\" text-anchor=\"end\" fill=\"\(SVGCanvas.ink)\" class=\"category-label\"><title>\(Markup.escape(categories[c]))</title>\(Markup.escape(label))</text>")
            for s in series.indices {
                let y = bandTop + 7 + Double(s) * barH
                let colour = series[s].colour ?? SVGPalette.colour(s)
                guard let v = value(s, c) else {
                    out.append(SVGCanvas.text("n/a", x: base + 4, y: y + barH * 0.7, size: 11, fill: SVGCanvas.muted, cls: "missing"))
                    continue
                }
                let end = scale.clampedPosition(v)
                out.append(barElement(s, c, x: min(base, end), y: y, w: abs(end - base), h: barH - 3, colour: colour))
                var labelAt = end
                if let e = error(s, c) {
                    let lo = scale.clampedPosition(v - e), hi = scale.clampedPosition(v + e)
                    out.append(errorBar(lo, hi, across: y + (barH - 3) / 2, horizontal: true))
                    labelAt = v >= 0 ? hi : lo
                }
                let text = style.label(v)
                out.append(v >= 0
                    ? SVGCanvas.text(text, x: labelAt + 5, y: y + barH * 0.62, size: 11, cls: "value-label")
                    : SVGCanvas.text(text, x: labelAt - 5, y: y + barH * 0.62, anchor: "end", size: 11, cls: "value-label"))
            }
        }
        out.append(SVGCanvas.line(x1: base, y1: plotTop, x2: base, y2: plotBottom, stroke: SVGCanvas.ink, cls: "baseline"))
        if let reference { out.append(referenceLine(reference, scale: scale, horizontal: true, from: plotTop, to: plotBottom)) }
        canvas.add(out.joined(separator: "\n"))
        canvas.height = plotBottom + 48
    }

    private func drawVertical(_ canvas: inout SVGCanvas, top: Double) {
        let left = 78.0
        let right = SVGCanvas.width - 20
        let plotTop = top + 8
        let plotBottom = plotTop + 250
        let scale = SVGScale(covering: extent, style: style, start: plotBottom, end: plotTop)
        canvas.leftAxis(scale, left: left, right: right, title: valueAxis)
        let group = (right - left) / Double(max(1, categories.count))
        let barW = min(64, (group - 18) / Double(max(1, series.count)))
        let base = scale.clampedPosition(0)
        var out: [String] = []
        for c in categories.indices {
            let centre = left + group * (Double(c) + 0.5)
            // Up to two lines under each group; longer names are cut (the tooltip keeps them whole).
            let chars = max(4, Int(group / SVGCanvas.charWidth) - 1)
            var lines = SVGCanvas.wrap(categories[c], width: Double(chars) * SVGCanvas.charWidth, charWidth: SVGCanvas.charWidth)
            if lines.count > 2 { lines = [lines[0], lines[1...].joined(separator: " ")] }
            let spans = lines.enumerated().map { i, l in
                "<tspan x=\"\(Markup.coord(centre))\" dy=\"\(i == 0 ? "0" : "14")\">\(Markup.escape(Markup.short(l, max: chars)))</tspan>"
            }.joined()
            out.append("<text x=\"\(Markup.coord(centre))\" y=\"\(Markup.coord(plotBottom + 17))\" font-size=\"12\" text-anchor=\"middle\" fill=\"\(SVGCanvas.ink)\" class=\"category-label\"><title>\(Markup.escape(categories[c]))</title>\(spans)</text>")
            let x0 = centre - barW * Double(series.count) / 2
            for s in series.indices {
                let x = x0 + Double(s) * barW
                let colour = series[s].colour ?? SVGPalette.colour(s)
                guard let v = value(s, c) else {
                    out.append(SVGCanvas.text("n/a", x: x + barW / 2, y: base - 4, anchor: "middle", size: 11, fill: SVGCanvas.muted, cls: "missing"))
                    continue
                }
                let end = scale.clampedPosition(v)
                out.append(barElement(s, c, x: x + 1.5, y: min(base, end), w: barW - 3, h: abs(end - base), colour: colour))
                var labelAt = end
                if let e = error(s, c) {
                    let lo = scale.clampedPosition(v - e), hi = scale.clampedPosition(v + e)
                    out.append(errorBar(lo, hi, across: x + barW / 2, horizontal: false))
                    labelAt = v >= 0 ? min(lo, hi) : max(lo, hi)
                }
                if barW >= 34 {
                    out.append(SVGCanvas.text(style.label(v), x: x + barW / 2, y: v >= 0 ? labelAt - 5 : labelAt + 14, anchor: "middle", size: 11, cls: "value-label"))
                }
            }
        }
        out.append(SVGCanvas.line(x1: left, y1: base, x2: right, y2: base, stroke: SVGCanvas.ink, cls: "baseline"))
        if let reference { out.append(referenceLine(reference, scale: scale, horizontal: false, from: left, to: right)) }
        out.append(SVGCanvas.text(categoryAxis, x: (left + right) / 2, y: plotBottom + 52, anchor: "middle", size: 12, cls: "axis-title category-axis"))
        canvas.add(out.joined(separator: "\n"))
        canvas.height = plotBottom + 64
    }

    private func referenceLine(_ r: Reference, scale: SVGScale, horizontal: Bool, from: Double, to: Double) -> String {
        let p = scale.clampedPosition(r.value)
        let attrs = "class=\"reference\" data-value=\"\(Markup.data(r.value))\" data-label=\"\(Markup.escape(r.label))\""
        if horizontal {
            return "<g \(attrs)>" + SVGCanvas.line(x1: p, y1: from - 4, x2: p, y2: to, stroke: SVGPalette.vermillion, width: 1.5, dash: "6 4") + "</g>"
        }
        return "<g \(attrs)>" + SVGCanvas.line(x1: from, y1: p, x2: to, y2: p, stroke: SVGPalette.vermillion, width: 1.5, dash: "6 4") + "</g>"
    }
}
