import GuarantorModel
import ScenarioSpec

/// What happened in a historical case: `cases/<name>.outcome.yaml` beside
/// the case's scenario. Every observation is 0/1 so predictions can be scored.
public struct CaseOutcome: Sendable, Hashable, Codable {
    public var name: String
    /// The scenario file, relative to the outcome file's folder.
    public var scenario: String
    public var event: String
    /// The scenario's attack id of the attack that happened; nil when none did.
    public var attack: String?
    /// Was the aggressor deterred? nil when the case does not test deterrence
    /// (e.g. the attacker was not a state the scenario's aggressor models).
    public var deterred: Bool?
    /// Guarantor id -> honoured, for the guarantors whose conduct is known.
    public var honoured: [Observation]
    public var sources: [String]
    public var note: String

    public struct Observation: Sendable, Hashable, Codable {
        public var guarantor: String
        public var honoured: Bool
    }

    static let keys = ["scenario", "event", "attack", "deterred", "honoured", "sources", "note"]

    /// Parses an outcome file; problems come back located (file:line:column).
    public static func parse(_ text: String, file: String, name: String) -> Result<CaseOutcome, DiagnosticList> {
        let sink = DiagnosticSink()
        let r = NodeReader(sink: sink)
        let root: SpecNode
        switch YAMLReader.parse(text, file: file) {
        case .failure(let d): return .failure(DiagnosticList([d]))
        case .success(let n): root = n
        }
        guard let m = MappingReader(root, what: "an outcome file", allowed: keys, reader: r) else {
            return .failure(DiagnosticList(sink.sorted()))
        }
        let scenario = m.required("scenario").flatMap { r.string($0, what: "`scenario`") }
        let event = m.required("event").flatMap { r.string($0, what: "`event`") }
        let attack = m.optional("attack").flatMap { r.identifier($0, what: "`attack`") }
        let deterred = m.optional("deterred").flatMap { r.bool($0, what: "`deterred`") }
        var honoured: [Observation] = []
        if let h = m.optional("honoured") {
            if case .mapping(let entries) = h.kind {
                for e in entries {
                    if let b = r.bool(e.value, what: "whether `\(e.key)` honoured") { honoured.append(Observation(guarantor: e.key, honoured: b)) }
                }
            } else {
                r.error(h, "`honoured` maps guarantor ids to true or false, e.g. `{USA: false}`")
            }
        }
        var sources: [String] = []
        if let s = m.required("sources"), let items = r.list(s, what: "`sources`") {
            for item in items { if let t = r.string(item, what: "a source") { sources.append(t) } }
            if items.isEmpty { r.error(s, "name at least one source for the observed outcome") }
        }
        let note = m.optional("note").flatMap { r.scalarText($0, what: "`note`") } ?? ""
        if m.has("deterred"), deterred == true, m.has("attack") {
            sink.error(m.keyLocation("attack"), "a case where the aggressor was deterred has no `attack`")
        }
        if !honoured.isEmpty, !m.has("attack") {
            sink.error(m.keyLocation("honoured"), "`honoured` needs the `attack` that put the guarantees to the test")
        }
        if deterred == nil && honoured.isEmpty && sink.isEmpty {
            sink.error(root.location, "the outcome observes nothing: give `deterred`, `honoured`, or both")
        }
        guard sink.isEmpty, let scenario, let event else { return .failure(DiagnosticList(sink.sorted())) }
        return .success(CaseOutcome(name: name, scenario: scenario, event: event, attack: attack, deterred: deterred,
                                    honoured: honoured, sources: sources, note: note))
    }

    /// Problems between the outcome and its scenario (ids that do not exist).
    public func problems(with scenario: Scenario, file: String) -> [String] {
        var out: [String] = []
        if let attack, !scenario.attacks.contains(where: { $0.id == attack }) {
            out.append("\(file): attack `\(attack)` is not an attack id of \(self.scenario) (\(scenario.attacks.map(\.id).joined(separator: ", ")))")
        }
        for o in honoured where !scenario.guarantors.contains(where: { $0.id == o.guarantor }) {
            out.append("\(file): guarantor `\(o.guarantor)` is not a guarantor of \(self.scenario) (\(scenario.guarantors.map(\.id).joined(separator: ", ")))")
        }
        return out
    }
}
