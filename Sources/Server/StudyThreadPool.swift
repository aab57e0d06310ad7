import Foundation

/// Threads of their own for the simulation. `StudyRunner` keeps its worker
/// tasks busy for whole chunks of runs without suspending; on Swift's shared
/// cooperative pool (one thread per core) that would starve every request
/// handler while a study runs, including the one that cancels it. Running the
/// study with this executor as its task executor preference (inherited by the
/// runner's child tasks) leaves the shared pool to the HTTP side; the OS shares
/// the cores between the two.
final class StudyThreadPool: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    init(threads: Int, name: String = "guarantor-study") {
        for i in 0..<max(1, threads) {
            let thread = Thread { [self] in self.work() }
            thread.name = "\(name)-\(i)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once the queue is empty (the server is stopping).
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping { condition.unlock(); return }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
