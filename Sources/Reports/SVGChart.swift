/// The chart kit: each builder returns one self-contained `<svg>` element
/// (valid XML; embeddable in HTML as is) with a title, axis titles with units,
/// ticks, a legend, `role="img"` with an accessible name, and `data-*`
/// attributes carrying the plotted values, so tests and scripts can read them back.
public enum SVGChart {
    /// Grouped bars with error bars, horizontal or vertical.
    public static func bars(_ chart: SVGBarChart) -> String { chart.svg() }
    /// Lines with optional shaded bands.
    public static func lines(_ chart: SVGLineChart) -> String { chart.svg() }
    /// A cumulative distribution on a 0-100 % axis, drawn as steps (an empirical
    /// distribution) or, with `steps: false`, joining known quantiles by straight lines.
    public static func cdf(_ chart: SVGLineChart, steps: Bool = true) -> String {
        var c = chart
        c.kind = "cdf"
        c.yStyle = .percent
        c.yDomain = [0, 1]
        c.series = c.series.map { var s = $0; s.step = steps; return s }
        return c.svg()
    }
    public static func histogram(_ chart: SVGHistogram) -> String { chart.svg() }
    public static func tornado(_ chart: SVGTornado) -> String { chart.svg() }
}
