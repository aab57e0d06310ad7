import Foundation
import GuarantorModel
import Reports
import Store

/// Runs studies in the background, at most `limit` at once, writing their
/// progress and result to the store. A study ends `succeeded` (result stored
/// with the status in one statement), `failed` or `cancelled`, never half-written.
actor StudyJobs {
    let store: any GuarantorStore
    let limit: Int
    let threads: Int
    let pool: StudyThreadPool
    var tasks: [String: Task<Void, Never>] = [:]
    /// Slots taken by a start that is still writing its record.
    var reserved = 0
    /// Slots taken by compares, which run inside their requests.
    var compares = 0

    init(store: any GuarantorStore, limit: Int, threads: Int, pool: StudyThreadPool) {
        self.store = store; self.limit = limit; self.threads = threads; self.pool = pool
    }

    var active: Int { tasks.count + reserved + compares }

    /// 429: every slot is taken.
    var full: APIError {
        let what = compares == 0 ? Self.running(active) : "\(Self.running(active - compares)) and \(compares) compare\(compares == 1 ? "" : "s")"
        return APIError(.tooManyRequests, "too_many_studies",
                        "\(what), the most this server runs at once (--max-concurrent-studies \(limit), shared by studies and compares); wait for one to finish or cancel a study")
    }

    /// Records the study and starts it; 429 when `limit` studies or compares are already running.
    func start(_ new: NewStudy, scenario: Scenario) async throws -> StudyRecord {
        guard active < limit else { throw full }
        reserved += 1
        defer { reserved -= 1 }
        let record = try await store.createStudy(new)
        let store = self.store
        let threads = self.threads
        let pool = self.pool
        let id = record.id
        tasks[id] = Task {
            await Self.execute(id: id, new: new, scenario: scenario, threads: threads, store: store, pool: pool)
            self.finished(id)
        }
        return record
    }

    func finished(_ id: String) { tasks[id] = nil }

    /// Takes a slot for a compare (429 when none is free); `endCompare` gives it back.
    func beginCompare() throws {
        guard active < limit else { throw full }
        compares += 1
    }

    func endCompare() { compares = max(0, compares - 1) }

    /// "1 study is running", "2 studies are running".
    static func running(_ n: Int) -> String { n == 1 ? "1 study is running" : "\(n) studies are running" }

    /// Asks a running study to stop; it does at the end of the chunk of runs
    /// it is in, and keeps its slot until then. False if it is not running here.
    func cancel(_ id: String) -> Bool {
        guard let task = tasks[id] else { return false }
        task.cancel()
        return true
    }

    /// Waits for a study started here to end (tests, shutdown).
    func wait(_ id: String) async {
        if let task = tasks[id] { await task.value }
    }

    /// Cancels every running study (shutdown): each is stored as `cancelled`
    /// first, by this task (which is not cancelled, so the store accepts the
    /// write), then its job is stopped and awaited.
    func cancelAll() async {
        let running = tasks
        for id in running.keys.sorted() {
            try? await store.endStudy(id: id, status: .cancelled, message: Self.shutdownMessage)
        }
        for (_, task) in running { task.cancel() }
        for (_, task) in running { await task.value }
    }

    static let shutdownMessage = "cancelled: the server was stopped (SIGTERM or SIGINT) while this study ran; start it again"

    /// Ends a study in the store from a task that is not cancelled: the
    /// stores refuse to start a query in a cancelled task (GRDB and
    /// postgres-nio throw CancellationError), so writing the end from the
    /// job's own cancelled task would silently do nothing.
    static func end(_ id: String, _ status: StudyStatus, _ message: String, store: any GuarantorStore) async {
        await Task { try? await store.endStudy(id: id, status: status, message: message) }.value
    }

    static func execute(id: String, new: NewStudy, scenario: Scenario, threads: Int, store: any GuarantorStore,
                        pool: StudyThreadPool) async {
        let latest = ProgressBox()
        do {
            try await store.markRunning(id: id)
            // Progress is reported from the worker threads; a writer copies the
            // latest value to the store a few times a second rather than on every chunk.
            let writer = Task {
                var written = -1.0
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    let p = latest.value
                    if p != written { try? await store.updateProgress(id: id, progress: p); written = p }
                }
            }
            defer { writer.cancel() }
            let result = try await withTaskExecutorPreference(pool) {
                try await StudyExecution.run(scenario: scenario, runs: new.runs, seed: new.seed, threads: threads,
                                             sensitivityRuns: new.sensitivityRuns, progress: { latest.value = $0 })
            }
            try Task.checkCancellation()
            writer.cancel()
            try await store.finishStudy(id: id, resultJSON: JSONReport.render(result))
        } catch is CancellationError {
            await end(id, .cancelled, "cancelled before it finished", store: store)
        } catch {
            await end(id, .failed, "the study failed: \(error)", store: store)
        }
    }
}

/// The latest progress, written by worker threads and read by the writer task.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var v = 0.0
    var value: Double {
        get { lock.lock(); defer { lock.unlock() }; return v }
        set { lock.lock(); v = max(v, newValue); lock.unlock() }
    }
}
