import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Memory for a block: `room` bytes kept free at the front, then the fresh bytes up to `end`.
/// A class, so that `BlockReader.readAhead` can fill it from another thread.
final class BlockBuffer: @unchecked Sendable {
    var memory = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 64)
    var capacity = 1
    var end = 0
    /// Set by `fill`, cleared when `BlockReader.next` hands its bytes out.
    var isFilled = false
    var streamEnded = false
    var error: (any Error)?
    /// Where the first NUL byte of the fresh bytes is, if any (memchr, at memory speed, here
    /// on the thread that reads ahead).
    var nulOffset: Int?
    /// How many times `fill` was called (`BlockReader` grows its blocks with it).
    private(set) var fills = 0

    deinit { memory.deallocate() }

    /// Reads up to `count` fresh bytes after `room` free ones, straight from the source into
    /// this memory (no copy through a chunk).
    func fill(from source: (any ByteSource)?, room: Int, count: Int, refusesNUL: Bool) {
        isFilled = true
        fills += 1
        error = nil
        nulOffset = nil
        end = room
        if capacity < room + count {
            memory.deallocate()
            capacity = room + count
            memory = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        }
        guard let source, !streamEnded else { return }
        do {
            while end < room + count {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(start: memory + end, count: room + count - end))
                if n == 0 {
                    streamEnded = true
                    break
                }
                end += n
            }
        } catch {
            self.error = error
            return
        }
        if refusesNUL, end > room, let hit = memchr(memory + room, 0, end - room) {
            nulOffset = UnsafeRawPointer(hit) - UnsafeRawPointer(memory)
        }
    }

    /// Moves the fresh bytes `extra` further on, for a carried record longer than the room.
    func makeRoom(_ extra: Int) {
        let room = BlockReader.room
        let needed = extra + (end - room)
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: max(needed, capacity), alignment: 64)
        bigger.advanced(by: extra).copyMemory(from: memory + room, byteCount: end - room)
        if let nul = nulOffset { nulOffset = nul - room + extra }
        memory.deallocate()
        memory = bigger
        capacity = max(needed, capacity)
        end = needed
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        (memory + offset).copyMemory(from: base, byteCount: bytes.count)
    }
}
