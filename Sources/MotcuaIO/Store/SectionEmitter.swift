import MotcuaCore

/// Emits a store file's bytes, counting them so each section starts where the reader expects.
final class SectionEmitter {
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    private(set) var offset = 0

    init(_ emit: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.emit = emit }

    func raw(_ bytes: UnsafeRawBufferPointer) throws {
        try emit(bytes)
        offset += bytes.count
    }

    /// [length][zero padding to the body's alignment][body][checksum].
    func section(_ bytes: UnsafeRawBufferPointer) throws {
        var length = UInt64(bytes.count).littleEndian
        try withUnsafeBytes(of: &length) { try raw($0) }
        let alignment = DossierStore.bodyAlignment(length: bytes.count)
        let padding = (alignment - offset % alignment) % alignment
        if padding > 0 { try [UInt8](repeating: 0, count: padding).withUnsafeBytes { try raw($0) } }
        try raw(bytes)
        var sum = Checksum64.of(bytes).littleEndian
        try withUnsafeBytes(of: &sum) { try raw($0) }
    }
}
