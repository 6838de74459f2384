import Foundation

/// A gate that threads wait at until it is opened, once for good; opening it again is harmless.
///
/// Why: the summary database's build heads the run's longest chain of steps (the database, then
/// the store, which keeps its fingerprint, then the snapshot's last file). While it ran beside
/// both of the snapshot's part threads it had a third of the CPU, and the store was written
/// last with a core idle. The second part thread now waits here until the database is built
/// (docs/performance.md, issue 16). Whoever holds a gate must open it on every way out,
/// failures included, or its waiters never return.
public final class WorkGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var opened = false

    public init() {}

    /// Lets every waiter, present and future, through.
    public func open() {
        condition.withLock {
            opened = true
            condition.broadcast()
        }
    }

    /// Returns once the gate is open.
    public func wait() {
        condition.withLock {
            while !opened { condition.wait() }
        }
    }

    /// Whether it was opened (a moment ago: it may open right after).
    public var isOpen: Bool { condition.withLock { opened } }
}
