/// The shared frame of every chart: title, note, legend, axes and the `<svg>`
/// wrapper with its accessible name. Charts draw into the plot area only.
struct SVGCanvas {
    static let width = 760.0
    static let font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
    static let ink = "#1A1A1A"
    static let muted = "#555555"
    static let grid = "#E3E3E3"
    /// Average advance of a 12 px sans-serif character, for layout estimates.
    static let charWidth = 6.6

    enum Swatch { case box, line, dashedLine, band, marker }
    struct LegendItem { var name: String; var colour: String; var swatch: Swatch }

    let kind: String
    let title: String
    let summary: String
    var height = 0.0
    var parts: [String] = []

    init(kind: String, title: String, summary: String) {
        self.kind = kind; self.title = title; self.summary = summary
    }

    mutating func add(_ part: String) { parts.append(part) }

    static func text(_ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                     weight: String? = nil, fill: String = ink, cls: String? = nil, rotate: Bool = false) -> String {
        var a = "<text x=\"\(Markup.coord(x))\" y=\"\(Markup.coord(y))\" font-size=\"\(Markup.coord(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { a += " font-weight=\"\(weight)\"" }
        if let cls { a += " class=\"\(cls)\"" }
        if rotate { a += " transform=\"rotate(-90 \(Markup.coord(x)) \(Markup.coord(y)))\"" }
        return a + ">\(Markup.escape(s))</text>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil, cls: String? = nil) -> String {
        var a = "<line x1=\"\(Markup.coord(x1))\" y1=\"\(Markup.coord(y1))\" x2=\"\(Markup.coord(x2))\" y2=\"\(Markup.coord(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Markup.coord(width))\""
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        if let cls { a += " class=\"\(cls)\"" }
        return a + "/>"
    }

    /// An axis title cut to the room it has; the full text stays in a tooltip.
    static func axisTitle(_ title: String, x: Double, y: Double, room: Double, rotate: Bool) -> String {
        let fit = Markup.short(title, max: max(8, Int(room / charWidth)))
        guard fit != title else { return text(title, x: x, y: y, anchor: "middle", size: 12, cls: "axis-title", rotate: rotate) }
        var a = "<text x=\"\(Markup.coord(x))\" y=\"\(Markup.coord(y))\" font-size=\"12\" text-anchor=\"middle\" fill=\"\(ink)\" class=\"axis-title\""
        if rotate { a += " transform=\"rotate(-90 \(Markup.coord(x)) \(Markup.coord(y)))\"" }
        return a + "><title>\(Markup.escape(title))</title>\(Markup.escape(fit))</text>"
    }

    /// Title and note lines, wrapped to the chart width; returns the y below them.
    mutating func header(note: String?) -> Double {
        var y = 24.0
        for line in Self.wrap(title, width: Self.width - 24, charWidth: 8.9) {
            add(Self.text(line, x: 12, y: y, size: 15, weight: "600", cls: "chart-title"))
            y += 20
        }
        guard let note, !note.isEmpty else { return y - 6 }
        y -= 2
        for line in Self.wrap(note, width: Self.width - 24, charWidth: 6.1) {
            add(Self.text(line, x: 12, y: y, size: 11.5, fill: Self.muted, cls: "chart-note"))
            y += 15
        }
        return y - 4
    }

    /// Greedy word wrap by estimated text width.
    static func wrap(_ text: String, width: Double, charWidth: Double) -> [String] {
        let limit = max(10, Int(width / charWidth))
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= limit { current += " " + word } else { lines.append(current); current = String(word) }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    /// Legend items laid out left to right, wrapping; returns the y below the legend.
    mutating func legend(_ items: [LegendItem], top: Double) -> Double {
        guard !items.isEmpty else { return top }
        var x = 12.0
        var y = top + 8
        var out = ["<g class=\"legend\">"]
        for item in items {
            let label = Markup.short(item.name, max: 48)
            let w = 22 + Double(label.count) * Self.charWidth + 18
            if x + w > Self.width - 8 && x > 12 { x = 12; y += 20 }
            let cy = y + 6
            switch item.swatch {
            case .box: out.append("<rect x=\"\(Markup.coord(x))\" y=\"\(Markup.coord(y))\" width=\"14\" height=\"12\" fill=\"\(item.colour)\"/>")
            case .band: out.append("<rect x=\"\(Markup.coord(x))\" y=\"\(Markup.coord(y))\" width=\"14\" height=\"12\" fill=\"\(item.colour)\" fill-opacity=\"0.25\"/>")
            case .line: out.append(Self.line(x1: x, y1: cy, x2: x + 16, y2: cy, stroke: item.colour, width: 2.5))
            case .dashedLine: out.append(Self.line(x1: x, y1: cy, x2: x + 16, y2: cy, stroke: item.colour, width: 2, dash: "5 3"))
            case .marker: out.append("<circle cx=\"\(Markup.coord(x + 7))\" cy=\"\(Markup.coord(cy))\" r=\"4\" fill=\"\(item.colour)\"/>")
            }
            out.append("<text x=\"\(Markup.coord(x + 20))\" y=\"\(Markup.coord(y + 10))\" font-size=\"12\" fill=\"\(Self.ink)\" class=\"legend-label\">\(Markup.escape(label))</text>")
            x += w
        }
        out.append("</g>")
        add(out.joined())
        return y + 26
    }

    /// A value axis along the bottom of the plot with vertical grid lines.
    mutating func bottomAxis(_ s: SVGScale, top: Double, bottom: Double, title: String) {
        var out = ["<g class=\"axis x-axis\">"]
        for t in s.ticks {
            let x = s.position(t)
            out.append(Self.line(x1: x, y1: top, x2: x, y2: bottom, stroke: Self.grid))
            out.append(Self.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: Self.muted))
            out.append(Self.text(s.tickLabel(t), x: x, y: bottom + 16, anchor: "middle", size: 11, fill: Self.muted, cls: "tick"))
        }
        out.append(Self.line(x1: min(s.start, s.end), y1: bottom, x2: max(s.start, s.end), y2: bottom, stroke: Self.muted))
        out.append(Self.axisTitle(title, x: (s.start + s.end) / 2, y: bottom + 34, room: abs(s.end - s.start) + 60, rotate: false))
        out.append("</g>")
        add(out.joined())
    }

    /// A value axis along the left of the plot with horizontal grid lines.
    mutating func leftAxis(_ s: SVGScale, left: Double, right: Double, title: String) {
        var out = ["<g class=\"axis y-axis\">"]
        for t in s.ticks {
            let y = s.position(t)
            out.append(Self.line(x1: left, y1: y, x2: right, y2: y, stroke: Self.grid))
            out.append(Self.line(x1: left - 4, y1: y, x2: left, y2: y, stroke: Self.muted))
            out.append(Self.text(s.tickLabel(t), x: left - 7, y: y + 4, anchor: "end", size: 11, fill: Self.muted, cls: "tick"))
        }
        out.append(Self.line(x1: left, y1: min(s.start, s.end), x2: left, y2: max(s.start, s.end), stroke: Self.muted))
        out.append(Self.axisTitle(title, x: 16, y: (s.start + s.end) / 2, room: abs(s.end - s.start) + 40, rotate: true))
        out.append("</g>")
        add(out.joined())
    }

    /// The finished `<svg>` element: standalone-valid XML, also embeddable in HTML.
    func document() -> String {
        let h = Markup.coord(height)
        let w = Markup.coord(Self.width)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-\(kind)\" data-kind=\"\(kind)\" role=\"img\" aria-label=\"\(Markup.escape(title))\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" font-family=\"\(Markup.escape(Self.font))\">"
        s += "<title>\(Markup.escape(title))</title><desc>\(Markup.escape(summary))</desc>"
        s += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#FFFFFF\"/>"
        s += parts.joined(separator: "\n")
        return s + "</svg>"
    }
}
