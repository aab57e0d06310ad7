import GuarantorModel
import ScenarioSpec
import Store

/// Scenario text checked by the same loader as the CLI, with `extends:`
/// resolved against the library: `extends: ukraine-base.yaml` names the latest
/// version of the scenario `ukraine-base` in the store.
struct ScenarioLibrary: Sendable {
    let store: any GuarantorStore

    /// The outcome of checking one text: the scenario, or its problems at their places: the
    /// first `DiagnosticList.shownByDefault` in file order, and how many more there are (a text
    /// with 100,000 errors made answers of megabytes).
    enum Checked {
        case valid(Scenario)
        case invalid([DiagnosticBody], omitted: Int)

        static func invalid<All: Collection>(_ all: All) -> Checked where All.Element == DiagnosticBody {
            let shown = Array(all.prefix(DiagnosticList.shownByDefault))
            return .invalid(shown, omitted: all.count - shown.count)
        }
    }

    /// The file name a library scenario has for the loader (and in diagnostics).
    static func fileName(_ name: String) -> String { name + ".yaml" }

    /// The library name a path in `extends:` refers to.
    static func libraryName(ofPath path: String) -> String {
        var base = Substring(path.split(separator: "/").last ?? "")
        for ext in [".yaml", ".yml", ".json"] where base.hasSuffix(ext) {
            base = base.dropLast(ext.count)
            break
        }
        return String(base)
    }

    /// Parses and validates `text` as scenario `name`. `extra` holds texts by
    /// library name that take precedence over the store (bundled scenarios being loaded).
    func check(name: String, text: String, extra: [String: String] = [:]) async throws -> Checked {
        let text = Self.withoutBOM(text)
        if let nul = Self.nulDiagnostic(text, file: Self.fileName(name)) { return .invalid([nul]) }
        let files = try await bases(of: text, extra: extra)
        for n in files.keys.sorted() {
            if let t = files[n], let nul = Self.nulDiagnostic(t, file: Self.fileName(n)) { return .invalid([nul]) }
        }
        let source: ScenarioLoader.FileSource = { path in
            let n = Self.libraryName(ofPath: path)
            if let t = files[n] { return .success(t) }
            return .failure(Problem("there is no scenario `\(n)` in the library to extend"))
        }
        switch ScenarioLoader.parse(text: text, file: Self.fileName(name), files: source) {
        case .success(let s) where s.name.count > Self.maxTitleLength:
            let at = Self.location(ofKey: "name", in: text, file: Self.fileName(name))
            return .invalid([DiagnosticBody(file: at.file, line: at.line, column: at.column,
                                            message: "the scenario's name (its title) has \(s.name.count) characters; this server takes at most \(Self.maxTitleLength)")])
        case .success(let s): return .valid(s)
        case .failure(let list):
            return .invalid(list.diagnostics.lazy.map { DiagnosticBody(file: $0.file, line: $0.line, column: $0.column, message: $0.message) })
        }
    }

    /// Fetches the texts `text` extends, following the chain (the loader's own
    /// depth limit stops runaway chains; this stops at the same depth).
    func bases(of text: String, extra: [String: String]) async throws -> [String: String] {
        var found: [String: String] = [:]
        var pending = Self.extendsTargets(text)
        var depth = 0
        while let next = pending.first, depth <= ScenarioLoader.maxExtendsDepth + 1 {
            pending.removeFirst()
            depth += 1
            let n = Self.libraryName(ofPath: next)
            if found[n] != nil { continue }
            let t: String?
            if let e = extra[n] { t = e } else { t = try await store.latest(name: n)?.text }
            guard let t else { continue }
            found[n] = Self.withoutBOM(t)
            pending += Self.extendsTargets(t)
        }
        return found
    }

    /// Longest scenario title (`name:`) the server keeps: it is shown in every listing.
    static let maxTitleLength = 300

    /// Where the top-level `key`'s value is written (line 1, column 1 if it is not in this text).
    static func location(ofKey key: String, in text: String, file: String) -> SourceLocation {
        if case .success(let root) = YAMLReader.parse(text, file: file), case .mapping(let entries) = root.kind,
           let e = entries.first(where: { $0.key == key }) {
            return e.value.location
        }
        return SourceLocation(file: file, line: 1, column: 1)
    }

    /// Where the parsed document holds a NUL character, which the stores
    /// cannot keep: a raw NUL byte is the loader's own error, but a YAML or
    /// JSON escape (`"\0"`, `"\u0000"`) puts one into a value such as the
    /// title. nil when there is none (or the text does not parse: the loader
    /// then reports why).
    static func nulDiagnostic(_ text: String, file: String) -> DiagnosticBody? {
        guard case .success(let root) = YAMLReader.parse(text, file: file), let at = firstNUL(root) else { return nil }
        return DiagnosticBody(file: file, line: at.line, column: at.column,
                              message: "this value holds a NUL character (an escape such as `\\0` or `\\u0000`), which a scenario cannot be saved with; remove it")
    }

    static func firstNUL(_ node: SpecNode) -> SourceLocation? {
        switch node.kind {
        case .scalar(let value, _):
            return value.unicodeScalars.contains("\0") ? node.location : nil
        case .sequence(let items):
            for item in items { if let at = firstNUL(item) { return at } }
            return nil
        case .mapping(let entries):
            for e in entries {
                if e.key.unicodeScalars.contains("\0") { return e.keyLocation }
                if let at = firstNUL(e.value) { return at }
            }
            return nil
        }
    }

    /// The base a scenario text names in `extends`, read from the parsed
    /// document (YAML or JSON, however the key is spelled or quoted), as the
    /// loader reads it. nil when there is none or the text does not parse
    /// (the loader then reports why).
    static func extendsTargets(_ text: String) -> [String] {
        guard case .success(let root) = YAMLReader.parse(withoutBOM(text), file: "scenario"),
              case .mapping(let entries) = root.kind,
              let ext = entries.first(where: { $0.key == "extends" }),
              case .scalar(let value, _) = ext.value.kind, !ext.value.isNull, !value.isEmpty else { return [] }
        return [value]
    }

    /// The text without a leading UTF-8 byte order mark, which editors on
    /// Windows write and the YAML reader does not expect.
    static func withoutBOM(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }

    /// Saves the bundled scenarios that the library does not have yet (first
    /// start, or a scenario added to the folder since). Returns the names saved
    /// and the problems of those that did not validate.
    func loadBundled(_ files: [(name: String, text: String)]) async throws -> (saved: [String], problems: [String]) {
        let existing = Set(try await store.scenarios().map(\.name))
        var texts: [String: String] = [:]
        for f in files { texts[f.name] = f.text }
        var saved: [String] = []
        var problems: [String] = []
        for f in files.sorted(by: { $0.name < $1.name }) where !existing.contains(f.name) {
            if let why = ScenarioName.problem(f.name) { problems.append("\(f.name): \(why)"); continue }
            switch try await check(name: f.name, text: f.text, extra: texts) {
            case .valid(let s):
                _ = try await store.saveScenario(name: f.name, title: s.name, text: f.text, by: "bundled")
                saved.append(f.name)
            case .invalid(let d, let omitted):
                problems.append(d.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
                                + (omitted > 0 ? "\n" + DiagnosticList.moreLine(omitted: omitted, total: d.count + omitted, file: ScenarioLibrary.fileName(f.name)) : ""))
            }
        }
        return (saved, problems)
    }
}

import Foundation
