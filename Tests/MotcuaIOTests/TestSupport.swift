import Foundation
@testable import MotcuaIO

/// A fresh temporary folder per test (after GRDB's fresh database path per test).
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "motcua-io-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func fixture(_ name: String) -> String {
    // swift-format-ignore: NeverForceUnwrap
    Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Fixtures")!
}

extension CSVReader {
    /// Every remaining record as strings, with its start line.
    func allRecords() throws -> [(line: Int, fields: [String])] {
        var out: [(Int, [String])] = []
        while try next() {
            out.append((recordLine, (0..<fieldCount).map { String(decoding: field($0), as: UTF8.self) }))
        }
        return out
    }
}
