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

    /// What went wrong decoding a study result, in words: the JSON's own syntax
    /// error, or the key that is missing or of the wrong type, and where.
    public static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the top level" : "`" + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[") + "`"
        }
        switch e {
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            return "not valid JSON" + ((c.underlyingError as NSError?).flatMap { $0.userInfo["NSDebugDescription"] as? String }.map { " (\($0))" } ?? "")
        case .dataCorrupted(let c): return "\(path(c.codingPath)) is not valid: \(c.debugDescription)"
        case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])) is missing"
        case .typeMismatch(_, let c) where c.codingPath.isEmpty:
            // Swift's own wording ("Expected to decode Dictionary<String, Any> but found an array") says nothing to a user.
            let found = c.debugDescription.range(of: "found ").map { String(c.debugDescription[$0.upperBound...]) } ?? "something else"
            return "a study result is a JSON object (`{...}`), but this file holds \(found.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c.codingPath)) is not what a study result has there (\(c.debugDescription))"
        @unknown default: return String(describing: e)
        }
    }
}
