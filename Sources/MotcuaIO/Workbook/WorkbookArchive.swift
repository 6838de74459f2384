internal import CZip

/// An `.xlsx` file opened as a zip archive with libzip (Debian `libzip-dev`); owns the `zip_t`.
///
/// libzip rather than ZIPFoundation because it *pulls*: `zip_fread` inflates an entry as far as
/// the caller asks, so a worksheet of hundreds of megabytes flows through a 64 KiB buffer into
/// the XML parser and on into the CSV reader, with no thread and no whole entry in memory.
/// ZIPFoundation's streaming `extract(_:consumer:)` pushes chunks into a closure instead, which
/// would need a thread hand-off to feed the ingest's pull loop. libzip also reads Zip64 (a
/// worksheet over 4 GiB) and checks each entry's CRC at its end. See docs/decisions.md.
final class WorkbookArchive {
    let path: String
    private let archive: OpaquePointer

    /// Opens `path`; a file that is not a zip archive throws `WorkbookError.notZip`.
    init(path: String) throws(WorkbookError) {
        self.path = path
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else {
            let zipMagic = (try? ReadableFile(path: path).peek(count: 4)) == [0x50, 0x4B, 0x03, 0x04]
            if code == ZIP_ER_NOZIP && zipMagic {
                throw .notZip(path: path, detail: "it starts like a zip archive but is cut short or damaged")
            }
            throw .notZip(path: path, detail: Self.message(code: code))
        }
        self.archive = archive
    }

    deinit { zip_discard(archive) }

    /// Whether the archive holds `name` (part names of a package compare without case).
    func contains(_ name: String) -> Bool { zip_name_locate(archive, name, ZIP_FL_NOCASE) >= 0 }

    /// Opens entry `name` for streaming; `nil` when the archive has no such entry.
    func open(_ name: String) throws(WorkbookError) -> WorkbookArchive.Entry? {
        let index = zip_name_locate(archive, name, ZIP_FL_NOCASE)
        guard index >= 0 else { return nil }
        guard let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
            throw .damagedPart(path: path, part: name, detail: String(cString: zip_strerror(archive)))
        }
        return Entry(owner: self, file: file, name: name)
    }

    /// Every entry name (for telling what kind of zip a non-workbook is).
    var entryNames: [String] {
        let n = zip_get_num_entries(archive, 0)
        guard n > 0 else { return [] }
        return (0..<n).compactMap { k in zip_get_name(archive, zip_uint64_t(k), 0).map { String(cString: $0) } }
    }

    static func message(code: Int32) -> String {
        if code == ZIP_ER_NOZIP { return "it is not a zip archive, as every .xlsx is" }
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return String(cString: zip_error_strerror(&error))
    }

    /// One entry being inflated; owns its `zip_file_t`. It keeps the archive alive.
    final class Entry {
        let name: String
        private let owner: WorkbookArchive
        private let file: OpaquePointer

        fileprivate init(owner: WorkbookArchive, file: OpaquePointer, name: String) {
            self.owner = owner
            self.file = file
            self.name = name
        }

        deinit { zip_fclose(file) }

        /// Inflates into the front of `buffer`; 0 at the end of the entry.
        func read(into buffer: UnsafeMutableRawBufferPointer) throws(WorkbookError) -> Int {
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            let n = zip_fread(file, base, zip_uint64_t(buffer.count))
            guard n >= 0 else {
                let detail = String(cString: zip_error_strerror(zip_file_get_error(file)))
                throw .damagedPart(path: owner.path, part: name, detail: detail)
            }
            return Int(n)
        }
    }
}
