import Foundation
import Testing
import GuarantorModel
import ScenarioSpec

/// The JSON Schema (schema/scenario.schema.json, which editors use) and the
/// Swift validator (`ScenarioLoader`, which `guarantor validate` uses) must
/// agree:
/// - every shipped scenario (scenarios/*.yaml) and every file in
///   Fixtures/valid passes both;
/// - every file in Fixtures/invalid (one mistake each) is rejected by both;
/// - every file in Fixtures/invalid-semantic is rejected by the Swift
///   validator only: its mistake (an undefined reference, a duplicate id,
///   loadings whose squares sum above 1, `a to b` with a > b, dates out of
///   order or impossible, percentiles outside the domain) is one a JSON Schema
///   cannot express, and the test proves that the schema indeed accepts it,
///   so that no file sits in the wrong folder.
///
/// The schema side runs Tests/ScenarioSpecTests/schema_check.py with Python
/// (GUARANTOR_PYTHON, or `python3` on the PATH) and the `jsonschema` and
/// `yaml` (PyYAML) modules; those tests are skipped with a message when they
/// are missing.
@Suite("JSON Schema and Swift validator agree")
struct SchemaAgreementTests {
    // MARK: the schema's vocabulary is the model's

    @Test("the schema's enumerations and named priors are exactly the model's")
    func enumerationsMatchTheModel() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.schema))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        func values(_ def: String, _ key: String) -> [String] {
            let object = defs[def] as? [String: Any]
            let properties = object?["properties"] as? [String: Any]
            let property = properties?[key] as? [String: Any]
            return property?["enum"] as? [String] ?? []
        }
        #expect(values("agreement", "form") == LegalForm.allCases.map(\.rawValue))
        #expect(values("agreement", "trigger") == TriggerKind.allCases.map(\.rawValue))
        #expect(values("commitment", "kind") == CommitmentKind.allCases.map(\.rawValue))
        #expect(values("settlement", "kind") == SettlementKind.allCases.map(\.rawValue))
        #expect(values("attack", "kind") == AttackKind.allCases.map(\.rawValue))
        #expect(values("guarantor", "prior") == NamedPrior.catalogue.map(\.name))
    }

    // MARK: the Swift validator

    @Test("every shipped scenario passes the Swift validator")
    func scenariosPassSwift() {
        let files = Repo.yamlFiles(in: Repo.scenarios)
        #expect(Set(files.map { URL(fileURLWithPath: $0).lastPathComponent }).isSuperset(of: Repo.referenceScenarios))
        for file in files {
            if case .failure(let list) = ScenarioLoader.load(path: file) {
                Issue.record("\(file) should be valid:\n\(list.description)")
            }
        }
    }

    @Test("every valid fixture passes the Swift validator")
    func validFixturesPassSwift() {
        let files = Repo.files(in: Repo.fixtures + "/valid", extensions: ["yaml", "json"])
        #expect(files.count >= 5)
        for file in files {
            if case .failure(let list) = ScenarioLoader.load(path: file) {
                Issue.record("\(file) should be valid:\n\(list.description)")
            }
        }
    }

    @Test("the Swift validator rejects every invalid fixture and locates the error in the file holding the mistake")
    func invalidFixturesFailSwift() {
        let files = Repo.yamlFiles(in: Repo.fixtures + "/invalid")
        #expect(files.count >= 15)
        for file in files {
            switch ScenarioLoader.load(path: file) {
            case .success:
                Issue.record("\(file) has a mistake but the Swift validator accepted it")
            case .failure(let list):
                let expected = Repo.fileHoldingTheMistake(file)
                #expect(list.diagnostics.contains { $0.file.hasSuffix(expected) && $0.line >= 1 && $0.column >= 1 },
                        "\(file): no error located in \(expected):\n\(list.description)")
            }
        }
    }

    @Test("the Swift validator rejects every semantic-invalid fixture")
    func semanticFixturesFailSwift() {
        let files = Repo.yamlFiles(in: Repo.fixtures + "/invalid-semantic")
        #expect(files.count >= 10)
        for file in files {
            switch ScenarioLoader.load(path: file) {
            case .success:
                Issue.record("\(file) has a mistake but the Swift validator accepted it")
            case .failure(let list):
                #expect(list.diagnostics.contains { $0.file.hasSuffix(Repo.name(file)) },
                        "\(file): no error located in the file itself:\n\(list.description)")
            }
        }
    }

    // MARK: the schema

    @Test("every shipped scenario and valid fixture passes the schema",
          .enabled(if: SchemaCheck.available, SchemaCheck.skipReason))
    func validFilesPassSchema() throws {
        let files = Repo.yamlFiles(in: Repo.scenarios)
            + Repo.files(in: Repo.fixtures + "/valid", extensions: ["yaml", "json"])
        let results = try SchemaCheck.run(files)
        #expect(results.count == files.count)
        for r in results where !r.valid {
            Issue.record("\(r.file) should pass the schema:\n\(r.errors.joined(separator: "\n"))")
        }
    }

    @Test("the schema rejects every invalid fixture and locates the error in the file holding the mistake",
          .enabled(if: SchemaCheck.available, SchemaCheck.skipReason))
    func invalidFixturesFailSchema() throws {
        let files = Repo.yamlFiles(in: Repo.fixtures + "/invalid")
        let results = try SchemaCheck.run(files)
        #expect(results.count == files.count)
        for r in results {
            if r.valid {
                Issue.record("\(r.file) has a mistake but the schema accepted it")
                continue
            }
            let expected = Repo.fileHoldingTheMistake(r.file)
            #expect(r.errors.contains { ($0.split(separator: ":").first ?? "").hasSuffix(expected) },
                    "\(r.file): no schema error located in \(expected):\n\(r.errors.joined(separator: "\n"))")
        }
    }

    @Test("the schema accepts the semantic-invalid fixtures (it cannot express their mistakes)",
          .enabled(if: SchemaCheck.available, SchemaCheck.skipReason))
    func semanticFixturesPassSchema() throws {
        let files = Repo.yamlFiles(in: Repo.fixtures + "/invalid-semantic")
        let results = try SchemaCheck.run(files)
        #expect(results.count == files.count)
        for r in results where !r.valid {
            Issue.record("\(r.file) is rejected by the schema: move it to Fixtures/invalid\n\(r.errors.joined(separator: "\n"))")
        }
    }
}

/// Paths in the repository, derived from this file's location.
enum Repo {
    /// The directory holding Package.swift.
    static let root: String = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir.path }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()
    static let scenarios = root + "/scenarios"
    static let fixtures = root + "/Tests/ScenarioSpecTests/Fixtures"
    static let schema = root + "/schema/scenario.schema.json"
    static let checker = root + "/Tests/ScenarioSpecTests/schema_check.py"

    static let referenceScenarios: Set<String> = [
        "ukraine-base.yaml", "nato-article5.yaml", "ukraine-proposed-guarantees.yaml",
        "ukraine-proposed-donetsk-withdrawal.yaml", "ukraine-proposed-dmz.yaml",
        "ukraine-proposed-buffer-zone.yaml", "ukraine-bilateral-2024.yaml", "budapest-memorandum-1994.yaml",
    ]

    static func yamlFiles(in dir: String) -> [String] { files(in: dir, extensions: ["yaml"]) }

    /// Files directly in `dir` with one of the extensions, sorted by name.
    static func files(in dir: String, extensions: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension) }.sorted().map { dir + "/" + $0 }
    }

    /// "invalid/x.yaml" for a fixture path: enough to recognise it in a diagnostic.
    static func name(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
    }

    /// The fixture itself ("invalid/x.yaml"), or the file its `# error-in: FOLDER/FILE`
    /// line names when the mistake sits in a base it extends.
    static func fileHoldingTheMistake(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let marker = "# error-in: "
        for line in text.split(separator: "\n") where line.hasPrefix(marker) {
            return String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
        }
        return name(path)
    }
}

/// Runs schema_check.py, which validates files against the JSON Schema.
enum SchemaCheck {
    struct Result: Decodable {
        var file: String
        var valid: Bool
        var errors: [String]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// GUARANTOR_PYTHON (a path or a command name) or python3.
    static let python = ProcessInfo.processInfo.environment["GUARANTOR_PYTHON"] ?? "python3"

    static let skipReason: Comment = "needs Python with the jsonschema and yaml (PyYAML) modules (set GUARANTOR_PYTHON or put python3 on the PATH)"

    static let available: Bool = {
        guard let (status, _) = try? execute(["-c", "import jsonschema, yaml"]) else { return false }
        return status == 0
    }()

    static func run(_ files: [String]) throws -> [Result] {
        let (status, output) = try execute([Repo.checker, Repo.schema] + files + ["--json"])
        guard status == 0 || status == 1 else {
            throw Failure(description: "schema_check.py exited with status \(status): \(String(decoding: output, as: UTF8.self))")
        }
        let decoder = JSONDecoder()
        return try output.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Result.self, from: Data($0)) }
    }

    /// Runs the interpreter with `arguments`; standard output is returned, standard error dropped.
    static func execute(_ arguments: [String]) throws -> (Int32, Data) {
        let process = Process()
        if python.contains("/") {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python] + arguments
        }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
