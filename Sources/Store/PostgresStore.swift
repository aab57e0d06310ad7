import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The shared store for a team: PostgreSQL through postgres-nio. Same
/// protocol and test suite as `SQLiteStore`; every value is a bind parameter
/// (postgres-nio turns each `\(value)` in a query into `$n`).
public final class PostgresStore: GuarantorStore {
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger

    /// Connects to `url` (`postgres://user:password@host:port/database`, with
    /// `?sslmode=require` for TLS) and applies the migrations.
    /// An unreachable server is an error after `timeoutSeconds` (postgres-nio
    /// itself retries forever, so the command would hang).
    public static func connect(url: String, timeoutSeconds: Double = 30,
                               logger: Logger = Logger(label: "guarantor.postgres")) async throws -> PostgresStore {
        try await connect(url: url, timeoutSeconds: timeoutSeconds, logger: logger, migratingUpTo: nil)
    }

    /// Applies the migrations up to `last` only (nil: all). Tests make an
    /// older database with it, to check that migrating keeps its data.
    static func connect(url: String, timeoutSeconds: Double = 30, logger: Logger = Logger(label: "guarantor.postgres"),
                        migratingUpTo last: String?) async throws -> PostgresStore {
        let config = try PostgresURL.configuration(url)
        let store = PostgresStore(client: PostgresClient(configuration: config, backgroundLogger: logger), logger: logger)
        let gate = ConnectGate()
        let watchdog = Task {
            try? await Task.sleep(for: .milliseconds(Int64((min(max(timeoutSeconds, 0), 86_400) * 1000).rounded())))
            // Closing the client fails the migration's pending connection request.
            if !Task.isCancelled, gate.timeOut() { store.close() }
        }
        defer { watchdog.cancel() }
        do {
            try await store.migrate(upTo: last)
            if gate.finish() { return store }
            throw StoreError("timed out")
        } catch {
            store.close()
            let why = gate.timedOut
                ? "no answer within \(Int(timeoutSeconds)) s (is the server running and reachable?)"
                : String(reflecting: error)
            throw StoreError("cannot use the PostgreSQL database at \(PostgresURL.redacted(url)): \(why)")
        }
    }

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    /// Closes the connections.
    public func close() { runner.cancel() }

    /// Migrations run in one transaction under an advisory lock, so two servers
    /// starting at once do not race. `last`: apply only up to that one (tests).
    func migrate(upTo last: String? = nil) async throws {
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(7346010)", logger: logger)
            try await conn.query("CREATE TABLE IF NOT EXISTS guarantor_migrations (name TEXT PRIMARY KEY)", logger: logger)
            var done: Set<String> = []
            for try await name in try await conn.query("SELECT name FROM guarantor_migrations", logger: logger).decode(String.self) {
                done.insert(name)
            }
            for (name, statements) in Self.migrations {
                if !done.contains(name) {
                    for statement in statements { try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                    try await conn.query("INSERT INTO guarantor_migrations (name) VALUES (\(name))", logger: logger)
                }
                if name == last { break }
            }
        }
    }

    /// In order; each runs once.
    static let migrations: [(name: String, statements: [String])] = [("v1", v1), ("v2", v2), ("v3", v3)]

    /// The version quota counts an author's versions on every new save.
    static let v3 = ["CREATE INDEX scenario_versions_author ON scenario_versions (created_by)"]

    /// Tokens expire; those made before keep no expiry (NULL).
    static let v2 = ["ALTER TABLE tokens ADD COLUMN expires_at BIGINT"]

    // Fixed text, no input: the only place `unsafeSQL` is used.
    static let v1 = [
        """
        CREATE TABLE scenario_versions (
            seq BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            hash TEXT NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (name, hash)
        )
        """,
        "CREATE INDEX scenario_versions_name ON scenario_versions (name, seq)",
        """
        CREATE TABLE studies (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            scenario_name TEXT NOT NULL,
            scenario_hash TEXT NOT NULL,
            seed TEXT NOT NULL,
            runs BIGINT NOT NULL,
            sensitivity_runs BIGINT NOT NULL,
            status TEXT NOT NULL,
            progress DOUBLE PRECISION NOT NULL,
            created_at BIGINT NOT NULL,
            started_at BIGINT,
            finished_at BIGINT,
            created_by TEXT NOT NULL,
            message TEXT,
            result_json TEXT
        )
        """,
        "CREATE INDEX studies_status ON studies (status)",
        """
        CREATE TABLE tokens (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL
        )
        """,
    ]

    // MARK: scenarios

    static func version(_ row: PostgresRow) throws -> ScenarioVersion {
        let r = row.makeRandomAccess()
        return ScenarioVersion(name: try r["name"].decode(String.self), hash: try r["hash"].decode(String.self),
                               title: try r["title"].decode(String.self), text: try r["text"].decode(String.self),
                               createdAt: try r["created_at"].decode(Int64.self), createdBy: try r["created_by"].decode(String.self))
    }

    func versions(_ rows: PostgresRowSequence) async throws -> [ScenarioVersion] {
        var out: [ScenarioVersion] = []
        for try await row in rows { out.append(try Self.version(row)) }
        return out
    }

    public func saveScenario(name: String, title: String, text: String, by author: String,
                             maxVersionsByAuthor: Int?) async throws -> ScenarioVersion {
        try StoreText.check(name, title, text, author)
        guard let limit = maxVersionsByAuthor else { return try await insertVersion(name: name, title: title, text: text, by: author) }
        let hash = ContentHash.of(text)
        // One transaction holding a lock for this author, so that two saves
        // by one author cannot both count below the limit and both insert.
        do {
            return try await savePerAuthorLimit(name: name, title: title, text: text, by: author, hash: hash, limit: limit)
        } catch let e as PostgresTransactionError {
            // postgres-nio wraps what the transaction's body threw; the quota is the caller's to see.
            if let quota = e.closureError as? VersionQuotaExceeded { throw quota }
            throw e
        }
    }

    func savePerAuthorLimit(name: String, title: String, text: String, by author: String, hash: String,
                            limit: Int) async throws -> ScenarioVersion {
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(7346011, hashtext(\(author)))", logger: logger)
            let existing = try await conn.query("SELECT 1 FROM scenario_versions WHERE name = \(name) AND hash = \(hash)", logger: logger)
            var exists = false
            for try await _ in existing { exists = true }
            if !exists {
                var count = 0
                for try await n in try await conn.query("SELECT COUNT(*) FROM scenario_versions WHERE created_by = \(author)",
                                                        logger: logger).decode(Int64.self) {
                    count = Int(n)
                }
                if count >= limit { throw VersionQuotaExceeded(author: author, count: count, limit: limit) }
            }
            return try await self.insertVersion(name: name, title: title, text: text, by: author, on: conn)
        }
    }

    /// The insert itself: on `conn` (inside a transaction), or on any pooled connection.
    func insertVersion(name: String, title: String, text: String, by author: String,
                       on conn: PostgresConnection? = nil) async throws -> ScenarioVersion {
        let hash = ContentHash.of(text)
        let now = StoreClock.now()
        let query: PostgresQuery = """
            WITH ins AS (
                INSERT INTO scenario_versions (name, hash, title, text, created_at, created_by)
                VALUES (\(name), \(hash), \(title), \(text), \(now), \(author))
                ON CONFLICT (name, hash) DO NOTHING
                RETURNING name, hash, title, text, created_at, created_by
            )
            SELECT name, hash, title, text, created_at, created_by FROM ins
            UNION ALL
            SELECT name, hash, title, text, created_at, created_by FROM scenario_versions WHERE name = \(name) AND hash = \(hash)
            """
        let rows: PostgresRowSequence
        if let conn { rows = try await conn.query(query, logger: logger) } else { rows = try await client.query(query, logger: logger) }
        guard let v = try await versions(rows).first else {
            throw StoreError("the scenario version just saved cannot be read back")
        }
        return v
    }

    public func scenarios() async throws -> [ScenarioEntry] {
        let rows = try await client.query("""
            SELECT v.name, v.title, v.hash, v.created_at, c.n
            FROM scenario_versions v
            JOIN (SELECT name, MAX(seq) AS last, COUNT(*) AS n FROM scenario_versions GROUP BY name) c
              ON v.name = c.name AND v.seq = c.last
            ORDER BY v.name
            """, logger: logger)
        var out: [ScenarioEntry] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            out.append(ScenarioEntry(name: try r["name"].decode(String.self), title: try r["title"].decode(String.self),
                                     latestHash: try r["hash"].decode(String.self), versions: Int(try r["n"].decode(Int64.self)),
                                     updatedAt: try r["created_at"].decode(Int64.self)))
        }
        return out
    }

    public func versions(of name: String) async throws -> [ScenarioVersion] {
        try await versions(client.query("""
            SELECT name, hash, title, text, created_at, created_by FROM scenario_versions WHERE name = \(name) ORDER BY seq DESC
            """, logger: logger))
    }

    public func version(name: String, hash: String) async throws -> ScenarioVersion? {
        try await versions(client.query("""
            SELECT name, hash, title, text, created_at, created_by FROM scenario_versions WHERE name = \(name) AND hash = \(hash)
            """, logger: logger)).first
    }

    public func latest(name: String) async throws -> ScenarioVersion? {
        try await versions(client.query("""
            SELECT name, hash, title, text, created_at, created_by FROM scenario_versions WHERE name = \(name)
            ORDER BY seq DESC LIMIT 1
            """, logger: logger)).first
    }

    // MARK: studies

    static func study(_ row: PostgresRow) throws -> StudyRecord {
        let r = row.makeRandomAccess()
        let id = try r["id"].decode(String.self)
        guard let seed = UInt64(try r["seed"].decode(String.self)),
              let status = StudyStatus(rawValue: try r["status"].decode(String.self)) else {
            throw StoreError("study \(id) has a corrupt seed or status in the database")
        }
        return StudyRecord(id: id, scenarioName: try r["scenario_name"].decode(String.self),
                           scenarioHash: try r["scenario_hash"].decode(String.self), seed: seed,
                           runs: try r["runs"].decode(Int64.self), sensitivityRuns: try r["sensitivity_runs"].decode(Int64.self),
                           status: status, progress: try r["progress"].decode(Double.self),
                           createdAt: try r["created_at"].decode(Int64.self), startedAt: try r["started_at"].decode(Int64?.self),
                           finishedAt: try r["finished_at"].decode(Int64?.self), createdBy: try r["created_by"].decode(String.self),
                           message: try r["message"].decode(String?.self), resultJSON: try r["result_json"].decode(String?.self))
    }

    func studies(_ rows: PostgresRowSequence) async throws -> [StudyRecord] {
        var out: [StudyRecord] = []
        for try await row in rows { out.append(try Self.study(row)) }
        return out
    }

    public func createStudy(_ s: NewStudy) async throws -> StudyRecord {
        let id = StudyID.make()
        let now = StoreClock.now()
        let seed = String(s.seed)
        let rows = try await client.query("""
            INSERT INTO studies (id, scenario_name, scenario_hash, seed, runs, sensitivity_runs, status, progress, created_at, created_by)
            VALUES (\(id), \(s.scenarioName), \(s.scenarioHash), \(seed), \(s.runs), \(s.sensitivityRuns), 'queued', 0, \(now), \(s.createdBy))
            RETURNING id, scenario_name, scenario_hash, seed, runs, sensitivity_runs, status, progress, created_at,
                      started_at, finished_at, created_by, message, result_json
            """, logger: logger)
        guard let study = try await studies(rows).first else { throw StoreError("the study just created cannot be read back") }
        return study
    }

    public func study(id: String) async throws -> StudyRecord? {
        try await studies(client.query("""
            SELECT id, scenario_name, scenario_hash, seed, runs, sensitivity_runs, status, progress, created_at,
                   started_at, finished_at, created_by, message, result_json FROM studies WHERE id = \(id)
            """, logger: logger)).first
    }

    public func studies(limit: Int) async throws -> [StudyRecord] {
        let limit = Int64(limit)
        return try await studies(client.query("""
            SELECT id, scenario_name, scenario_hash, seed, runs, sensitivity_runs, status, progress, created_at,
                   started_at, finished_at, created_by, message, result_json FROM studies ORDER BY seq DESC LIMIT \(limit)
            """, logger: logger))
    }

    public func markRunning(id: String) async throws {
        let now = StoreClock.now()
        try await client.query("UPDATE studies SET status = 'running', started_at = \(now) WHERE id = \(id) AND status = 'queued'",
                               logger: logger)
    }

    public func updateProgress(id: String, progress: Double) async throws {
        let p = min(1, max(0, progress))
        try await client.query("UPDATE studies SET progress = \(p) WHERE id = \(id) AND status = 'running'", logger: logger)
    }

    public func finishStudy(id: String, resultJSON: String) async throws {
        let now = StoreClock.now()
        try await client.query("""
            UPDATE studies SET status = 'succeeded', progress = 1, finished_at = \(now), result_json = \(resultJSON)
            WHERE id = \(id) AND status IN ('queued', 'running')
            """, logger: logger)
    }

    public func endStudy(id: String, status: StudyStatus, message: String) async throws {
        let now = StoreClock.now()
        let s = status.rawValue
        try await client.query("""
            UPDATE studies SET status = \(s), finished_at = \(now), message = \(message)
            WHERE id = \(id) AND status IN ('queued', 'running')
            """, logger: logger)
    }

    public func recoverInterrupted(message: String) async throws -> Int {
        let now = StoreClock.now()
        let rows = try await client.query("""
            UPDATE studies SET status = 'failed', finished_at = \(now), message = \(message)
            WHERE status IN ('queued', 'running') RETURNING id
            """, logger: logger)
        var n = 0
        for try await _ in rows { n += 1 }
        return n
    }

    // MARK: tokens

    public func createToken(name: String, hash: String, expiresAt: Int64?) async throws -> TokenRecord {
        let now = StoreClock.now()
        let rows = try await client.query("""
            INSERT INTO tokens (name, hash, created_at, expires_at) VALUES (\(name), \(hash), \(now), \(expiresAt)) RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) {
            return TokenRecord(id: id, name: name, hash: hash, createdAt: now, expiresAt: expiresAt)
        }
        throw StoreError("the token just created cannot be read back")
    }

    public func token(hash: String) async throws -> TokenRecord? {
        let rows = try await client.query("SELECT id, name, hash, created_at, expires_at FROM tokens WHERE hash = \(hash)",
                                          logger: logger)
        for try await (id, name, h, at, expires) in rows.decode((Int64, String, String, Int64, Int64?).self) {
            return TokenRecord(id: id, name: name, hash: h, createdAt: at, expiresAt: expires)
        }
        return nil
    }

    public func tokenCount() async throws -> Int {
        let rows = try await client.query("SELECT COUNT(*) FROM tokens", logger: logger)
        for try await n in rows.decode(Int64.self) { return Int(n) }
        return 0
    }

    public func tokens() async throws -> [TokenRecord] {
        let rows = try await client.query("SELECT id, name, hash, created_at, expires_at FROM tokens ORDER BY id", logger: logger)
        var out: [TokenRecord] = []
        for try await (id, name, h, at, expires) in rows.decode((Int64, String, String, Int64, Int64?).self) {
            out.append(TokenRecord(id: id, name: name, hash: h, createdAt: at, expiresAt: expires))
        }
        return out
    }

    public func deleteToken(id: Int64) async throws -> Bool {
        let rows = try await client.query("DELETE FROM tokens WHERE id = \(id) RETURNING id", logger: logger)
        var n = 0
        for try await _ in rows { n += 1 }
        return n > 0
    }

    public func deleteTokens(named name: String) async throws -> Int {
        let rows = try await client.query("DELETE FROM tokens WHERE name = \(name) RETURNING id", logger: logger)
        var n = 0
        for try await _ in rows { n += 1 }
        return n
    }
}

/// Whichever comes first, the connection or its time limit.
final class ConnectGate: @unchecked Sendable {
    private let lock = NSLock()
    private var state = 0  // 0 waiting, 1 finished, 2 timed out

    /// True if the connection came first.
    func finish() -> Bool { lock.lock(); defer { lock.unlock() }; if state == 0 { state = 1 }; return state == 1 }
    /// True if the time limit came first.
    func timeOut() -> Bool { lock.lock(); defer { lock.unlock() }; if state == 0 { state = 2 }; return state == 2 }
    var timedOut: Bool { lock.lock(); defer { lock.unlock() }; return state == 2 }
}

/// `postgres://user:password@host:port/database?sslmode=disable|require`.
public enum PostgresURL {
    public static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let c = URLComponents(string: url), c.scheme == "postgres" || c.scheme == "postgresql" else {
            throw StoreError("--db takes `postgres://user:password@host:port/database` (got \(redacted(url)))")
        }
        guard let host = c.host, !host.isEmpty else { throw StoreError("the PostgreSQL URL names no host: \(redacted(url))") }
        guard let user = c.user, !user.isEmpty else { throw StoreError("the PostgreSQL URL names no user: \(redacted(url))") }
        let database = String(c.path.drop(while: { $0 == "/" }))
        let mode = c.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-full", "verify-ca": tls = .require(.makeClientConfiguration())
        default: throw StoreError("sslmode must be disable, prefer or require (got `\(mode)`)")
        }
        return PostgresClient.Configuration(host: host, port: c.port ?? 5432, username: user, password: c.password,
                                            database: database.isEmpty ? nil : database, tls: tls)
    }

    /// The URL without its password, for messages and logs.
    public static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return "(unparseable URL)" }
        if c.password != nil { c.password = "***" }
        return c.string ?? "(unparseable URL)"
    }
}
