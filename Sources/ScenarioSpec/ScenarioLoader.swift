import GuarantorModel

/// Loads scenarios: YAML or JSON text, `extends` chains, validation.
///
/// The target itself does no I/O: `load(path:)` takes a `FileSource`, and the
/// default one reads the local file system through `LocalFiles` (the only
/// I/O of this module, kept in one small type so tests can replace it).
public enum ScenarioLoader {
    /// Reads the text of a file, or explains why it cannot.
    public typealias FileSource = @Sendable (String) -> Result<String, Problem>

    public static let maxExtendsDepth = 8

    /// Loads and validates the scenario at `path` (following `extends`).
    public static func load(path: String, files: FileSource = LocalFiles.read) -> Result<Scenario, DiagnosticList> {
        let sink = DiagnosticSink()
        guard let root = document(path: path, files: files, sink: sink, chain: []) else {
            return .failure(DiagnosticList(sink.sorted()))
        }
        return decode(root, sink: sink)
    }

    /// Validates scenario text that is not on disk (the web editor, tests).
    /// `extends` is resolved through `files` relative to `file`'s folder.
    public static func parse(text: String, file: String = "<input>", files: FileSource = LocalFiles.read) -> Result<Scenario, DiagnosticList> {
        let sink = DiagnosticSink()
        guard let root = document(text: text, path: file, files: files, sink: sink, chain: []) else {
            return .failure(DiagnosticList(sink.sorted()))
        }
        return decode(root, sink: sink)
    }

    static func decode(_ root: SpecNode, sink: DiagnosticSink) -> Result<Scenario, DiagnosticList> {
        let scenario = ScenarioDecoder(sink: sink).decode(root)
        if let scenario, sink.isEmpty { return .success(scenario) }
        if sink.isEmpty {
            sink.error(root.location, "the scenario could not be read")
        }
        return .failure(DiagnosticList(sink.sorted()))
    }

    static func document(path: String, files: FileSource, sink: DiagnosticSink, chain: [String]) -> SpecNode? {
        switch files(path) {
        case .failure(let why):
            sink.error(SourceLocation(file: path, line: 1, column: 1), why.message)
            return nil
        case .success(let text):
            return document(text: text, path: path, files: files, sink: sink, chain: chain)
        }
    }

    static func document(text: String, path: String, files: FileSource, sink: DiagnosticSink, chain: [String]) -> SpecNode? {
        let node: SpecNode
        switch YAMLReader.parse(text, file: path) {
        case .failure(let d): sink.error(d.location, d.message); return nil
        case .success(let n): node = n
        }
        guard case .mapping(let entries) = node.kind else {
            sink.error(node.location, "a scenario is a mapping of `key: value` lines at the top level, not \(node.kindName)")
            return nil
        }
        guard let ext = entries.first(where: { $0.key == "extends" }) else { return node }
        guard case .scalar(let basePath, _) = ext.value.kind, !ext.value.isNull else {
            sink.error(ext.value.location, "`extends` names the base scenario file, e.g. `extends: ukraine-base.yaml`")
            return nil
        }
        // An empty name, "." or a path ending in "/" names a folder, never a file.
        let trimmed = basePath.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "." || trimmed == ".." || trimmed.hasSuffix("/") {
            let shown = basePath.isEmpty ? "\"\"" : basePath
            sink.error(ext.value.location, "`extends: \(shown)` names a folder, not a base scenario file; name the file, e.g. `extends: ukraine-base.yaml`")
            return nil
        }
        let resolved = PathText.resolve(basePath, relativeTo: path)
        if chain.contains(resolved) || resolved == path {
            sink.error(ext.value.location, "`extends` makes a cycle: \((chain + [path, resolved]).joined(separator: " -> "))")
            return nil
        }
        if chain.count >= maxExtendsDepth {
            sink.error(ext.value.location, "`extends` chains more than \(maxExtendsDepth) files deep")
            return nil
        }
        // A base that cannot be read is one error, at the `extends` line (the base has no line to point at).
        let baseText: String
        switch files(resolved) {
        case .failure(let why):
            let relative = basePath.hasPrefix("/") ? "" : " (an `extends` path is read from the folder of the file that names it)"
            sink.error(ext.value.location, "cannot read base scenario `\(basePath)`: \(why.message)\(relative)")
            return nil
        case .success(let text): baseText = text
        }
        guard let base = document(text: baseText, path: resolved, files: files, sink: sink, chain: chain + [path]) else {
            if sink.items.allSatisfy({ $0.file != resolved }) {
                sink.error(ext.value.location, "cannot use base scenario `\(basePath)`")
            }
            return nil
        }
        let own = SpecNode(kind: .mapping(entries.filter { $0.key != "extends" }), location: node.location)
        return merge(base: base, override: own)
    }

    /// Mappings merge key by key (recursively); anything else replaces, and so
    /// does a distribution (`{normal: [..]}` over `{uniform: [..]}` is one value).
    static func merge(base: SpecNode, override: SpecNode) -> SpecNode {
        guard case .mapping(let b) = base.kind, case .mapping(let o) = override.kind else { return override }
        let distributions: Set<String> = ["normal", "lognormal", "uniform", "triangular", "beta", "bernoulli"]
        if o.count == 1, let only = o.first, distributions.contains(only.key) { return override }
        var out = b
        for e in o {
            if let i = out.firstIndex(where: { $0.key == e.key }) {
                out[i] = SpecNode.Entry(key: e.key, keyLocation: e.keyLocation, value: merge(base: out[i].value, override: e.value))
            } else {
                out.append(e)
            }
        }
        return SpecNode(kind: .mapping(out), location: override.location)
    }
}

/// Path arithmetic on plain strings (POSIX separators).
public enum PathText {
    public static func directory(of path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "" }
        return i == path.startIndex ? "/" : String(path[..<i])
    }

    public static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return normalise(path) }
        let dir = directory(of: file)
        return normalise(dir.isEmpty ? path : dir.hasSuffix("/") ? dir + path : dir + "/" + path)
    }

    public static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for p in path.split(separator: "/") {
            if p == "." { continue }
            if p == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(p)
        }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }
}
