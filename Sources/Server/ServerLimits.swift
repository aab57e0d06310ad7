/// Every limit the server enforces, each answered with a 4xx and a JSON error.
/// Defaults have rows in docs/ledger/server.md.
public struct ServerLimits: Sendable, Hashable {
    /// Largest request body accepted (413 above it).
    public var maxBodyBytes: Int = 1 << 20
    /// Most Monte Carlo runs one study may ask for (422 above it).
    public var maxRunsPerStudy: Int64 = 2_000_000
    /// Most runs per sensitivity variant (422 above it).
    public var maxSensitivityRuns: Int64 = 100_000
    /// Studies running at once (429 when a new one would exceed it).
    public var maxConcurrentStudies: Int = 2
    /// Longest a request may take, in seconds (408 past it). Studies run in the
    /// background and are not bound by it; compare runs inside the request and is.
    public var requestTimeoutSeconds: Double = 60
    /// The largest `--request-timeout` accepted: one day.
    public static let maxRequestTimeoutSeconds: Double = 86_400
    /// After a 408 that came before the request's token was looked up, how long, in
    /// seconds, the token is looked up again for the error response (docs/ledger/server.md).
    public var lateLookupSeconds: Double = 1
    /// A connection that reads and writes nothing for this long, in seconds,
    /// is closed: an idle keep-alive connection, or one whose request headers
    /// have not all arrived (slowloris). A request being answered is not cut.
    public var idleTimeoutSeconds: Double = 30
    /// Most runs per scenario in a compare, which runs inside the request (422 above it).
    public var maxCompareRuns: Int64 = 50_000
    /// Most scenarios in one compare (422 above it).
    public var maxCompareScenarios: Int = 8
    /// Most scenario versions one token holder may save, all scenarios
    /// together (409 `too_many_versions` for a new one past it).
    public var maxVersionsPerHolder: Int = 1_000
    /// Worker threads per study (default: every core).
    public var studyThreads: Int

    public init(studyThreads: Int) { self.studyThreads = max(1, studyThreads) }

    /// Why `seconds` cannot be the request timeout, or nil if it can: it must be
    /// a finite number of seconds above 0 and at most `maxRequestTimeoutSeconds`.
    public static func requestTimeoutProblem(_ seconds: Double) -> String? {
        secondsProblem("--request-timeout", seconds)
    }

    /// The same rule for `--idle-timeout`.
    public static func idleTimeoutProblem(_ seconds: Double) -> String? {
        secondsProblem("--idle-timeout", seconds)
    }

    static func secondsProblem(_ flag: String, _ seconds: Double) -> String? {
        guard seconds.isFinite, seconds > 0, seconds <= maxRequestTimeoutSeconds else {
            return "\(flag) must be more than 0 and at most \(Int(maxRequestTimeoutSeconds)) seconds (one day), not \(seconds)"
        }
        return nil
    }
}

/// How the server is set up (everything but the store).
public struct ServerSettings: Sendable {
    /// When true, reading (scenarios, studies, pages) also needs a token.
    public var privateRead: Bool = false
    public var limits: ServerLimits

    public init(privateRead: Bool = false, limits: ServerLimits) {
        self.privateRead = privateRead
        self.limits = limits
    }
}
