import Foundation
import GuarantorModel

/// Persistence for the server: scenarios (every version kept), studies, tokens.
/// SQLite (`SQLiteStore`) and PostgreSQL (`PostgresStore`) implement it and
/// pass the same test suite. Every statement binds its values as parameters.
public protocol GuarantorStore: Sendable {
    // Scenarios
    /// Saves `text` as a version of scenario `name`, atomically. Saving text that
    /// is already a version of `name` returns that version unchanged. With
    /// `maxVersionsByAuthor`, a new version is refused with `VersionQuotaExceeded`
    /// when `author` has already saved that many (of any scenario); the count
    /// and the insert are one transaction, so concurrent saves cannot pass it.
    func saveScenario(name: String, title: String, text: String, by author: String,
                      maxVersionsByAuthor: Int?) async throws -> ScenarioVersion
    func scenarios() async throws -> [ScenarioEntry]
    /// Every version of `name`, newest first (empty if there is no such scenario).
    func versions(of name: String) async throws -> [ScenarioVersion]
    func version(name: String, hash: String) async throws -> ScenarioVersion?
    func latest(name: String) async throws -> ScenarioVersion?

    // Studies
    func createStudy(_ study: NewStudy) async throws -> StudyRecord
    func study(id: String) async throws -> StudyRecord?
    /// Most recent first.
    func studies(limit: Int) async throws -> [StudyRecord]
    func markRunning(id: String) async throws
    func updateProgress(id: String, progress: Double) async throws
    /// Stores the result and the `succeeded` status in one statement, so a study
    /// is never seen finished without its result.
    func finishStudy(id: String, resultJSON: String) async throws
    /// Ends a study that has not finished as `failed` or `cancelled`.
    func endStudy(id: String, status: StudyStatus, message: String) async throws
    /// At startup: every study left `queued` or `running` by a process that
    /// died is marked `failed`. Returns how many.
    func recoverInterrupted(message: String) async throws -> Int

    // Tokens
    /// `expiresAt`: milliseconds since 1970 (UTC) when the token stops working, nil for never.
    func createToken(name: String, hash: String, expiresAt: Int64?) async throws -> TokenRecord
    func token(hash: String) async throws -> TokenRecord?
    func tokenCount() async throws -> Int
    /// Every token, oldest first (names and ids; the secrets were never stored).
    func tokens() async throws -> [TokenRecord]
    /// Revokes (deletes) the token with this id. False if there is none.
    func deleteToken(id: Int64) async throws -> Bool
    /// Revokes every token held by `name`. Returns how many there were.
    func deleteTokens(named name: String) async throws -> Int
}

extension GuarantorStore {
    /// Saves without a quota (the bundled scenarios, tests).
    public func saveScenario(name: String, title: String, text: String, by author: String) async throws -> ScenarioVersion {
        try await saveScenario(name: name, title: title, text: text, by: author, maxVersionsByAuthor: nil)
    }

    /// A token that never expires.
    public func createToken(name: String, hash: String) async throws -> TokenRecord {
        try await createToken(name: name, hash: hash, expiresAt: nil)
    }
}

enum StoreText {
    /// Text the databases keep exactly: no NUL (SQLite would cut it there, PostgreSQL refuses it).
    static func check(_ values: String...) throws {
        for v in values where v.utf8.contains(0) {
            throw StoreError("text with a NUL character cannot be stored")
        }
    }
}

public enum StoreClock {
    /// Milliseconds since 1970 (UTC).
    public static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

public enum ContentHash {
    /// The address of a scenario version: SHA-256 of its UTF-8 text.
    public static func of(_ text: String) -> String { SHA256.hex(Array(text.utf8)) }
}

public enum StudyID {
    /// 16 random hex digits: unguessable enough for a shared server's URLs, short enough to read.
    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        let v = g.next() as UInt64
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// Names of scenarios in the library: what may appear in a URL and a file name.
public enum ScenarioName {
    public static let maxLength = 100
    /// nil when valid, else why not.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "a scenario name cannot be empty" }
        if name.count > maxLength { return "a scenario name has at most \(maxLength) characters" }
        let ok = name.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-" || c == "_"
        }
        if name == "new" { return "`new` is reserved for the page that creates a scenario; choose another name" }
        if !ok || name.hasPrefix("-") || name.hasPrefix("_") {
            return "a scenario name uses lower-case letters, digits, `-` and `_` (e.g. `nato-article5`), starting with a letter or digit"
        }
        return nil
    }
}
