import Foundation

/// A tiny lock wrapper (Foundation's NSLock) kept in one place.
public final class NSLockLike: @unchecked Sendable {
    public init() {}
    private let lock = NSLock()
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body()
    }
}

/// Counts across tasks: work done, for progress reports, or chunks taken.
public final class ProgressCounter: @unchecked Sendable {
    private var done: Int64 = 0
    private let lock = NSLockLike()
    public init() {}
    public func add(_ n: Int64) -> Int64 { lock.withLock { done += n; return done } }
}
