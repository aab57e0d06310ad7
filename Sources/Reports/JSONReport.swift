import CrisisEngine
import Foundation

/// The full result as JSON: sorted keys and shortest round-trip numbers, so
/// that two results compare byte for byte (timings live only under `meta.timing`).
public enum JSONReport {
    public static func render<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text + "\n"
    }

    public static func decodeStudy(_ text: String) -> Result<StudyResult, Error> {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return Result { try decoder.decode(StudyResult.self, from: Data(text.utf8)) }
    }
}
