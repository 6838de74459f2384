import Foundation
internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// Receives the events of one XML part as libxml2's SAX2 parser reports them: names and text as
/// bytes in libxml2's buffers, valid only during the call, so no `String` is made per element.
protocol XMLEventHandler: AnyObject {
    func start(_ element: XMLName, _ attributes: XMLAttributes)
    func end(_ element: XMLName)
    /// Character data (text and CDATA), possibly in several pieces for one text node.
    func text(_ bytes: UnsafeRawBufferPointer)
}

/// An element's or attribute's local name (the namespace prefix dropped: some writers spell the
/// spreadsheet elements `x:row`, `x:c`).
struct XMLName {
    let bytes: UnsafePointer<UInt8>

    @inline(__always)
    func `is`(_ name: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    var string: String { String(cString: bytes) }
}

/// The attributes of a start tag: libxml2 hands five pointers per attribute (local name, prefix,
/// URI, value start, value end); values already have their entities and character references
/// decoded.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// The value of the attribute with local name `name`, if present.
    @inline(__always)
    subscript(_ name: StaticString) -> UnsafeRawBufferPointer? {
        guard let base else { return nil }
        for k in 0..<count {
            guard let local = base[5 * k], XMLName(bytes: local).is(name), let start = base[5 * k + 3],
                let end = base[5 * k + 4]
            else { continue }
            return UnsafeRawBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    func string(_ name: StaticString) -> String? {
        self[name].map { String(decoding: $0, as: UTF8.self) }
    }
}

/// libxml2's push parser (Debian `libxml2-dev`) fed chunk by chunk; owns its parser context.
///
/// Push, not pull: the caller inflates the zip entry at its own pace and hands each chunk here,
/// so the worksheet reader decides how far to read (it stops once it has a block of rows).
/// SAX2 callbacks build nothing: no tree, no node per element, which is what makes libxml2 the
/// fast choice over `XMLParser` (FoundationXML, one `String` and one dictionary per element)
/// and over libxml2's own `xmlTextReader` (one node per read). Network access and external
/// entities are off (XML_PARSE_NONET, no XML_PARSE_NOENT): a workbook cannot make the run fetch
/// or expand anything. See http://xmlsoft.org/html/libxml-parser.html (xmlCreatePushParserCtxt).
final class XMLPushParser {
    private let handler: any XMLEventHandler
    private var context: xmlParserCtxtPtr?
    private let path: String
    private let part: String

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    init(handler: any XMLEventHandler, path: String, part: String) throws(WorkbookError) {
        _ = Self.initialized
        self.handler = handler
        self.path = path
        self.part = part
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
            guard let ctx, let localname else { return }
            let parser = Unmanaged<XMLPushParser>.fromOpaque(ctx).takeUnretainedValue()
            parser.handler.start(XMLName(bytes: localname), XMLAttributes(base: attributes, count: Int(count)))
        }
        sax.endElementNs = { ctx, localname, _, _ in
            guard let ctx, let localname else { return }
            Unmanaged<XMLPushParser>.fromOpaque(ctx).takeUnretainedValue().handler.end(XMLName(bytes: localname))
        }
        let characters: charactersSAXFunc = { ctx, bytes, length in
            guard let ctx, let bytes, length > 0 else { return }
            Unmanaged<XMLPushParser>.fromOpaque(ctx).takeUnretainedValue().handler.text(
                UnsafeRawBufferPointer(start: bytes, count: Int(length)))
        }
        sax.characters = characters
        sax.cdataBlock = characters
        // Errors are read from the context after a chunk fails; this only keeps libxml2 from
        // printing them on stderr.
        sax.serror = { _, _ in }
        let context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, part)
        guard let context else { throw .damagedPart(path: path, part: part, detail: "libxml2 could not start") }
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        self.context = context
    }

    deinit {
        if let context {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
    }

    /// Parses the next chunk of the part; `final` for the last (possibly empty) one.
    /// - Complexity: O(chunk), plus the handler's work per event.
    func parse(_ chunk: UnsafeRawBufferPointer, final: Bool) throws(WorkbookError) {
        guard let context else { return }
        let start = chunk.baseAddress?.assumingMemoryBound(to: CChar.self)
        let status = xmlParseChunk(context, start, Int32(chunk.count), final ? 1 : 0)
        if status != 0 || context.pointee.wellFormed == 0 {
            var detail = "not well-formed XML"
            if let error = xmlCtxtGetLastError(context), let message = error.pointee.message {
                let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
                detail += " (line \(error.pointee.line): \(text))"
            }
            throw .damagedPart(path: path, part: part, detail: detail)
        }
    }

    /// Reads a whole (small) part of the archive through `handler`; `false` when the archive
    /// has no such part.
    static func parse(part: String, of archive: WorkbookArchive, into handler: any XMLEventHandler) throws(WorkbookError)
        -> Bool
    {
        guard let entry = try archive.open(part) else { return false }
        let parser = try XMLPushParser(handler: handler, path: archive.path, part: part)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try entry.read(into: buffer)
            try parser.parse(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), final: n == 0)
            if n == 0 { return true }
        }
    }
}
