/// The Okabe–Ito palette: distinguishable under the common colour-vision
/// deficiencies and in greyscale print (ordered so neighbours differ in lightness).
public enum SVGPalette {
    public static let blue = "#0072B2"
    public static let orange = "#E69F00"
    public static let green = "#009E73"
    public static let vermillion = "#D55E00"
    public static let purple = "#CC79A7"
    public static let sky = "#56B4E9"
    public static let black = "#000000"
    public static let grey = "#6B6B6B"

    /// Series colours in order of use (yellow is left out: too faint on white paper).
    public static let series = [blue, orange, green, vermillion, purple, sky, black, grey]

    public static func colour(_ i: Int) -> String { series[((i % series.count) + series.count) % series.count] }
}
