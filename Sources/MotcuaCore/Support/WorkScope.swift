import Dispatch
import Foundation

/// The one way motcua runs work on other threads: every job belongs to a scope that joins it on
/// every way out, success or error, before the scope returns (structured concurrency, SE-0304).
///
/// Why: a run that stopped on a data error used to exit while an export's SHA-256 was still
/// running on a detached thread; OpenSSL's exit handlers freed what that thread used and the
/// process died with signal 11 after printing the right error (issue 12). Nothing started here
/// outlives `WorkScope.run`, so nothing runs while the process exits.
///
/// Two shapes of work, one mechanism:
/// - `start`: a job that runs beside this thread (a file's hash while it is ingested, the
///   latest snapshot's check while the store is read); `Job.wait()` takes its value.
/// - `WorkScope.parallel(count:)`: the same task over `count` slices on every core
///   (`DispatchQueue.concurrentPerform`, which returns only when every slice has).
public final class WorkScope: @unchecked Sendable {
    private let lock = NSLock()
    private var joins: [() -> Void] = []
    private var cancelled = false

    private init() {}

    /// Runs `body` with a fresh scope; every job it started is cancelled (when `body` threw)
    /// and joined before this returns or rethrows.
    public static func run<Result>(_ body: (WorkScope) throws -> Result) rethrows -> Result {
        let scope = WorkScope()
        do {
            let result = try body(scope)
            scope.joinAll()
            return result
        } catch {
            scope.cancel()
            scope.joinAll()
            throw error
        }
    }

    /// Starts `work` on a thread of its own. `work` may poll its argument (true once the scope is
    /// cancelled) to stop early; its result is then thrown away.
    public func start<Value: Sendable>(
        _ work: @escaping @Sendable (_ isCancelled: @escaping @Sendable () -> Bool) throws -> Value
    )
        -> Job<Value>
    {
        let job = Job<Value>()
        lock.withLock { joins.append(job.join) }
        let isCancelled: @Sendable () -> Bool = { [self] in lock.withLock { cancelled } }
        Thread.detachNewThread {
            job.finish(Result { try work(isCancelled) })
        }
        return job
    }

    /// Asks jobs that poll for it to stop early.
    public func cancel() { lock.withLock { cancelled = true } }

    private func joinAll() {
        let pending = lock.withLock { () -> [() -> Void] in
            defer { joins = [] }
            return joins
        }
        for join in pending { join() }
    }

    /// Runs `task(k)` for k in 0..<count on every core and returns the values in order; the
    /// first error is thrown once every slice has returned (slices not yet begun are skipped).
    public static func parallel<Value>(count: Int, _ task: (_ k: Int, _ failed: () -> Bool) throws -> Value) throws
        -> [Value]
    {
        let results = ParallelResults<Value>(count: count)
        withoutActuallyEscaping(task) { task in
            let shared = UncheckedTask(task: task)
            DispatchQueue.concurrentPerform(iterations: count) { k in
                guard !results.failed else { return }
                results.set(k) { try shared.task(k) { results.failed } }
            }
        }
        return try results.values()
    }

    /// Runs `first` and `second` at once (one after the other when `together` is false): two
    /// scans of different types that each read everything.
    public static func both<First, Second>(
        together: Bool = true, _ first: () throws -> First, _ second: () throws -> Second
    ) throws -> (First, Second) {
        guard together else { return (try first(), try second()) }
        let slots = try parallel(count: 2) { k, _ -> (First?, Second?) in
            k == 0 ? (try first(), nil) : (nil, try second())
        }
        guard let a = slots[0].0, let b = slots[1].1 else { throw ParallelResultsError.notSet }
        return (a, b)
    }

    /// `parallel` for work that cannot fail.
    public static func parallel<Value>(count: Int, _ task: (_ k: Int) -> Value) -> [Value] {
        // swift-format-ignore: NeverUseForceTry
        try! parallel(count: count) { k, _ in task(k) }
    }
}

/// A job started by `WorkScope.start`: its value, once it has finished.
public final class Job<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    fileprivate init() {}

    fileprivate func finish(_ result: Result<Value, any Error>) {
        self.result = result
        done.signal()
    }

    fileprivate func join() {
        done.wait()
        done.signal()
    }

    /// Blocks until the job has finished; its value or its error.
    public func wait() throws -> Value {
        join()
        guard let result else { throw ParallelResultsError.notSet }
        return try result.get()
    }
}

/// Lets `concurrentPerform`'s closure, which Swift 6 requires to be `Sendable`, call a task that
/// only reads shared state; each slice writes its own slot of `ParallelResults`.
private struct UncheckedTask<Value>: @unchecked Sendable {
    let task: (_ k: Int, _ failed: () -> Bool) throws -> Value
}

/// Thrown by a job that stopped early because its scope was cancelled (the run had already
/// failed for another reason, which is the one reported).
public struct WorkCancelled: Error, Sendable {
    public init() {}
}
