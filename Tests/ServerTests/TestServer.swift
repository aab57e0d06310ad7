import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import Store
import Synchronization
import Testing

/// The repository root (the folder holding Package.swift), from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return "."
}()

/// The scenarios that ship with the project (part of the repository).
let bundledScenarios: [(name: String, text: String)] = {
    let folder = repositoryRoot + "/scenarios"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.sorted().compactMap { f in
        guard f.hasSuffix(".yaml"), let t = try? String(contentsOfFile: folder + "/" + f, encoding: .utf8) else { return nil }
        return (String(f.dropLast(5)), t)
    }
}()

/// A server on a fresh SQLite file with the bundled scenarios and one token (`ann`).
struct TestServer {
    let server: GuarantorServer
    let store: SQLiteStore
    let token: String
    let folder: String

    /// `wrap` puts the server on another store in front of the SQLite one (a slow one, say).
    static func make(privateRead: Bool = false, configure: (inout ServerLimits) -> Void = { _ in },
                     loadBundled: Bool = true,
                     wrap: (SQLiteStore) -> any GuarantorStore = { $0 },
                     logger: Logger = Logger(label: "guarantor-server-test")) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder + "/guarantor.sqlite")
        var limits = ServerLimits(studyThreads: 2)
        configure(&limits)
        let server = try GuarantorServer(store: wrap(store), settings: ServerSettings(privateRead: privateRead, limits: limits),
                                         logger: logger)
        _ = try await server.prepare(bundled: loadBundled ? bundledScenarios : [])
        let token = try await Tokens.create(name: "ann", in: store)
        return TestServer(server: server, store: store, token: token, folder: folder)
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await app.test(.router, body)
        await server.shutdown()
    }

    var auth: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
}

let jsonHeaders: HTTPFields = [.contentType: "application/json"]

extension TestResponse {
    var text: String { String(buffer: body) }
    /// The JSON body as a dictionary (empty if it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(Array(text.utf8)))) as? [String: Any] ?? [:]
    }
}

/// A JSON body from a dictionary (keys sorted so requests are reproducible).
func json(_ value: [String: Any]) -> ByteBuffer {
    let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
    return ByteBuffer(bytes: data)
}

/// Checks the house error format and returns the code.
@discardableResult
func expectError(_ r: TestResponse, _ status: HTTPResponse.Status, _ code: String,
                 sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
    #expect(r.status == status, "status \(r.status.code): \(r.text)", sourceLocation: sourceLocation)
    #expect(r.headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    let o = r.object
    #expect(o["error"] as? String == code, "body: \(r.text)", sourceLocation: sourceLocation)
    #expect((o["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    return o
}

/// `expectError`, returning the response.
@discardableResult
func expectingError(_ r: TestResponse, _ status: HTTPResponse.Status, _ code: String,
                    sourceLocation: SourceLocation = #_sourceLocation) -> TestResponse {
    expectError(r, status, code, sourceLocation: sourceLocation)
    return r
}

/// A small valid scenario that extends the bundled base, and an invalid one with its error on line 3.
let variantText = """
extends: ukraine-base.yaml
name: Test variant
runs: 1000

"""
let invalidText = """
extends: ukraine-base.yaml
name: Broken variant
runs: lots
"""

/// A store whose token lookups wait first (a slow or hung database): the
/// next lookups wait the durations given to `delay`, one each, in order; any
/// others wait `tokenDelay`. `passTime` makes the tokens it reads expire as
/// if that much time had gone by. Everything else goes straight to `base`.
final class SlowTokenStore: GuarantorStore {
    let base: any GuarantorStore
    private let delays: Mutex<(planned: [Duration], otherwise: Duration)>
    private let elapsed = Mutex<Int64>(0)

    init(_ base: any GuarantorStore, tokenDelay: Duration = .zero) {
        self.base = base
        delays = Mutex(([], tokenDelay))
    }

    /// The next lookups wait these durations, one each.
    func delay(_ planned: Duration...) { delays.withLock { $0.planned = planned } }

    /// Tokens expire from now on as if `milliseconds` more had passed (their expiry moves that much earlier).
    func passTime(milliseconds: Int64) { elapsed.withLock { $0 += milliseconds } }

    func aged(_ token: TokenRecord) -> TokenRecord {
        var t = token
        t.expiresAt = t.expiresAt.map { $0 - elapsed.withLock { $0 } }
        return t
    }

    func token(hash: String) async throws -> TokenRecord? {
        let wait = delays.withLock { d in d.planned.isEmpty ? d.otherwise : d.planned.removeFirst() }
        try await Task.sleep(for: wait)
        return try await base.token(hash: hash).map(aged)
    }

    func saveScenario(name: String, title: String, text: String, by author: String,
                      maxVersionsByAuthor: Int?) async throws -> ScenarioVersion {
        try await base.saveScenario(name: name, title: title, text: text, by: author, maxVersionsByAuthor: maxVersionsByAuthor)
    }
    func scenarios() async throws -> [ScenarioEntry] { try await base.scenarios() }
    func versions(of name: String) async throws -> [ScenarioVersion] { try await base.versions(of: name) }
    func version(name: String, hash: String) async throws -> ScenarioVersion? { try await base.version(name: name, hash: hash) }
    func latest(name: String) async throws -> ScenarioVersion? { try await base.latest(name: name) }
    func createStudy(_ study: NewStudy) async throws -> StudyRecord { try await base.createStudy(study) }
    func study(id: String) async throws -> StudyRecord? { try await base.study(id: id) }
    func studies(limit: Int) async throws -> [StudyRecord] { try await base.studies(limit: limit) }
    func markRunning(id: String) async throws { try await base.markRunning(id: id) }
    func updateProgress(id: String, progress: Double) async throws { try await base.updateProgress(id: id, progress: progress) }
    func finishStudy(id: String, resultJSON: String) async throws { try await base.finishStudy(id: id, resultJSON: resultJSON) }
    func endStudy(id: String, status: StudyStatus, message: String) async throws {
        try await base.endStudy(id: id, status: status, message: message)
    }
    func recoverInterrupted(message: String) async throws -> Int { try await base.recoverInterrupted(message: message) }
    func createToken(name: String, hash: String, expiresAt: Int64?) async throws -> TokenRecord {
        try await base.createToken(name: name, hash: hash, expiresAt: expiresAt)
    }
    func tokenCount() async throws -> Int { try await base.tokenCount() }
    func tokens() async throws -> [TokenRecord] { try await base.tokens().map(aged) }
    func deleteToken(id: Int64) async throws -> Bool { try await base.deleteToken(id: id) }
    func deleteTokens(named name: String) async throws -> Int { try await base.deleteTokens(named: name) }
}

/// Keeps what is logged through `logger`, for tests to read.
final class LogCapture: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

    var logger: Logger { Logger(label: "capture") { _ in Handler(capture: self) } }
    var messages: [(level: Logger.Level, message: String)] { lines.withLock { $0 } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.lines.withLock { $0.append((event.level, event.message.description)) }
        }
    }
}
