import Foundation

/// What tasks spread over threads (`DispatchQueue.concurrentPerform`) hand back: one slot per
/// task, each set once, read once they all returned. The first error marks the whole as failed,
/// so tasks still to start can skip their work.
///
/// The slots behind `WorkScope.parallel`, the one mechanism for work on other threads.
final class ParallelResults<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private var firstError: (any Error)?
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Runs `body` and keeps what it returns or throws as task `k`'s result.
    func set(_ k: Int, _ body: () throws -> Value) {
        let result = Result { try body() }
        lock.withLock {
            slots[k] = result
            if case .failure(let error) = result, firstError == nil { firstError = error }
        }
    }

    /// Whether a task has failed (the others may stop early).
    var failed: Bool { lock.withLock { firstError != nil } }

    /// Every task's value in task order; the first error if one failed.
    func values() throws -> [Value] {
        try lock.withLock { () throws -> [Value] in
            if let firstError { throw firstError }
            return try slots.map { slot in
                guard let slot else { throw ParallelResultsError.notSet }
                return try slot.get()
            }
        }
    }

    /// Task `k`'s value, for work that cannot fail; traps if it did not run.
    func take(_ k: Int) -> Value {
        lock.withLock {
            guard case .success(let value) = slots[k] else { preconditionFailure("task \(k) did not return a value") }
            return value
        }
    }
}

/// A task never set its result: a bug in the caller's split of the work.
public enum ParallelResultsError: Error { case notSet }
