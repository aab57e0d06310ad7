import Foundation

/// One saved version of a scenario. Versions are never overwritten: saving
/// new text adds a version; saving the same text again returns the existing one.
public struct ScenarioVersion: Codable, Hashable, Sendable {
    /// The scenario's name in the library (a slug, e.g. `nato-article5`).
    public var name: String
    /// SHA-256 of the text, lower-case hex: the version's address.
    public var hash: String
    /// The scenario's own title (its `name:` field), for listings.
    public var title: String
    public var text: String
    /// Milliseconds since 1970 (UTC).
    public var createdAt: Int64
    /// Name of the token that saved it (`bundled` for the scenarios shipped with the server).
    public var createdBy: String

    public init(name: String, hash: String, title: String, text: String, createdAt: Int64, createdBy: String) {
        self.name = name; self.hash = hash; self.title = title; self.text = text
        self.createdAt = createdAt; self.createdBy = createdBy
    }
}

/// A scenario in the library: its latest version and how many there are.
public struct ScenarioEntry: Codable, Hashable, Sendable {
    public var name: String
    public var title: String
    public var latestHash: String
    public var versions: Int
    public var updatedAt: Int64
    public init(name: String, title: String, latestHash: String, versions: Int, updatedAt: Int64) {
        self.name = name; self.title = title; self.latestHash = latestHash; self.versions = versions; self.updatedAt = updatedAt
    }
}

/// Where a study is in its life. `queued` and `running` are the only states a
/// restart can interrupt; `StudyStore.recoverInterrupted` ends both as `failed`.
public enum StudyStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case queued, running, succeeded, failed, cancelled
    public var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
}

/// What is asked for when a study is started.
public struct NewStudy: Hashable, Sendable {
    public var scenarioName: String
    public var scenarioHash: String
    public var seed: UInt64
    public var runs: Int64
    public var sensitivityRuns: Int64
    public var createdBy: String
    public init(scenarioName: String, scenarioHash: String, seed: UInt64, runs: Int64, sensitivityRuns: Int64, createdBy: String) {
        self.scenarioName = scenarioName; self.scenarioHash = scenarioHash; self.seed = seed; self.runs = runs
        self.sensitivityRuns = sensitivityRuns; self.createdBy = createdBy
    }
}

/// A study as stored: what was asked, where it is, and (once it succeeded) its result.
public struct StudyRecord: Codable, Hashable, Sendable {
    public var id: String
    public var scenarioName: String
    public var scenarioHash: String
    public var seed: UInt64
    public var runs: Int64
    public var sensitivityRuns: Int64
    public var status: StudyStatus
    /// 0...1 over the whole job (the simulation, then the sensitivity variants if any).
    public var progress: Double
    public var createdAt: Int64
    public var startedAt: Int64?
    public var finishedAt: Int64?
    public var createdBy: String
    /// Why it failed or was cancelled.
    public var message: String?
    /// The study result as rendered by `JSONReport` (present only when `succeeded`).
    public var resultJSON: String?

    public init(id: String, scenarioName: String, scenarioHash: String, seed: UInt64, runs: Int64, sensitivityRuns: Int64,
                status: StudyStatus, progress: Double, createdAt: Int64, startedAt: Int64?, finishedAt: Int64?,
                createdBy: String, message: String?, resultJSON: String?) {
        self.id = id; self.scenarioName = scenarioName; self.scenarioHash = scenarioHash; self.seed = seed; self.runs = runs
        self.sensitivityRuns = sensitivityRuns; self.status = status; self.progress = progress; self.createdAt = createdAt
        self.startedAt = startedAt; self.finishedAt = finishedAt; self.createdBy = createdBy; self.message = message
        self.resultJSON = resultJSON
    }

    /// Seconds from start to finish, when both are known.
    public var seconds: Double? {
        guard let s = startedAt, let f = finishedAt else { return nil }
        return Double(f - s) / 1000
    }
}

/// An API token. Only the SHA-256 of the secret is stored.
public struct TokenRecord: Codable, Hashable, Sendable {
    public var id: Int64
    /// Who holds it (recorded as the author of what it saves and runs).
    public var name: String
    public var hash: String
    public var createdAt: Int64
    /// When it stops working, in milliseconds since 1970 (UTC); nil for never
    /// (tokens made before expiry existed, or with `--expires-days 0`).
    public var expiresAt: Int64?
    public init(id: Int64, name: String, hash: String, createdAt: Int64, expiresAt: Int64? = nil) {
        self.id = id; self.name = name; self.hash = hash; self.createdAt = createdAt; self.expiresAt = expiresAt
    }

    /// True once `now` (milliseconds since 1970) has reached the expiry.
    public func isExpired(at now: Int64 = StoreClock.now()) -> Bool {
        guard let expiresAt else { return false }
        return now >= expiresAt
    }
}

/// A new scenario version refused because its author has saved the most allowed.
public struct VersionQuotaExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    public var author: String
    /// Versions the author has saved (at least `limit`).
    public var count: Int
    public var limit: Int
    public init(author: String, count: Int, limit: Int) { self.author = author; self.count = count; self.limit = limit }
    public var description: String { "`\(author)` has saved \(count) scenario versions; the limit is \(limit)" }
}

/// A store failure a person can act on.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
