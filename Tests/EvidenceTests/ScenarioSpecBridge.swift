import GuarantorModel
import ScenarioSpec

/// Parses scenario text for tests, failing with the validator's messages.
enum ScenarioSpecBridge {
    struct Invalid: Error, CustomStringConvertible { var description: String }

    static func parse(_ text: String) throws -> Scenario {
        switch ScenarioLoader.parse(text: text, file: "<test>", files: { .failure(Problem("no files in tests: \($0)")) }) {
        case .success(let s): return s
        case .failure(let list): throw Invalid(description: list.description)
        }
    }
}
