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
///
/// The same pass decodes the escaped text of leaf elements into a side buffer (``EscapedText``, `<?rw-text …?>`),
/// under the same rule: only what libxml2 would read the same way, and the original whenever the result is not
/// well-formed.
enum CDATASections {
    /// The processing-instruction target of a rewritten section.
    static let target: StaticString = "rw-cdata"

    /// A rewritten document: the bytes libxml2 reads, and the decoded text its `rw-text` instructions point into.
    struct Rewrite {
        var document: [UInt8]
        var decoded: [UInt8]
    }

    /// What the instructions of a rewritten tree point into, reached through the tree's `_private` pointer.
    struct Sources {
        var original: UnsafeBufferPointer<UInt8>
        var decoded: UnsafeBufferPointer<UInt8>
    }

    /// The document with its CDATA sections and escaped text runs (``EscapedText``) rewritten, or `nil` when there
    /// is nothing to rewrite.
    static func rewrite(_ bytes: [UInt8]) -> Rewrite? {
        // libxml2 rejects text over 10,000,000 bytes (XML_MAX_TEXT_LENGTH without XML_PARSE_HUGE); a smaller
        // document cannot hold such text, so the rewrite cannot hide that error.
        guard bytes.count <= 10_000_000 else { return nil }
        guard let rootStart = rootElementStart(bytes) else { return nil }
        return bytes.withUnsafeBufferPointer { rewrite($0, from: rootStart) }
    }

    private static func rewrite(_ b: UnsafeBufferPointer<UInt8>, from rootStart: Int) -> Rewrite? {
        // Decoded text is never longer than the document: the side buffer is allocated once, uninitialised, and
        // filled as runs are decoded.
        var document: [UInt8]?
        let decoded = [UInt8](unsafeUninitializedCapacity: b.count) { room, count in
            count = 0
            document = rewrite(b, from: rootStart, decodingInto: room, count: &count)
        }
        return document.map { Rewrite(document: $0, decoded: decoded) }
    }

    private static func rewrite(_ b: UnsafeBufferPointer<UInt8>, from rootStart: Int, decodingInto room: UnsafeMutableBufferPointer<UInt8>,
                                count decodedCount: inout Int) -> [UInt8]? {
        guard let base = b.baseAddress, let roomBase = room.baseAddress else { return nil }
        let n = b.count
        var out: [UInt8] = []
        var copied = 0
        var i = rootStart
        func nextLT(_ from: Int) -> Int? {
            guard from < n, let hit = memchr(base + from, Int32(UInt8(ascii: "<")), n - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        func find(_ needle: StaticString, from: Int) -> Int? {
            needle.withUTF8Buffer { HTMLEntities.search(base, from: from, to: n, for: $0) }
        }
        func replace(_ range: Range<Int>, target: StaticString, offset: Int, length: Int) {
            if out.isEmpty { out.reserveCapacity(n) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<range.lowerBound]))
            out.append(contentsOf: "<?".utf8)
            target.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: " "))
            appendDecimal(offset, to: &out)
            out.append(UInt8(ascii: " "))
            appendDecimal(length, to: &out)
            out.append(contentsOf: "?>".utf8)
            copied = range.upperBound
        }
        // In a well-formed document a `<` starts markup everywhere but in comments, processing instructions and CDATA
        // sections, which are skipped whole: no tag needs to be read to find the sections.
        while let lt = nextLT(i), lt + 1 < n {
            let next = b[lt + 1]
            if next == UInt8(ascii: "?") {
                // A document that writes the markers itself is read as written (one in the prolog is caught after
                // the parse, as a processing instruction outside the root).
                if hasPrefix(b, at: lt, "<?rw-cdata") || hasPrefix(b, at: lt, "<?rw-text") { return nil }
                guard let end = find("?>", from: lt + 2) else { break }
                i = end + 2
            } else if next == UInt8(ascii: "/") {
                i = lt + 2
            } else if next != UInt8(ascii: "!") {
                // A start tag: the text right after it, up to an end tag, is the element's whole text.
                guard let gt = endOfStartTag(b, from: lt + 1) else { break }
                i = gt + 1
                guard b[gt - 1] != UInt8(ascii: "/"), let textEnd = nextLT(gt + 1), textEnd + 1 < n,
                      b[textEnd + 1] == UInt8(ascii: "/") else { continue }
                if let length = EscapedText.decode(b, from: gt + 1, to: textEnd, into: roomBase + decodedCount) {
                    replace((gt + 1)..<textEnd, target: EscapedText.target, offset: decodedCount, length: length)
                    decodedCount += length
                }
                i = textEnd
            } else if hasPrefix(b, at: lt, "<!--") {
                guard let end = find("-->", from: lt + 4) else { break }
                i = end + 3
            } else if hasPrefix(b, at: lt, "<![CDATA[") {
                let start = lt + 9
                guard let end = find("]]>", from: start) else { break }
                if end > start, isPlainText(b, from: start, to: end) {
                    replace(lt..<(end + 3), target: target, offset: start, length: end - start)
                }
                i = end + 3
            } else {
                i = lt + 2
            }
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n]))
        return out
    }

    /// The `>` that ends the start tag whose name begins at `from`, past quoted attribute values (which may hold
    /// `>`); `nil` when the document ends first.
    private static func endOfStartTag(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var j = from
        let n = b.count
        while j < n {
            let c = b[j]
            if c == UInt8(ascii: ">") { return j }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                var k = j + 1
                while k < n, b[k] != c { k += 1 }
                j = k + 1
                continue
            }
            j += 1
        }
        return nil
    }

    private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { p in i + p.count <= b.count && memcmp(b.baseAddress! + i, p.baseAddress!, p.count) == 0 }
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
        b.withUnsafeBufferPointer { isPlainText($0, from: start, to: end) }
    }

    static func isPlainText(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
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

    /// The bytes a rewritten section or text run stands for, when `node` is one of our processing instructions; the
    /// original document and the decoded text are reached through the tree's `_private` pointer (``Sources``), set by
    /// `XMLDocument` for the parse's lifetime.
    static func bytes(of node: xmlNodePtr) -> UnsafeBufferPointer<UInt8>? {
        guard node.pointee.type == XML_PI_NODE, let name = node.pointee.name,
              let sources = node.pointee.doc?.pointee._private, let content = node.pointee.content else { return nil }
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        func isTarget(_ t: StaticString) -> Bool {
            t.withUTF8Buffer { length == $0.count && memcmp(name, $0.baseAddress!, $0.count) == 0 }
        }
        let isText = isTarget(EscapedText.target)
        guard isText || isTarget(target) else { return nil }
        var offset = 0
        var count = 0
        var p = content
        while p.pointee >= 0x30 && p.pointee <= 0x39 { offset = offset * 10 + Int(p.pointee - 0x30); p += 1 }
        guard p.pointee == 0x20 else { return nil }
        p += 1
        while p.pointee >= 0x30 && p.pointee <= 0x39 { count = count * 10 + Int(p.pointee - 0x30); p += 1 }
        let from = sources.assumingMemoryBound(to: Sources.self).pointee
        let buffer = isText ? from.decoded : from.original
        guard p.pointee == 0, offset + count <= buffer.count, let base = buffer.baseAddress else { return nil }
        return UnsafeBufferPointer(start: base + offset, count: count)
    }
}
