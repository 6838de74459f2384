internal import CCrypto
import Foundation
import MotcuaCore

/// SHA-256 through OpenSSL's libcrypto (Debian `libssl-dev`): the lineage of every input and
/// snapshot file is recorded by its digest (CONTRACT.md sections 3.1 and 3.2).
///
/// Owns its `EVP_MD_CTX` and frees it (STYLE.md habit 4).
final class SHA256 {
    private let context: OpaquePointer

    init() {
        // swift-format-ignore: NeverForceUnwrap
        context = EVP_MD_CTX_new()!
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lower-case hex digits.
    func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Self.hex(digest)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of a whole file, read in 1 MiB blocks.
    /// - Parameter isCancelled: polled between megabytes; once true the hash stops and
    ///   `WorkCancelled` is thrown (a run that failed does not wait for a whole file's hash).
    static func hexDigest(ofFileAt path: String, isCancelled: () -> Bool = { false }) throws -> String {
        let file = try ReadableFile(path: path)
        let hash = SHA256()
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        while true {
            if isCancelled() { throw WorkCancelled() }
            let n = try file.read(into: block)
            if n == 0 { break }
            hash.update(UnsafeRawBufferPointer(rebasing: block[0..<n]))
        }
        return hash.finalizeHex()
    }

    static func hexDigest(of bytes: [UInt8]) -> String {
        let hash = SHA256()
        hash.update(bytes)
        return hash.finalizeHex()
    }
}
