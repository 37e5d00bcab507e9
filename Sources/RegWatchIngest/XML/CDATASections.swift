import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// CDATA sections read by us rather than by libxml2.
///
/// libxml2 (2.9.14 here) reads a CDATA section one character at a time (`xmlParseCDSect` → `xmlCurrentChar`) and
/// copies it twice; feeds put whole articles in CDATA (`<content:encoded><![CDATA[...]]>`), so that loop is most of
/// the parse. Before libxml2 sees a document, each CDATA section inside the root element is replaced by a processing
/// instruction that points back at its bytes, `<?rw-cdata OFFSET LENGTH?>`; `XMLNode` reads those bytes in place
/// where it reads text. The tree is otherwise the same: with `XML_PARSE_NOCDATA` a section was only ever text.
///
/// The rewrite is only kept when it cannot change the outcome: `XMLDocument.withDocument` parses the original bytes
/// whenever the rewritten document is not well-formed (so errors, recovery and `bozo` come from the original), and
/// sections libxml2 would reject or change (control characters, U+FFFE/U+FFFF, a carriage return that XML turns
/// into a line feed) are left in place, and so are documents too large for libxml2's text limit to be out of reach.
enum CDATASections {
    /// The processing-instruction target of a rewritten section.
    static let target: StaticString = "rw-cdata"

    /// The document with its CDATA sections rewritten, or `nil` when there is nothing to rewrite.
    static func rewrite(_ b: [UInt8]) -> [UInt8]? {
        // libxml2 rejects text over 10,000,000 bytes (XML_MAX_TEXT_LENGTH without XML_PARSE_HUGE); a smaller
        // document cannot hold such text, so the rewrite cannot hide that error.
        guard b.count <= 10_000_000 else { return nil }
        guard let rootStart = rootElementStart(b) else { return nil }
        let n = b.count
        var out: [UInt8] = []
        var copied = 0
        var i = rootStart
        // In a well-formed document a `<` starts markup everywhere but in comments, processing instructions and CDATA
        // sections, which are skipped whole: no tag needs to be read to find the sections.
        while let lt = HTMLEntities.nextByte(UInt8(ascii: "<"), in: b, from: i), lt + 1 < n {
            let next = b[lt + 1]
            if next == UInt8(ascii: "?") {
                // A document that writes the marker itself is read as written (one in the prolog is caught after
                // the parse, as a processing instruction outside the root).
                if HTMLEntities.hasPrefix(b, at: lt, "<?rw-cdata") { return nil }
                guard let end = HTMLEntities.find(b, "?>", from: lt + 2) else { break }
                i = end + 2
            } else if next != UInt8(ascii: "!") {
                i = lt + 1
            } else if HTMLEntities.hasPrefix(b, at: lt, "<!--") {
                guard let end = HTMLEntities.find(b, "-->", from: lt + 4) else { break }
                i = end + 3
            } else if HTMLEntities.hasPrefix(b, at: lt, "<![CDATA[") {
                let start = lt + 9
                guard let end = HTMLEntities.find(b, "]]>", from: start) else { break }
                if end > start, isPlainText(b, from: start, to: end) {
                    if out.isEmpty { out.reserveCapacity(n) }
                    out.append(contentsOf: b[copied..<lt])
                    out.append(contentsOf: "<?rw-cdata ".utf8)
                    appendDecimal(start, to: &out)
                    out.append(UInt8(ascii: " "))
                    appendDecimal(end - start, to: &out)
                    out.append(contentsOf: "?>".utf8)
                    copied = end + 3
                }
                i = end + 3
            } else {
                i = lt + 2
            }
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: b[copied..<n])
        return out
    }

    /// Where the root element's start tag begins: after the XML declaration, comments, processing instructions and
    /// the DOCTYPE. `nil` when the prolog holds anything else (it is then left to libxml2).
    private static func rootElementStart(_ b: [UInt8]) -> Int? {
        var i = 0
        while let lt = HTMLEntities.nextByte(UInt8(ascii: "<"), in: b, from: i) {
            if HTMLEntities.hasPrefix(b, at: lt, "<?") {
                guard let end = HTMLEntities.find(b, "?>", from: lt + 2) else { return nil }
                i = end + 2
            } else if HTMLEntities.hasPrefix(b, at: lt, "<!--") {
                guard let end = HTMLEntities.find(b, "-->", from: lt + 4) else { return nil }
                i = end + 3
            } else if HTMLEntities.hasPrefix(b, at: lt, "<!DOCTYPE") {
                i = HTMLEntities.endOfDoctype(b, from: lt)
            } else if lt + 1 < b.count, b[lt + 1] != UInt8(ascii: "!") {
                return lt
            } else {
                return nil
            }
        }
        return nil
    }

    /// `true` when libxml2 would hand the bytes back unchanged as text: no C0 control but tab and line feed (a
    /// carriage return is rewritten by XML's line-end rule), no U+FFFE or U+FFFF. Eight bytes at a time.
    static func isPlainText(_ b: [UInt8], from start: Int, to end: Int) -> Bool {
        b.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return true }
            var i = start
            while i + 8 <= end {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // A byte below 0x20 (its high bit clear), or a 0xEF lead byte, sends the word to the byte check.
                let low = (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080
                let x = w ^ 0xEFEF_EFEF_EFEF_EFEF
                let ef = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                if low | ef != 0 {
                    for k in i..<(i + 8) where !isPlainByte(buf, k, end) { return false }
                }
                i += 8
            }
            while i < end {
                if !isPlainByte(buf, i, end) { return false }
                i += 1
            }
            return true
        }
    }

    private static func isPlainByte(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Bool {
        let c = b[k]
        if c < 0x20 { return c == 0x09 || c == 0x0A }
        if c == 0xEF, k + 2 < end, b[k + 1] == 0xBF, b[k + 2] == 0xBE || b[k + 2] == 0xBF { return false }
        return true
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }

    /// The bytes a rewritten section stands for, when `node` is one of our processing instructions; the original
    /// document is reached through the tree's `_private` pointer, set by `XMLDocument` for the parse's lifetime.
    static func bytes(of node: xmlNodePtr) -> UnsafeBufferPointer<UInt8>? {
        guard node.pointee.type == XML_PI_NODE, let name = node.pointee.name,
              let original = node.pointee.doc?.pointee._private, let content = node.pointee.content else { return nil }
        let isOurs = target.withUTF8Buffer { t in
            strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)) == t.count && memcmp(name, t.baseAddress!, t.count) == 0
        }
        guard isOurs else { return nil }
        var offset = 0
        var length = 0
        var p = content
        while p.pointee >= 0x30 && p.pointee <= 0x39 { offset = offset * 10 + Int(p.pointee - 0x30); p += 1 }
        guard p.pointee == 0x20 else { return nil }
        p += 1
        while p.pointee >= 0x30 && p.pointee <= 0x39 { length = length * 10 + Int(p.pointee - 0x30); p += 1 }
        let document = original.assumingMemoryBound(to: UnsafeBufferPointer<UInt8>.self).pointee
        guard p.pointee == 0, offset + length <= document.count, let base = document.baseAddress else { return nil }
        return UnsafeBufferPointer(start: base + offset, count: length)
    }
}
