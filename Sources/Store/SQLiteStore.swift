import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode, through GRDB.
/// A `DatabasePool` gives concurrent readers and one writer; each method is a
/// single transaction, so a crash leaves either the old or the new state.
public final class SQLiteStore: GuarantorStore {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and applies the migrations.
    public convenience init(path: String) throws {
        try self.init(path: path, migratingUpTo: nil)
    }

    /// Applies the migrations up to `last` only (nil: all). Tests make an
    /// older database with it, to check that migrating keeps its data.
    init(path: String, migratingUpTo last: String?) throws {
        var config = Configuration()
        // A writer waits this long for another writer instead of failing at once.
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError("cannot open the SQLite database `\(path)`: \(error)")
        }
        self.path = path
        if let last { try Self.migrator.migrate(pool, upTo: last) } else { try Self.migrator.migrate(pool) }
    }

    /// The journal mode actually in force (`wal` for a pool).
    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE scenario_versions (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    title TEXT NOT NULL,
                    text TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    UNIQUE (name, hash)
                );
                CREATE INDEX scenario_versions_name ON scenario_versions (name, seq);
                CREATE TABLE studies (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    scenario_name TEXT NOT NULL,
                    scenario_hash TEXT NOT NULL,
                    seed TEXT NOT NULL,
                    runs INTEGER NOT NULL,
                    sensitivity_runs INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    progress REAL NOT NULL,
                    created_at INTEGER NOT NULL,
                    started_at INTEGER,
                    finished_at INTEGER,
                    created_by TEXT NOT NULL,
                    message TEXT,
                    result_json TEXT
                );
                CREATE INDEX studies_status ON studies (status);
                CREATE TABLE tokens (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL
                );
                """)
        }
        // Tokens expire; those made before keep no expiry (NULL).
        m.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE tokens ADD COLUMN expires_at INTEGER")
        }
        // The version quota counts an author's versions on every new save.
        m.registerMigration("v3") { db in
            try db.execute(sql: "CREATE INDEX scenario_versions_author ON scenario_versions (created_by)")
        }
        return m
    }

    // MARK: scenarios

    public func saveScenario(name: String, title: String, text: String, by author: String,
                             maxVersionsByAuthor: Int?) async throws -> ScenarioVersion {
        try StoreText.check(name, title, text, author)
        let hash = ContentHash.of(text)
        let now = StoreClock.now()
        // One write transaction (GRDB's pool has one writer at a time): the count and the insert cannot interleave with another save.
        return try await pool.write { db in
            if let limit = maxVersionsByAuthor,
               try Row.fetchOne(db, sql: "SELECT 1 FROM scenario_versions WHERE name = ? AND hash = ?", arguments: [name, hash]) == nil {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scenario_versions WHERE created_by = ?", arguments: [author]) ?? 0
                if count >= limit { throw VersionQuotaExceeded(author: author, count: count, limit: limit) }
            }
            try db.execute(sql: """
                INSERT INTO scenario_versions (name, hash, title, text, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, hash) DO NOTHING
                """, arguments: [name, hash, title, text, now, author])
            guard let row = try Row.fetchOne(db, sql: Self.versionSelect + " WHERE name = ? AND hash = ?", arguments: [name, hash]) else {
                throw StoreError("the scenario version just saved cannot be read back")
            }
            return Self.version(row)
        }
    }

    static let versionSelect = "SELECT name, hash, title, text, created_at, created_by FROM scenario_versions"

    static func version(_ row: Row) -> ScenarioVersion {
        ScenarioVersion(name: row["name"], hash: row["hash"], title: row["title"], text: row["text"],
                        createdAt: row["created_at"], createdBy: row["created_by"])
    }

    public func scenarios() async throws -> [ScenarioEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.name, v.title, v.hash, v.created_at, c.n
                FROM scenario_versions v
                JOIN (SELECT name, MAX(seq) AS last, COUNT(*) AS n FROM scenario_versions GROUP BY name) c
                  ON v.name = c.name AND v.seq = c.last
                ORDER BY v.name
                """).map { r in
                ScenarioEntry(name: r["name"], title: r["title"], latestHash: r["hash"], versions: r["n"], updatedAt: r["created_at"])
            }
        }
    }

    public func versions(of name: String) async throws -> [ScenarioVersion] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.versionSelect + " WHERE name = ? ORDER BY seq DESC", arguments: [name]).map(Self.version)
        }
    }

    public func version(name: String, hash: String) async throws -> ScenarioVersion? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: Self.versionSelect + " WHERE name = ? AND hash = ?", arguments: [name, hash]).map(Self.version)
        }
    }

    public func latest(name: String) async throws -> ScenarioVersion? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: Self.versionSelect + " WHERE name = ? ORDER BY seq DESC LIMIT 1", arguments: [name]).map(Self.version)
        }
    }

    // MARK: studies

    static let studySelect = """
        SELECT id, scenario_name, scenario_hash, seed, runs, sensitivity_runs, status, progress, created_at,
               started_at, finished_at, created_by, message, result_json FROM studies
        """

    static func study(_ r: Row) throws -> StudyRecord {
        let seedText: String = r["seed"]
        let statusText: String = r["status"]
        guard let seed = UInt64(seedText), let status = StudyStatus(rawValue: statusText) else {
            throw StoreError("study \(r["id"] as String? ?? "?") has a corrupt seed or status in the database")
        }
        return StudyRecord(id: r["id"], scenarioName: r["scenario_name"], scenarioHash: r["scenario_hash"], seed: seed,
                           runs: r["runs"], sensitivityRuns: r["sensitivity_runs"], status: status, progress: r["progress"],
                           createdAt: r["created_at"], startedAt: r["started_at"], finishedAt: r["finished_at"],
                           createdBy: r["created_by"], message: r["message"], resultJSON: r["result_json"])
    }

    public func createStudy(_ s: NewStudy) async throws -> StudyRecord {
        let id = StudyID.make()
        let now = StoreClock.now()
        return try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO studies (id, scenario_name, scenario_hash, seed, runs, sensitivity_runs, status, progress,
                                     created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)
                """, arguments: [id, s.scenarioName, s.scenarioHash, String(s.seed), s.runs, s.sensitivityRuns, now, s.createdBy])
            guard let row = try Row.fetchOne(db, sql: Self.studySelect + " WHERE id = ?", arguments: [id]) else {
                throw StoreError("the study just created cannot be read back")
            }
            return try Self.study(row)
        }
    }

    public func study(id: String) async throws -> StudyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: Self.studySelect + " WHERE id = ?", arguments: [id]).map(Self.study)
        }
    }

    public func studies(limit: Int) async throws -> [StudyRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.studySelect + " ORDER BY seq DESC LIMIT ?", arguments: [limit]).map(Self.study)
        }
    }

    public func markRunning(id: String) async throws {
        let now = StoreClock.now()
        try await pool.write { db in
            try db.execute(sql: "UPDATE studies SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'",
                           arguments: [now, id])
        }
    }

    public func updateProgress(id: String, progress: Double) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE studies SET progress = ? WHERE id = ? AND status = 'running'",
                           arguments: [min(1, max(0, progress)), id])
        }
    }

    public func finishStudy(id: String, resultJSON: String) async throws {
        let now = StoreClock.now()
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE studies SET status = 'succeeded', progress = 1, finished_at = ?, result_json = ?
                WHERE id = ? AND status IN ('queued', 'running')
                """, arguments: [now, resultJSON, id])
        }
    }

    public func endStudy(id: String, status: StudyStatus, message: String) async throws {
        let now = StoreClock.now()
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE studies SET status = ?, finished_at = ?, message = ? WHERE id = ? AND status IN ('queued', 'running')
                """, arguments: [status.rawValue, now, message, id])
        }
    }

    public func recoverInterrupted(message: String) async throws -> Int {
        let now = StoreClock.now()
        return try await pool.write { db in
            try db.execute(sql: """
                UPDATE studies SET status = 'failed', finished_at = ?, message = ? WHERE status IN ('queued', 'running')
                """, arguments: [now, message])
            return db.changesCount
        }
    }

    // MARK: tokens

    public func createToken(name: String, hash: String, expiresAt: Int64?) async throws -> TokenRecord {
        let now = StoreClock.now()
        return try await pool.write { db in
            try db.execute(sql: "INSERT INTO tokens (name, hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, hash, now, expiresAt])
            return TokenRecord(id: db.lastInsertedRowID, name: name, hash: hash, createdAt: now, expiresAt: expiresAt)
        }
    }

    static let tokenSelect = "SELECT id, name, hash, created_at, expires_at FROM tokens"

    static func token(_ r: Row) -> TokenRecord {
        TokenRecord(id: r["id"], name: r["name"], hash: r["hash"], createdAt: r["created_at"], expiresAt: r["expires_at"])
    }

    public func token(hash: String) async throws -> TokenRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: Self.tokenSelect + " WHERE hash = ?", arguments: [hash]).map(Self.token)
        }
    }

    public func tokenCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tokens") ?? 0 }
    }

    public func tokens() async throws -> [TokenRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.tokenSelect + " ORDER BY id").map(Self.token)
        }
    }

    public func deleteToken(id: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM tokens WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func deleteTokens(named name: String) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM tokens WHERE name = ?", arguments: [name])
            return db.changesCount
        }
    }
}
