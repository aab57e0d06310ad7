import GuarantorModel
import ScenarioSpec

/// Reads negotiation files with the scenario parser's conventions: YAML or
/// JSON, `snake_case` keys, unknown keys with suggestions, uncertain numbers,
/// and every error at once as `FILE:LINE:COL: error: MESSAGE`.
///
/// The target does no I/O: the CLI reads the file and passes its text.
public enum NegotiationLoader {
    public static func parse(text: String, file: String = "<input>") -> Result<NegotiationSpec, DiagnosticList> {
        let sink = DiagnosticSink()
        let start = SourceLocation(file: file, line: 1, column: 1)
        if text.split(whereSeparator: \.isNewline).allSatisfy({ $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("#") || $0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }) {
            return .failure(DiagnosticList([Diagnostic(start, "file is empty: a negotiation needs at least `name`, `issues` and `actors`")]))
        }
        switch YAMLReader.parse(text, file: file) {
        case .failure(let d):
            return .failure(DiagnosticList([d]))
        case .success(let root):
            let spec = NegotiationDecoder(reader: NodeReader(sink: sink)).decode(root)
            if let spec, sink.isEmpty { return .success(spec) }
            if sink.isEmpty { sink.error(root.location, "the negotiation could not be read") }
            return .failure(DiagnosticList(sink.sorted()))
        }
    }
}

struct NegotiationDecoder {
    let reader: NodeReader

    /// Bounds that keep one run's cost (about actors^3 per round) and the
    /// arithmetic (capability products) sane for any file a user can write.
    static let maxActors = 50
    static let maxIssues = 20
    static let maxPoints = 101
    static let maxCapability = 1e12

    static let topKeys = ["name", "summary", "runs", "seed", "model", "issues", "actors"]
    static let modelKeys = ["rounds", "probability_denominator", "compromise", "risk_recalculation", "perspective",
                            "conflict", "offer_selection", "forecast", "distance_range", "status_quo_probability",
                            "convergence_tolerance", "stable_rounds"]

    func decode(_ root: SpecNode) -> NegotiationSpec? {
        guard case .mapping = root.kind else {
            reader.error(root, "a negotiation is a mapping of `key: value` lines at the top level, not \(root.kindName)")
            return nil
        }
        guard let top = MappingReader(root, what: "the negotiation", allowed: Self.topKeys, reader: reader) else { return nil }
        let name = top.required("name").flatMap { reader.string($0, what: "`name`") }
        let summary = top.optional("summary").flatMap { reader.string($0, what: "`summary`") }
        let runs = top.optional("runs").map { reader.integer($0, what: "`runs`", range: 2...Int64(NegotiationSpec.maxRuns), rangeNote: "a standard error needs at least 2") } ?? Int64(NegotiationSpec.defaultRuns)
        let seed = top.optional("seed").map { reader.integer($0, what: "`seed`", range: 0...Int64.max) } ?? 1
        let options = top.optional("model").map(decodeOptions) ?? BargainingOptions.scholz
        let issues = top.required("issues").flatMap(decodeIssues)
        let actors = issues.flatMap { issues in top.required("actors").flatMap { decodeActors($0, issues: issues) } }
        guard let name, let runs, let seed, let options, let issues, let actors else { return nil }
        return NegotiationSpec(name: name, summary: summary, runs: Int(runs), seed: UInt64(seed), options: options,
                               issues: issues, actors: actors)
    }

    func decodeOptions(_ node: SpecNode) -> BargainingOptions? {
        guard let m = MappingReader(node, what: "`model`", allowed: Self.modelKeys, reader: reader) else { return nil }
        var o = BargainingOptions.scholz
        var ok = true
        func set<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, _ apply: (E) -> Void) where E.RawValue == String {
            guard let n = m.optional(key) else { return }
            if let v = reader.choice(n, type, what: "`model.\(key)`") { apply(v) } else { ok = false }
        }
        set("probability_denominator", BargainingOptions.ProbabilityDenominator.self) { o.probabilityDenominator = $0 }
        set("compromise", BargainingOptions.CompromiseRule.self) { o.compromise = $0 }
        set("risk_recalculation", BargainingOptions.RiskRecalculation.self) { o.riskRecalculation = $0 }
        set("perspective", BargainingOptions.Perspective.self) { o.perspective = $0 }
        set("conflict", BargainingOptions.ConflictRule.self) { o.conflict = $0 }
        set("offer_selection", BargainingOptions.OfferSelection.self) { o.offerSelection = $0 }
        set("forecast", BargainingOptions.ForecastStatistic.self) { o.forecast = $0 }
        set("distance_range", BargainingOptions.DistanceRange.self) { o.distanceRange = $0 }
        if let n = m.optional("rounds") {
            if let v = reader.integer(n, what: "`model.rounds`", range: 1...10_000) { o.maximumRounds = Int(v) } else { ok = false }
        }
        if let n = m.optional("stable_rounds") {
            if let v = reader.integer(n, what: "`model.stable_rounds`", range: 1...1_000) { o.stableRounds = Int(v) } else { ok = false }
        }
        if let n = m.optional("status_quo_probability") {
            if let v = reader.number(n, what: "`model.status_quo_probability`") {
                if (0...1).contains(v) { o.statusQuoProbability = v } else {
                    reader.error(n, "`model.status_quo_probability` is a probability and must lie between 0 and 1 (got \(reader.spelled(n, v)))")
                    ok = false
                }
            } else { ok = false }
        }
        if let n = m.optional("convergence_tolerance") {
            if let v = reader.number(n, what: "`model.convergence_tolerance`") {
                if v >= 0 && v <= 1 { o.convergenceTolerance = v } else {
                    reader.error(n, "`model.convergence_tolerance` is a share of the scale and must lie between 0 and 1 (got \(reader.spelled(n, v)))")
                    ok = false
                }
            } else { ok = false }
        }
        return ok ? o : nil
    }

    func decodeIssues(_ node: SpecNode) -> [NegotiationIssue]? {
        guard let items = reader.list(node, what: "`issues`") else { return nil }
        if items.isEmpty { reader.error(node, "`issues` needs at least one issue"); return nil }
        if items.count > Self.maxIssues {
            reader.error(node, "`issues` has \(items.count) issues; the limit is \(Self.maxIssues) (split the negotiation into several files)")
            return nil
        }
        var issues: [NegotiationIssue] = []
        var seen: [String: Int] = [:]
        var ok = true
        for item in items {
            guard let m = MappingReader(item, what: "an issue", allowed: ["id", "name", "scale"], reader: reader) else { ok = false; continue }
            let idNode = m.required("id")
            let id = idNode.flatMap { reader.identifier($0, what: "issue `id`") }
            let name = m.required("name").flatMap { reader.string($0, what: "issue `name`") }
            let points = m.required("scale").flatMap { decodeScale($0, issue: id ?? "?") }
            if let id, let idNode, let first = seen[id] {
                reader.error(idNode, "issue `\(id)` is defined twice (first at line \(first))")
                ok = false
            }
            guard let id, let name, let points else { ok = false; continue }
            seen[id] = item.location.line
            issues.append(NegotiationIssue(id: id, name: name, points: points))
        }
        return ok ? issues : nil
    }

    func decodeScale(_ node: SpecNode, issue: String) -> [NegotiationIssue.Point]? {
        guard let items = reader.list(node, what: "the `scale` of issue `\(issue)`") else { return nil }
        if items.count < 2 {
            reader.error(node, "the `scale` of issue `\(issue)` needs at least two labelled points, from one extreme to the other")
            return nil
        }
        if items.count > Self.maxPoints {
            reader.error(node, "the `scale` of issue `\(issue)` has \(items.count) points; the limit is \(Self.maxPoints)")
            return nil
        }
        var points: [NegotiationIssue.Point] = []
        var ok = true
        for item in items {
            guard let m = MappingReader(item, what: "a point of the scale of `\(issue)`", allowed: ["id", "label"], reader: reader) else { ok = false; continue }
            let idNode = m.required("id")
            let id = idNode.flatMap { reader.identifier($0, what: "scale point `id`") }
            let label = m.required("label").flatMap { reader.string($0, what: "scale point `label`") }
            if let id, let idNode, points.contains(where: { $0.id == id }) {
                reader.error(idNode, "scale point `\(id)` appears twice in issue `\(issue)`")
                ok = false
            }
            guard let id, let label else { ok = false; continue }
            points.append(.init(id: id, label: label))
        }
        return ok ? points : nil
    }

    func decodeActors(_ node: SpecNode, issues: [NegotiationIssue]) -> [NegotiationActor]? {
        guard let items = reader.list(node, what: "`actors`") else { return nil }
        if items.count > Self.maxActors {
            reader.error(node, "`actors` lists \(items.count) actors; the limit is \(Self.maxActors) (the model's cost grows with the cube of the number of actors)")
            return nil
        }
        var actors: [NegotiationActor] = []
        var ok = true
        for item in items {
            guard let m = MappingReader(item, what: "an actor", allowed: ["id", "name", "capability", "issues"], reader: reader) else { ok = false; continue }
            let idNode = m.required("id")
            let id = idNode.flatMap { reader.identifier($0, what: "actor `id`") }
            let name = m.required("name").flatMap { reader.string($0, what: "actor `name`") }
            let capability = m.required("capability").flatMap(capability)
            let stakes = m.required("issues").flatMap { decodeStakes($0, actor: id ?? "?", issues: issues) }
            if let id, let idNode, actors.contains(where: { $0.id == id }) {
                reader.error(idNode, "actor `\(id)` is defined twice")
                ok = false
            }
            guard let id, let name, let capability, let stakes else { ok = false; continue }
            actors.append(NegotiationActor(id: id, name: name, capability: capability, stakes: stakes))
        }
        guard ok else { return nil }
        for (index, issue) in issues.enumerated() {
            let count = actors.filter { $0.stakes.contains { $0.issue == index } }.count
            if count < 2 {
                reader.error(node, "issue `\(issue.id)` has \(count) actor\(count == 1 ? "" : "s") with a position on it; bargaining needs at least two")
                ok = false
            }
        }
        return ok ? actors : nil
    }

    func decodeStakes(_ node: SpecNode, actor: String, issues: [NegotiationIssue]) -> [IssueStake]? {
        guard case .mapping(let entries) = node.kind else {
            reader.error(node, "the `issues` of actor `\(actor)` map issue ids to `{position: ..., salience: ...}`, not \(node.kindName)")
            return nil
        }
        var stakes: [IssueStake] = []
        var ok = true
        for entry in entries {
            guard let index = issues.firstIndex(where: { $0.id == entry.key }) else {
                reader.sink.error(entry.keyLocation, "actor `\(actor)` has a stake in unknown issue `\(entry.key)`\(reader.sink.didYouMean(entry.key, issues.map(\.id)))")
                ok = false
                continue
            }
            let issue = issues[index]
            guard let m = MappingReader(entry.value, what: "the stake of `\(actor)` in `\(issue.id)`",
                                        allowed: ["position", "salience", "capability"], reader: reader) else { ok = false; continue }
            let position = m.required("position").flatMap { decodePosition($0, issue: issue) }
            let salience = m.required("salience").flatMap { reader.uncertain($0, what: "`salience`", domain: .probability) }
            var capability: Distribution?
            if let n = m.optional("capability") {
                capability = self.capability(n)
                if capability == nil { ok = false }
            }
            guard let position, let salience else { ok = false; continue }
            stakes.append(IssueStake(issue: index, position: position, salience: salience, capability: capability))
        }
        return ok ? stakes : nil
    }

    func capability(_ node: SpecNode) -> Distribution? {
        guard let d = reader.uncertain(node, what: "`capability`", domain: .nonNegative) else { return nil }
        if d.quantile(0.95) > Self.maxCapability {
            reader.error(node, "`capability` must stay below \(Format.message(Self.maxCapability)) (only ratios matter: use a smaller unit)")
            return nil
        }
        return d
    }

    /// A point id (`freeze`), a number on the point index scale (`1.5`), or
    /// an uncertain number in which point ids stand for their indices
    /// (`freeze to buffer_zone`, `{triangular: [0, 1, 2]}`).
    func decodePosition(_ node: SpecNode, issue: NegotiationIssue) -> Distribution? {
        let what = "`position` on `\(issue.id)`"
        let scale = issue.scale
        let d: Distribution
        if case .scalar(let text, _) = node.kind, !node.isNull {
            let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            var replaced: [String] = []
            for word in words {
                if let k = issue.points.firstIndex(where: { $0.id == word }) {
                    replaced.append(String(k))
                } else if word == "to" || NumberSyntax.parseConstant(word).isSuccess {
                    replaced.append(word)
                } else {
                    reader.error(node, "\(what): `\(word)` is neither a point of the scale nor a number\(reader.sink.didYouMean(word, issue.points.map(\.id)))")
                    return nil
                }
            }
            switch NumberSyntax.parseScalar(replaced.joined(separator: " ")) {
            case .success(let parsed): d = parsed
            case .failure(let problem): reader.error(node, "\(what): \(problem.message)"); return nil
            }
            if let problem = d.parameterProblem { reader.error(node, "\(what): \(problem)"); return nil }
        } else {
            guard let parsed = reader.uncertain(node, what: what) else { return nil }
            d = parsed
        }
        let lo = d.quantile(0.05), hi = d.quantile(0.95)
        if lo < scale.lowerBound - 1e-9 || hi > scale.upperBound + 1e-9 {
            reader.error(node, "\(what) must stay on the scale, 0 (`\(issue.points.first?.id ?? "")`) to \(Format.message(scale.upperBound)) (`\(issue.points.last?.id ?? "")`), but its 5th-95th percentiles are \(Format.message(lo)) to \(Format.message(hi))")
            return nil
        }
        return d
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
