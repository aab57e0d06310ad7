import Foundation
import Negotiation

/// The machine-readable rendering: every number of the forecast, with keys
/// sorted so that two runs with the same inputs compare byte for byte.
public enum NegotiationJSON {
    public static func render(_ f: NegotiationForecast) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(Document(format: "guarantor-negotiation-forecast", version: 1, forecast: f))
        return (String(data: data, encoding: .utf8) ?? "") + "\n"
    }

    struct Document: Encodable {
        var format: String
        var version: Int
        var forecast: NegotiationForecast
    }
}
