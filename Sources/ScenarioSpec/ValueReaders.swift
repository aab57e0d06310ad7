import Foundation
import GuarantorModel

/// What an uncertain number must satisfy.
public enum NumberDomain: Sendable {
    case any
    case nonNegative
    case positive
    case probability
}

/// Reading scalars and uncertain numbers out of located nodes, reporting
/// every problem to a sink. Each function returns nil after reporting.
public struct NodeReader {
    public let sink: DiagnosticSink
    public init(sink: DiagnosticSink) { self.sink = sink }

    public func error(_ node: SpecNode, _ message: String) { sink.error(node.location, message) }

    /// A number for a message about `node`: the text the user typed (`1.00001`, `12%`, `3e20`)
    /// when `node` is a single value, else `value` as `Format.message` writes it.
    public func spelled(_ node: SpecNode, _ value: Double) -> String {
        if case .scalar(let s, _) = node.kind, !node.isNull, !s.trimmed.isEmpty { return s.trimmed }
        return Format.message(value)
    }

    public func scalarText(_ node: SpecNode, what: String) -> String? {
        guard case .scalar(let s, _) = node.kind, !node.isNull else {
            error(node, "\(what) must be a single value, not \(node.kindName)")
            return nil
        }
        return s
    }

    public func string(_ node: SpecNode, what: String) -> String? {
        guard let s = scalarText(node, what: what) else { return nil }
        if s.trimmed.isEmpty { error(node, "\(what) must not be empty"); return nil }
        return s
    }

    public func identifier(_ node: SpecNode, what: String) -> String? {
        guard let s = string(node, what: what) else { return nil }
        let ok = s.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".") }
        if !ok || s.count > 64 {
            error(node, "\(what) `\(s.count > 80 ? s.prefix(77) + "..." : s)` must be a short name (at most 64 characters\(ok ? "; this one has \(s.count)" : "")) of letters, digits, `_`, `-` or `.`")
            return nil
        }
        return s
    }

    public func bool(_ node: SpecNode, what: String) -> Bool? {
        guard let s = scalarText(node, what: what) else { return nil }
        switch s {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            error(node, "\(what) must be `true` or `false`, not `\(s)`")
            return nil
        }
    }

    /// A plain finite number, also accepting `12%`.
    public func number(_ node: SpecNode, what: String) -> Double? {
        guard let s = scalarText(node, what: what) else { return nil }
        switch NumberSyntax.parseConstant(s) {
        case .success(let v): return v
        case .failure(let msg): error(node, "\(what): \(msg.message)"); return nil
        }
    }

    /// `rangeNote` says why the range is what it is, after the value that falls outside it
    /// ("got 1; a standard error needs at least 2").
    public func integer(_ node: SpecNode, what: String, range: ClosedRange<Int64>, rangeNote: String? = nil) -> Int64? {
        let note = rangeNote.map { "; \($0)" } ?? ""
        guard let s = scalarText(node, what: what) else { return nil }
        let t = s.replacingOccurrences(of: "_", with: "")
        guard let v = Int64(t) else {
            // A whole number written as a float (`1e4`, `10000.0`) is that number; one too large
            // for 64 bits is out of range, not fractional.
            if let d = Double(t), d.isFinite, d == d.rounded() {
                if abs(d) <= 0x1p53, range.contains(Int64(d)) { return Int64(d) }
                error(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound) (got \(s)\(note))")
            } else {
                error(node, "\(what) must be a whole number, not `\(s)`")
            }
            return nil
        }
        guard range.contains(v) else {
            error(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound) (got \(v)\(note))")
            return nil
        }
        return v
    }

    public func date(_ node: SpecNode, what: String) -> CalendarDate? {
        guard let s = scalarText(node, what: what) else { return nil }
        guard let d = CalendarDate(iso: s.trimmed) else {
            error(node, "\(what) must be a calendar date YYYY-MM-DD, not `\(s)`")
            return nil
        }
        return d
    }

    public func choice<E: RawRepresentable & CaseIterable>(_ node: SpecNode, _ type: E.Type, what: String) -> E? where E.RawValue == String {
        guard let s = scalarText(node, what: what) else { return nil }
        if let v = E(rawValue: s) { return v }
        let names = E.allCases.map(\.rawValue)
        error(node, "\(what) `\(s)` is not known\(Suggestion.didYouMean(s, names))")
        return nil
    }

    public func list(_ node: SpecNode, what: String) -> [SpecNode]? {
        if case .sequence(let items) = node.kind { return items }
        error(node, "\(what) must be a list, not \(node.kindName)")
        return nil
    }

    /// An uncertain number (MODEL.md section 2) checked against its domain.
    public func uncertain(_ node: SpecNode, what: String, domain: NumberDomain = .any) -> Distribution? {
        let parsed: Distribution
        // The parameters as the user typed them, to echo in messages.
        var typed: [Double: String] = [:]
        switch node.kind {
        case .scalar(let s, _):
            if node.isNull { error(node, "\(what) needs a value"); return nil }
            switch NumberSyntax.parseScalar(s) {
            case .success(let d): parsed = d
            case .failure(let msg): error(node, "\(what): \(msg.message)"); return nil
            }
            if case .constant(let v) = parsed { typed[v] = s.trimmed }
        case .mapping(let entries):
            guard entries.count == 1, let e = entries.first else {
                error(node, "\(what): a distribution is written with exactly one key, e.g. `{normal: [10, 2]}`")
                return nil
            }
            guard let d = distribution(named: e, what: what, typed: &typed) else { return nil }
            parsed = d
        case .sequence:
            error(node, "\(what) must be a number, `a to b`, or a distribution like `{normal: [10, 2]}`, not a list")
            return nil
        }
        let spell: (Double) -> String = { typed[$0] ?? Format.message($0) }
        if let problem = parsed.parameterProblem(spelled: spell) { error(node, "\(what): \(problem)"); return nil }
        if let problem = NumberSyntax.domainProblem(parsed, domain, spelled: spell) { error(node, "\(what): \(problem)"); return nil }
        return parsed
    }

    func distribution(named e: SpecNode.Entry, what: String, typed: inout [Double: String]) -> Distribution? {
        let names = ["normal", "lognormal", "uniform", "triangular", "beta", "bernoulli"]
        let arity = ["normal": 2, "lognormal": 2, "uniform": 2, "triangular": 3, "beta": 2, "bernoulli": 1]
        guard let n = arity[e.key] else {
            sink.error(e.keyLocation, "\(what): unknown distribution `\(e.key)`\(Suggestion.didYouMean(e.key, names))")
            return nil
        }
        var params: [Double] = []
        switch e.value.kind {
        case .sequence(let items):
            for item in items {
                guard let v = number(item, what: "\(what) (\(e.key) parameter)") else { return nil }
                params.append(v)
                if typed[v] == nil { typed[v] = spelled(item, v) }
            }
        case .scalar:
            guard let v = number(e.value, what: "\(what) (\(e.key) parameter)") else { return nil }
            params = [v]
            typed[v] = spelled(e.value, v)
        case .mapping:
            error(e.value, "\(what): the parameters of `\(e.key)` are a list, e.g. `{\(e.key): [\(Array(repeating: "x", count: n).joined(separator: ", "))]}`")
            return nil
        }
        guard params.count == n else {
            error(e.value, "\(what): `\(e.key)` takes \(n) parameter\(n == 1 ? "" : "s"), got \(params.count)")
            return nil
        }
        switch e.key {
        case "normal": return .normal(mean: params[0], sd: params[1])
        case "lognormal": return .lognormal(mu: params[0], sigma: params[1])
        case "uniform": return .uniform(lo: params[0], hi: params[1])
        case "triangular": return .triangular(lo: params[0], mode: params[1], hi: params[2])
        case "beta": return .beta(a: params[0], b: params[1])
        default: return .bernoulli(p: params[0])
        }
    }
}

/// The textual forms of numbers: `12`, `12%`, `5 to 20`, `5% to 20%`.
public enum NumberSyntax {
    /// Largest magnitude of a number in a scenario (keeps every simulated sum finite).
    public static let maxMagnitude = Distribution.maxMagnitude

    public static func parseConstant(_ raw: String) -> Result<Double, Problem> {
        let s = raw.trimmed
        let lower = s.lowercased()
        if [".nan", "nan", ".inf", "-.inf", "+.inf", "inf", "-inf", "infinity", "-infinity", "+infinity"].contains(lower) {
            return .failure(Problem("`\(s)` is not a finite number"))
        }
        var body = s
        var scale = 1.0
        if body.hasSuffix("%") { body.removeLast(); scale = 0.01 }
        body = body.replacingOccurrences(of: "_", with: "").trimmed
        guard !body.isEmpty, body.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              let v = Double(body) else {
            return .failure(Problem("`\(s)` is not a number (write e.g. `12`, `12%`, `5 to 20` or `{normal: [10, 2]}`)"))
        }
        guard v.isFinite, (v * scale).isFinite else { return .failure(Problem("`\(s)` is too large (not a finite number)")) }
        guard abs(v * scale) <= maxMagnitude else {
            return .failure(Problem("`\(s)` is too large: numbers are limited to ±1e15 (choose a larger unit, e.g. millions of the currency)"))
        }
        return .success(v * scale)
    }

    public static func parseScalar(_ raw: String) -> Result<Distribution, Problem> {
        let s = raw.trimmed
        let parts = s.components(separatedBy: " to ")
        if parts.count == 2 {
            let a: Double, b: Double
            switch parseConstant(parts[0]) { case .success(let v): a = v; case .failure(let m): return .failure(m) }
            switch parseConstant(parts[1]) { case .success(let v): b = v; case .failure(let m): return .failure(m) }
            guard a <= b else { return .failure(Problem("in `\(s)` the first end must not exceed the second (write `\(parts[1]) to \(parts[0])`)")) }
            return .success(.interval(a, b))
        }
        if parts.count > 2 { return .failure(Problem("`\(s)` has more than one `to`")) }
        return parseConstant(s).map { .constant($0) }
    }

    /// Why `d` does not fit `domain`, or nil. `spelled` writes a constant as the user typed it.
    public static func domainProblem(_ d: Distribution, _ domain: NumberDomain,
                                     spelled: (Double) -> String = { Format.message($0) }) -> String? {
        let p5 = d.quantile(0.05), p95 = d.quantile(0.95)
        // `0 to 2` puts the 5th percentile at 0 up to rounding: allow that.
        let slack = 1e-9 * max(1, abs(p95))
        // Draws are clamped to ±1e15 (the engine's limit); a distribution whose 90 % interval
        // already leaves it is a slip (a lognormal sigma of 40 spans 57 orders of magnitude).
        if abs(p5) > maxMagnitude * (1 + 1e-9) || abs(p95) > maxMagnitude * (1 + 1e-9) {
            return "its 5th-95th percentiles (\(Format.message(p5)) to \(Format.message(p95))) go beyond ±1e15, the limit of numbers (choose a larger unit, e.g. millions of the currency, or a narrower distribution)"
        }
        switch domain {
        case .any: return nil
        case .nonNegative:
            if case .constant(let v) = d, v < 0 { return "must not be negative (got \(spelled(v)))" }
            if p5 < -slack { return "must not be negative, but its 5th percentile is \(Format.message(p5))" }
            return nil
        case .positive:
            if case .constant(let v) = d, v <= 0 { return "must be greater than 0 (got \(spelled(v)))" }
            if p5 <= 0 { return "must be greater than 0, but its 5th percentile is \(Format.message(p5))" }
            return nil
        case .probability:
            if case .constant(let v) = d, !(0...1).contains(v) {
                return "is a probability and must lie between 0 and 1 (got \(spelled(v)); write 75% or 0.75)"
            }
            if p5 < -slack || p95 > 1 + slack {
                return "is a probability, but its 5th-95th percentiles (\(Format.message(p5)) to \(Format.message(p95))) leave [0, 1]; use beta, uniform or triangular within [0, 1]"
            }
            return nil
        }
    }
}
