import CrisisEngine
import Deterrence
import Foundation
import GuarantorModel
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Reports
import ScenarioSpec
import Store

/// The server: API and pages over one store. It computes nothing itself; it
/// calls the loader, the engine and the renderers the CLI calls.
public final class GuarantorServer: Sendable {
    public let store: any GuarantorStore
    public let settings: ServerSettings
    let jobs: StudyJobs
    let pool: StudyThreadPool
    let library: ScenarioLibrary
    let pages: Pages
    let access: Access
    /// Where the server's own warnings go (`serve` passes its logger).
    let logger: Logger
    let expiryWatch: TokenExpiryWatch

    /// `logger`: where the server's own warnings go (that the last token that
    /// worked has expired); by default swift-log's, which writes to standard error.
    public init(store: any GuarantorStore, settings: ServerSettings,
                logger: Logger = Logger(label: "guarantor-server")) throws {
        self.store = store
        self.settings = settings
        self.logger = logger
        expiryWatch = TokenExpiryWatch(store: store, logger: logger)
        pool = StudyThreadPool(threads: settings.limits.studyThreads)
        jobs = StudyJobs(store: store, limit: settings.limits.maxConcurrentStudies, threads: settings.limits.studyThreads, pool: pool)
        library = ScenarioLibrary(store: store)
        pages = try Pages()
        access = Access(privateRead: settings.privateRead)
    }

    /// Startup chores: studies interrupted by a crash are marked failed, and
    /// the bundled scenarios the library lacks are saved. Returns lines to log.
    public func prepare(bundled: [(name: String, text: String)]) async throws -> [String] {
        var log: [String] = []
        let n = try await store.recoverInterrupted(message: Self.interruptedMessage)
        if n > 0 { log.append("marked \(n) interrupted stud\(n == 1 ? "y" : "ies") as failed") }
        let (saved, problems) = try await library.loadBundled(bundled)
        if !saved.isEmpty { log.append("loaded \(saved.count) bundled scenarios: \(saved.joined(separator: ", "))") }
        for p in problems { log.append("bundled scenario not loaded: \(p)") }
        // `serve` says at start when every token has expired; the watch need not say it again.
        expiryWatch.noteAllExpired(try await store.tokens())
        return log
    }

    static let interruptedMessage = "interrupted: the server stopped while this study was queued or running; start it again"

    /// `METHOD /path` for every operation `/openapi.yaml` describes.
    public static var documentedOperations: [String] { OpenAPIDocument.operations }

    /// Waits for a background study to end (tests).
    public func waitForStudy(_ id: String) async { await jobs.wait(id) }

    /// Cancels the running studies and ends the simulation threads (shutdown).
    public func shutdown() async {
        await jobs.cancelAll()
        pool.stop()
    }

    /// The HTTP/1.1 channel settings: a connection that reads and writes
    /// nothing for `idleTimeoutSeconds` is closed (Hummingbird's idle timeout,
    /// whose clock restarts at each request part read and each response
    /// written, and which never cuts a request being answered). So a client
    /// must send a request's whole header within that time, and idle
    /// keep-alive connections do not pile up. A request that is not HTTP at
    /// all, which the router never sees, gets its 400 with a message from
    /// `MalformedRequestHandler`.
    public var httpConfiguration: HTTP1Channel.Configuration {
        HTTP1Channel.Configuration(
            additionalChannelHandlers: [MalformedRequestHandler()],
            idleTimeout: .milliseconds(TimeoutMiddleware.milliseconds(settings.limits.idleTimeoutSeconds)))
    }

    /// The HTTP server to give `Application(server:)`.
    public var httpServer: HTTPServerBuilder { .http1(configuration: httpConfiguration) }

    public func router() -> Router<AppContext> {
        // HEAD is answered wherever GET is (the GET handler, without the body).
        let router = Router(context: AppContext.self, options: .autoGenerateHeadEndpoints)
        router.middlewares.add(ErrorMiddleware(pages: pages, store: store, lateLookupSeconds: settings.limits.lateLookupSeconds))
        router.middlewares.add(TimeoutMiddleware(seconds: settings.limits.requestTimeoutSeconds))
        // Before the body limit, so that a 413's error page knows who is signed in, and clears a stale cookie;
        // but a body over the limit is 413 even when the sign-in is refused (it checks the size before refusing).
        router.middlewares.add(AuthMiddleware(store: store, maxBodyBytes: settings.limits.maxBodyBytes, expiryWatch: expiryWatch))
        router.middlewares.add(BodyLimitMiddleware(maxBytes: settings.limits.maxBodyBytes))
        addAPI(to: router)
        addPages(to: router)
        return router
    }

    // MARK: API

    func addAPI(to router: Router<AppContext>) {
        router.get("/openapi.yaml") { _, _ in
            Self.respond(.ok, OpenAPIDocument.yaml, type: "application/yaml; charset=utf-8")
        }
        router.get("/api/health") { _, _ in
            try Self.json(.ok, HealthBody(status: "ok", version: GuarantorVersion.string))
        }
        router.get("/api/scenarios") { [self] _, context in
            try access.read(context)
            return try Self.json(.ok, ScenarioListBody(scenarios: try await store.scenarios()))
        }
        router.post("/api/scenarios") { [self] request, context in
            let token = try access.write(context)
            let body = try await decode(SaveScenarioRequest.self, request)
            let (version, created) = try await save(name: body.name, text: body.text, by: token.name)
            var response = try Self.json(created ? .created : .ok, version)
            response.headers[.location] = "/api/scenarios/\(version.name)/versions/\(version.hash)"
            return response
        }
        router.get("/api/scenarios/{name}") { [self] _, context in
            try access.read(context)
            let name = try context.parameters.require("name")
            let all = try await store.versions(of: name)
            guard let latest = all.first else { throw APIError.notFound("there is no scenario `\(name)`") }
            return try Self.json(.ok, ScenarioDetailBody(name: name, latest: latest, versions: all.map {
                VersionInfo(hash: $0.hash, title: $0.title, createdAt: $0.createdAt, createdBy: $0.createdBy)
            }))
        }
        router.get("/api/scenarios/{name}/versions/{hash}") { [self] _, context in
            try access.read(context)
            let name = try context.parameters.require("name")
            let hash = try context.parameters.require("hash")
            guard let v = try await version(name: name, hash: hash) else {
                throw APIError.notFound("scenario `\(name)` has no version \(hash)")
            }
            return try Self.json(.ok, v)
        }
        router.post("/api/validate") { [self] request, context in
            try access.read(context)
            let body = try await decode(ValidateRequest.self, request)
            let name = body.name.flatMap { ScenarioName.problem($0) == nil ? $0 : nil } ?? "scenario"
            let file = ScenarioLibrary.fileName(name)
            switch try await library.check(name: name, text: body.text) {
            case .valid(let s): return try Self.json(.ok, ValidateBody(valid: true, file: file, title: s.name, diagnostics: []))
            case .invalid(let d, let omitted):
                return try Self.json(.ok, ValidateBody(valid: false, file: file, title: nil, diagnostics: d,
                                                       diagnosticsOmitted: omitted > 0 ? omitted : nil))
            }
        }
        router.get("/api/studies") { [self] _, context in
            try access.read(context)
            return try Self.json(.ok, StudyListBody(studies: try await store.studies(limit: 100).map(StudyBody.init)))
        }
        router.post("/api/studies") { [self] request, context in
            let token = try access.write(context)
            let body = try await decode(StartStudyRequest.self, request)
            let record = try await startStudy(body, by: token.name)
            var response = try Self.json(.accepted, StudyBody(record))
            response.headers[.location] = "/api/studies/\(record.id)"
            return response
        }
        router.get("/api/studies/{id}") { [self] _, context in
            try access.read(context)
            return try Self.json(.ok, StudyBody(try await study(context)))
        }
        router.get("/api/studies/{id}/result") { [self] request, context in
            try access.read(context)
            let record = try await study(context)
            let json = try Self.result(of: record)
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "json": return Self.respond(.ok, json, type: "application/json; charset=utf-8")
            case "html": return Self.report(HTMLReport.study(try Self.decodeResult(json)))
            case let f: throw APIError.badRequest("format must be json or html, not `\(f)`")
            }
        }
        router.post("/api/studies/{id}/cancel") { [self] _, context in
            let token = try access.write(context)
            let record = try await cancel(try await study(context), by: token.name)
            return try Self.json(.ok, StudyBody(record))
        }
        router.post("/api/compare") { [self] request, context in
            try access.write(context)
            let body = try await decode(CompareRequest.self, request)
            let result = try await compare(body)
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "json": return Self.respond(.ok, JSONReport.render(result), type: "application/json; charset=utf-8")
            case "html": return Self.report(HTMLReport.compare(result))
            case let f: throw APIError.badRequest("format must be json or html, not `\(f)`")
            }
        }
    }

    // MARK: operations shared by the API and the pages

    func save(name: String, text: String, by author: String) async throws -> (ScenarioVersion, created: Bool) {
        if let why = ScenarioName.problem(name) { throw APIError.unprocessable("bad_name", why) }
        switch try await library.check(name: name, text: text) {
        case .invalid(let d, let omitted):
            let total = d.count + omitted
            throw APIError(.unprocessableContent, "invalid_scenario",
                           "the scenario has \(DiagnosticList.grouped(total)) error\(total == 1 ? "" : "s")\(omitted > 0 ? " (the first \(d.count) are listed)" : ""); nothing was saved",
                           diagnostics: d, diagnosticsOmitted: omitted)
        case .valid(let s):
            let existed = try await store.version(name: name, hash: ContentHash.of(text)) != nil
            let limit = settings.limits.maxVersionsPerHolder
            do {
                let v = try await store.saveScenario(name: name, title: s.name, text: text, by: author, maxVersionsByAuthor: limit)
                return (v, !existed)
            } catch let e as VersionQuotaExceeded {
                throw APIError(.conflict, "too_many_versions",
                               "`\(e.author)` has saved \(e.count) scenario versions, the most this server keeps per token holder (--max-versions \(limit)); nothing was saved. Versions are never deleted: ask the server's operator to raise --max-versions")
            }
        }
    }

    /// The version of `name` whose hash is `hash`, or begins with it: the pages and
    /// reports show the first 12 hex digits, and those work wherever a hash is asked
    /// for. A prefix that begins several versions is refused (422 `ambiguous_version`).
    func version(name: String, hash: String) async throws -> ScenarioVersion? {
        let prefix = hash.lowercased()
        if prefix.count == 64 { return try await store.version(name: name, hash: prefix) }
        guard !prefix.isEmpty, prefix.allSatisfy(\.isHexDigit) else { return nil }
        let matches = try await store.versions(of: name).filter { $0.hash.hasPrefix(prefix) }
        if matches.count > 1 {
            throw APIError.unprocessable("ambiguous_version",
                                         "`\(hash)` begins \(matches.count) versions of `\(name)`: give more of the hash")
        }
        return matches.first
    }

    /// The scenario `name` (latest, or the version `hash`) loaded and validated.
    func load(name: String, hash: String?) async throws -> (ScenarioVersion, Scenario) {
        let found: ScenarioVersion?
        if let hash, !hash.isEmpty { found = try await version(name: name, hash: hash) } else { found = try await store.latest(name: name) }
        guard let v = found else {
            throw APIError.notFound(hash.map { "scenario `\(name)` has no version \($0)" } ?? "there is no scenario `\(name)`")
        }
        switch try await library.check(name: name, text: v.text) {
        case .valid(let s): return (v, s)
        case .invalid(let d, let omitted):
            throw APIError(.unprocessableContent, "invalid_scenario",
                           "scenario `\(name)` no longer validates (has a scenario it extends changed?)", diagnostics: d, diagnosticsOmitted: omitted)
        }
    }

    func startStudy(_ body: StartStudyRequest, by author: String) async throws -> StudyRecord {
        let limits = settings.limits
        try Self.checkSeed(body.seed)
        let (version, scenario) = try await load(name: body.scenario, hash: body.version)
        let runs = body.runs ?? Int64(scenario.runs)
        guard runs >= 2 else { throw APIError.unprocessable("bad_runs", "runs must be at least 2 (a standard error needs two runs); asked for \(runs)") }
        guard runs <= limits.maxRunsPerStudy else {
            throw APIError.unprocessable("too_many_runs", "a study here may have at most \(limits.maxRunsPerStudy) runs (--max-runs); asked for \(runs)")
        }
        let sensitivity = body.sensitivityRuns ?? 0
        guard sensitivity == 0 || (100...limits.maxSensitivityRuns).contains(sensitivity) else {
            throw APIError.unprocessable("bad_sensitivity_runs", "sensitivityRuns must be 0 (none) or between 100 and \(limits.maxSensitivityRuns)")
        }
        let work = Self.work(scenario, runs: runs, sensitivityRuns: sensitivity)
        guard let total = work.total, total <= limits.maxRunsPerStudy else {
            throw APIError.unprocessable("too_many_runs", "a study here may have at most \(limits.maxRunsPerStudy) runs (--max-runs), counting the sensitivity analysis: \(work.explained)")
        }
        let new = NewStudy(scenarioName: version.name, scenarioHash: version.hash, seed: body.seed ?? scenario.seed, runs: runs,
                           sensitivityRuns: sensitivity, createdBy: author)
        return try await jobs.start(new, scenario: scenario)
    }

    /// The largest seed a study or compare takes: the largest a scenario
    /// file's `seed:` takes (ScenarioDecoder: 0 to 2^63-1), so that any
    /// study's seed can be written into its scenario to run it again.
    static let maxSeed = UInt64(Int64.max)
    static let seedRange = "0 to \(maxSeed) (2^63-1)"

    static var badSeed: APIError {
        APIError.unprocessable("bad_seed", "`seed` must be a whole number from \(seedRange), the range a scenario file's `seed` takes")
    }

    /// 422 `bad_seed` for a seed above `maxSeed`.
    static func checkSeed(_ seed: UInt64?) throws {
        if let seed, seed > maxSeed { throw badSeed }
    }

    /// The runs a study (or one scenario of a compare) does in all: its own,
    /// plus, with a sensitivity analysis, those of each variant (the baseline
    /// and every uncertain input at its 5th and 95th percentile), each of which
    /// `Study.run` caps at `runs`. `total` is nil if it overflows.
    static func work(_ scenario: Scenario, runs: Int64, sensitivityRuns: Int64) -> (total: Int64?, explained: String) {
        guard sensitivityRuns > 0 else { return (runs, "asked for \(runs)") }
        let variants = Int64(1 + 2 * CompiledScenario(scenario).uncertainSlots.count)
        let perVariant = min(sensitivityRuns, runs)
        let (extra, o1) = variants.multipliedReportingOverflow(by: perVariant)
        let (total, o2) = runs.addingReportingOverflow(extra)
        let sum = o1 || o2 ? "more than \(Int64.max)" : String(total)
        return (o1 || o2 ? nil : total,
                "asked for \(runs) runs + \(variants) sensitivity variants × \(perVariant) runs = \(sum); lower runs or sensitivityRuns")
    }

    func study(_ context: AppContext) async throws -> StudyRecord {
        let id = try context.parameters.require("id")
        guard let r = try await store.study(id: id) else { throw APIError.notFound("there is no study `\(id)`") }
        return r
    }

    static func result(of record: StudyRecord) throws -> String {
        guard record.status == .succeeded, let json = record.resultJSON else {
            throw APIError(.conflict, "no_result", "study \(record.id) is \(record.status.rawValue); it has a result only once it has succeeded")
        }
        return json
    }

    static func decodeResult(_ json: String) throws -> StudyResult {
        switch JSONReport.decodeStudy(json) {
        case .success(let r): return r
        case .failure(let e): throw APIError(.internalServerError, "corrupt_result", "the stored result cannot be read: \(e)")
        }
    }

    /// Marks the study cancelled at once (so it can never then be stored as
    /// succeeded), then stops its job if it runs in this process.
    func cancel(_ record: StudyRecord, by who: String) async throws -> StudyRecord {
        guard !record.status.isFinished else {
            throw APIError(.conflict, "already_finished", "study \(record.id) has already \(record.status.rawValue)")
        }
        try await store.endStudy(id: record.id, status: .cancelled, message: "cancelled by \(who)")
        _ = await jobs.cancel(record.id)
        return try await store.study(id: record.id) ?? record
    }

    func compare(_ body: CompareRequest) async throws -> Deterrence.ComparisonResult {
        let limits = settings.limits
        try Self.checkSeed(body.seed)
        guard body.scenarios.count >= 2 else { throw APIError.unprocessable("too_few_scenarios", "compare takes at least two scenarios") }
        guard body.scenarios.count <= limits.maxCompareScenarios else {
            throw APIError.unprocessable("too_many_scenarios", "compare takes at most \(limits.maxCompareScenarios) scenarios at once")
        }
        var loaded: [(ScenarioVersion, Scenario)] = []
        for ref in body.scenarios {
            let parts = ref.split(separator: "@", maxSplits: 1).map(String.init)
            loaded.append(try await load(name: parts.first ?? ref, hash: parts.count == 2 ? parts[1] : nil))
        }
        guard let first = loaded.first?.1 else { throw APIError.unprocessable("too_few_scenarios", "compare takes at least two scenarios") }
        let runs = body.runs ?? min(Int64(first.runs), limits.maxCompareRuns)
        guard runs >= 2 else { throw APIError.unprocessable("bad_runs", "runs must be at least 2 (a standard error needs two runs); asked for \(runs)") }
        guard runs <= limits.maxCompareRuns else {
            throw APIError.unprocessable("too_many_runs", "compare runs inside the request, so at most \(limits.maxCompareRuns) runs per scenario (--max-compare-runs); asked for \(runs). Start studies for more")
        }
        let sensitivity = body.sensitivityRuns ?? 0
        guard sensitivity == 0 || (100...limits.maxSensitivityRuns).contains(sensitivity) else {
            throw APIError.unprocessable("bad_sensitivity_runs", "sensitivityRuns must be 0 (none) or between 100 and \(limits.maxSensitivityRuns)")
        }
        for (_, s) in loaded {
            let work = Self.work(s, runs: runs, sensitivityRuns: sensitivity)
            guard let total = work.total, total <= limits.maxCompareRuns else {
                throw APIError.unprocessable("too_many_runs", "compare runs inside the request, so at most \(limits.maxCompareRuns) runs per scenario (--max-compare-runs), counting the sensitivity analysis; for `\(s.name)` \(work.explained). Start studies for more")
            }
        }
        let seed = body.seed ?? first.seed
        // A compare computes as a study does, so it takes one of the same slots.
        try await jobs.beginCompare()
        var rows: [Deterrence.ComparisonResult.Row] = []
        let sources = loaded.map { v, _ in "\(v.name)@\(v.hash.prefix(12))" }
        let labels = Deterrence.ComparisonResult.labels(names: loaded.map(\.1.name), sources: sources)
        do {
            for (i, (_, s)) in loaded.enumerated() {
                let study = try await withTaskExecutorPreference(pool) {
                    try await StudyExecution.run(scenario: s, runs: runs, seed: seed, threads: limits.studyThreads,
                                                 sensitivityRuns: sensitivity, progress: { _ in })
                }
                rows.append(Deterrence.ComparisonResult.Row(scenario: labels[i], file: sources[i], study: study))
            }
        } catch {
            await jobs.endCompare()
            throw error
        }
        await jobs.endCompare()
        return Deterrence.ComparisonResult(runs: runs, seed: seed, version: GuarantorVersion.string, rows: rows,
                                explanation: ComparisonExplainer.explain(rows))
    }

    // MARK: helpers

    func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let data = try await Self.body(request, limit: settings.limits.maxBodyBytes)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("the JSON body lacks `\(key.stringValue)`")
        } catch let DecodingError.typeMismatch(_, ctx) where ctx.codingPath.isEmpty {
            throw APIError.badRequest("the JSON body must be an object (see /openapi.yaml)")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw APIError.badRequest("the JSON body has the wrong type at `\(Self.path(ctx))`")
        } catch let DecodingError.valueNotFound(_, ctx) where !ctx.codingPath.isEmpty {
            throw APIError.badRequest("the JSON body has null at `\(Self.path(ctx))`")
        } catch {
            // The decoder does not say which field a number did not fit
            // (out of range, or a fraction where a whole number goes); find it.
            if let field = Self.unfitNumber(data) {
                // A whole-number seed out of range (negative, or past 2^64-1) is refused as any other out-of-range seed is.
                if field.name == "seed" && field.whole { throw Self.badSeed }
                throw APIError.badRequest("`\(field.name)` must be a whole number from \(field.range) (see /openapi.yaml)")
            }
            throw APIError.badRequest("the body is not the JSON this endpoint takes (see /openapi.yaml)")
        }
    }

    static func path(_ ctx: DecodingError.Context) -> String {
        ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// The first whole-number field of a JSON object body whose value its
    /// type cannot hold, the range it takes, and whether the value is a whole number.
    static func unfitNumber(_ data: Data) -> (name: String, range: String, whole: Bool)? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        let fields: [(String, (String) -> Bool, String)] = [
            ("runs", { Int64($0) != nil }, "\(Int64.min) to \(Int64.max)"),
            ("sensitivityRuns", { Int64($0) != nil }, "\(Int64.min) to \(Int64.max)"),
            ("seed", { UInt64($0) != nil }, seedRange),
        ]
        for (name, fits, range) in fields {
            if let n = object[name] as? NSNumber, !(n is Bool), !fits("\(n)") {
                let d = n.doubleValue
                return (name, range, d.isFinite && d.rounded() == d)
            }
        }
        return nil
    }

    static func body(_ request: Request, limit: Int) async throws -> Data {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            // Hummingbird's HTTPError, or NIO's NIOTooManyBytesError for a body
            // without a declared length (chunked), which Hummingbird makes a 413.
            throw tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "body_too_large", "the request body is larger than \(limit) bytes (--max-body-bytes)")
    }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A report renderer's HTML page. It is self-contained (inline style,
    /// script and SVG), so its policy allows those and nothing else: no
    /// requests anywhere, and framing only by this server's own study page.
    static func report(_ html: String) -> Response {
        var response = respond(.ok, html, type: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = reportPolicy
        response.headers[.contentTypeOptions] = "nosniff"
        return response
    }

    static let reportPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

    static func respond(_ status: HTTPResponse.Status, _ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
