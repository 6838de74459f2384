import CSQLite
import Foundation

/// Runs the built `motcua` binary, as a cron job would, and captures what it prints
/// (after argument-parser's MathExampleTests).
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static var binary: String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The test bundle may sit inside an .xctest folder.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("motcua").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/motcua").path
    }

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A copy of a fixture folder in a fresh temporary folder.
struct FixtureCopy {
    let root: String

    init(_ name: String) throws {
        root = NSTemporaryDirectory() + "motcua-cli-test-" + UUID().uuidString
        // swift-format-ignore: NeverForceUnwrap
        let source = Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Fixtures")!
        try FileManager.default.copyItem(atPath: source, toPath: root)
    }

    func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A read-only view of a SQLite file for checking what a run published, independent of the
/// code under test.
final class SQLiteReader {
    private var db: OpaquePointer?

    init(_ path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw NSError(domain: "sqlite", code: 1)
        }
    }

    deinit { sqlite3_close(db) }

    /// Every row, each value as text ("NULL" for NULL).
    func rows(_ sql: String) -> [[String]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
            return [["error: " + String(cString: sqlite3_errmsg(db))]]
        }
        defer { sqlite3_finalize(statement) }
        var result: [[String]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            var row: [String] = []
            for c in 0..<sqlite3_column_count(statement) {
                if sqlite3_column_type(statement, c) == SQLITE_NULL {
                    row.append("NULL")
                } else {
                    row.append(String(cString: sqlite3_column_text(statement, c)))
                }
            }
            result.append(row)
        }
        return result
    }

    func value(_ sql: String) -> String { rows(sql).first?.first ?? "none" }
}

/// Another process holding a store's lock, as a run still going would: flock(1) keeps it while
/// `sleep` runs.
final class LockHolder {
    private let process = Process()

    init(lockFile: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = [lockFile, "sleep", "5"]
        try process.run()
        Thread.sleep(forTimeInterval: 0.3)
    }

    deinit { process.terminate() }
}
