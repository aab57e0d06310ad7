/// Lines over a numeric x axis, each optionally with a shaded band (e.g. the
/// 10-90 % range) and optionally drawn as steps (a cumulative distribution).
public struct SVGLineChart: Sendable {
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    public struct BandPoint: Sendable, Hashable {
        public var x: Double
        public var lower: Double
        public var upper: Double
        public init(x: Double, lower: Double, upper: Double) { self.x = x; self.lower = lower; self.upper = upper }
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [Point]
        public var band: [BandPoint]
        /// The legend name of the band (e.g. "10-90 % of runs").
        public var bandName: String
        /// Steps: the value holds until the next point (a step CDF).
        public var step: Bool
        public var dashed: Bool
        public var colour: String?
        public init(name: String, points: [Point], band: [BandPoint] = [], bandName: String = "", step: Bool = false,
                    dashed: Bool = false, colour: String? = nil) {
            self.name = name; self.points = points; self.band = band; self.bandName = bandName
            self.step = step; self.dashed = dashed; self.colour = colour
        }
    }

    public var title: String
    public var summary: String
    public var note: String?
    public var series: [Series]
    public var xAxis: String
    public var yAxis: String
    public var xStyle: SVGValueStyle
    public var yStyle: SVGValueStyle
    /// Values each axis must include.
    public var xDomain: [Double]
    public var yDomain: [Double]
    /// Kind tag on the `<svg>` ("line" or "cdf").
    public var kind: String

    public init(title: String, summary: String, note: String? = nil, series: [Series], xAxis: String, yAxis: String,
                xStyle: SVGValueStyle = .number(decimals: 0), yStyle: SVGValueStyle, xDomain: [Double] = [],
                yDomain: [Double] = [0], kind: String = "line") {
        self.title = title; self.summary = summary; self.note = note; self.series = series; self.xAxis = xAxis
        self.yAxis = yAxis; self.xStyle = xStyle; self.yStyle = yStyle; self.xDomain = xDomain; self.yDomain = yDomain
        self.kind = kind
    }

    static func finite(_ p: Point) -> Bool { p.x.isFinite && p.y.isFinite }
    static func finite(_ b: BandPoint) -> Bool { b.x.isFinite && b.lower.isFinite && b.upper.isFinite }

    public func svg() -> String {
        var canvas = SVGCanvas(kind: kind, title: title, summary: summary)
        var top = canvas.header(note: note)
        var legend: [SVGCanvas.LegendItem] = []
        for (i, s) in series.enumerated() {
            let colour = s.colour ?? SVGPalette.colour(i)
            legend.append(.init(name: s.name, colour: colour, swatch: s.dashed ? .dashedLine : .line))
            if !s.band.isEmpty { legend.append(.init(name: s.bandName, colour: colour, swatch: .band)) }
        }
        top = canvas.legend(legend, top: top) + 8
        // Named points on the y axis need room for their names.
        let left = max(78.0, 16 + Double(SVGScale.labelChars(yStyle)) * SVGCanvas.charWidth), right = SVGCanvas.width - 24
        let plotTop = top + 6, plotBottom = plotTop + 260
        var xs = xDomain, ys = yDomain
        for s in series {
            for p in s.points where Self.finite(p) { xs.append(p.x); ys.append(p.y) }
            for b in s.band where Self.finite(b) { xs.append(b.x); ys += [b.lower, b.upper] }
        }
        // An axis of whole numbers (no decimals) never ticks between them.
        let xScale = SVGScale(covering: xs, style: xStyle, start: left, end: right, targetTicks: 8,
                              minStep: xStyle == .number(decimals: 0) ? 1 : 0)
        let yScale = SVGScale(covering: ys, style: yStyle, start: plotBottom, end: plotTop)
        canvas.leftAxis(yScale, left: left, right: right, title: yAxis)
        canvas.bottomAxis(xScale, top: plotTop, bottom: plotBottom, title: xAxis)
        var out: [String] = []
        for (i, s) in series.enumerated() {
            let colour = s.colour ?? SVGPalette.colour(i)
            let band = s.band.filter(Self.finite)
            if band.count > 1 {
                var d = "M" + band.map { "\(Markup.coord(xScale.position($0.x))) \(Markup.coord(yScale.position($0.upper)))" }.joined(separator: "L")
                d += "L" + band.reversed().map { "\(Markup.coord(xScale.position($0.x))) \(Markup.coord(yScale.position($0.lower)))" }.joined(separator: "L") + "Z"
                out.append("<path class=\"band\" data-series=\"\(Markup.escape(s.name))\" data-x=\"\(band.map { Markup.data($0.x) }.joined(separator: " "))\" data-lower=\"\(band.map { Markup.data($0.lower) }.joined(separator: " "))\" data-upper=\"\(band.map { Markup.data($0.upper) }.joined(separator: " "))\" d=\"\(d)\" fill=\"\(colour)\" fill-opacity=\"0.22\" stroke=\"none\"/>")
            }
            let pts = s.points.filter(Self.finite)
            guard !pts.isEmpty else { continue }
            var d = ""
            for (j, p) in pts.enumerated() {
                let x = Markup.coord(xScale.position(p.x)), y = Markup.coord(yScale.position(p.y))
                if j == 0 { d += "M\(x) \(y)" } else if s.step { d += "H\(x)V\(y)" } else { d += "L\(x) \(y)" }
            }
            var line = "<path class=\"series\" data-series=\"\(Markup.escape(s.name))\" d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\" stroke-linejoin=\"round\""
            if s.dashed { line += " stroke-dasharray=\"6 4\"" }
            out.append(line + "/>")
            var marks = ["<g class=\"points\" data-series=\"\(Markup.escape(s.name))\">"]
            for p in pts {
                let tip = "\(s.name): \(xStyle.label(p.x)), \(yStyle.label(p.y))"
                marks.append("<circle class=\"point\" cx=\"\(Markup.coord(xScale.position(p.x)))\" cy=\"\(Markup.coord(yScale.position(p.y)))\" r=\"\(pts.count > 40 ? "1.8" : "3")\" fill=\"\(colour)\" data-x=\"\(Markup.data(p.x))\" data-y=\"\(Markup.data(p.y))\"><title>\(Markup.escape(tip))</title></circle>")
            }
            marks.append("</g>")
            out.append(marks.joined())
        }
        canvas.add(out.joined(separator: "\n"))
        canvas.height = plotBottom + 48
        return canvas.document()
    }
}
