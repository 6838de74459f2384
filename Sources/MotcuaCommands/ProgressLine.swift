import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress display with rate and ETA, drawn on standard error only when it is a
/// terminal: cron's logs stay clean, a person at a console sees the run move.
final class ProgressLine {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// - Parameters: bytes done and the total (0 when unknown), rows done so far.
    func update(stage: String, bytes: Int, totalBytes: Int, rows: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        var text = String(format: "\r%@ %.1fM rows, %.0fk rows/s, %.0f MB/s", stage, Double(rows) / 1e6, Double(rows) / elapsed / 1e3, Double(bytes) / elapsed / 1e6)
        if totalBytes > 0 && bytes > 0 {
            let fraction = min(Double(bytes) / Double(totalBytes), 1)
            let eta = elapsed / fraction - elapsed
            text += String(format: ", %3.0f%%, ETA %.0f s", fraction * 100, eta)
        }
        FileHandle.standardError.write(Data((text + "   ").utf8))
        drawn = true
    }

    /// Clears the line before normal output continues.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
