#if canImport(Glibc)
import Glibc
#endif

/// Text content read by us rather than by libxml2, the companion of ``CDATASections``.
///
/// Many feeds escape their HTML instead of wrapping it in CDATA (`<description>&lt;p&gt;It&amp;#8217;s …`), and
/// ASCII-only generators write every other character as a numeric reference (`Z&#252;rich`). libxml2 (2.9.14)
/// hands each reference to its SAX layer as a separate piece of text and reads every non-ASCII character through
/// `xmlCurrentChar`, so such text costs several times what the same text costs in CDATA. Before libxml2 sees the
/// document, the text of a leaf element (`<tag …>TEXT</tag>`) that holds a reference or a non-ASCII character is
/// decoded here, into a side buffer, and replaced by `<?rw-text OFFSET LENGTH?>`; `XMLNode` reads the decoded bytes
/// wherever it reads text, as it reads rewritten CDATA.
///
/// The decoding is XML's, never HTML's: the five predefined entities and decimal or hexadecimal (`&#x…;`, lowercase
/// x) references to characters XML allows. A run holding anything else is left to libxml2, so that errors and
/// recovery stay libxml2's: another reference (an HTML entity, one the DTD declares, a bare `&`), a reference to a
/// character XML forbids (`&#0;`, `&#xFFFE;`), `]]>`, a control character or a carriage return (XML's line-end
/// rule), U+FFFE or U+FFFF.
enum EscapedText {
    /// The processing-instruction target of a rewritten text run.
    static let target: StaticString = "rw-text"

    /// Runs shorter than this are left to libxml2: its fast path for short text costs less than the instruction.
    static let minimumLength = 16

    /// Writes the decoded text of `b[start..<end]` to `w` and returns its length, or returns `nil` when the run holds
    /// anything that libxml2 might read differently, or nothing worth decoding (plain ASCII without references,
    /// which libxml2 reads fast). Decoded text is never longer than the run (each reference is longer than its
    /// character's UTF-8): `w` needs room for `end - start` bytes.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into w: UnsafeMutablePointer<UInt8>) -> Int? {
        guard end - start >= minimumLength, let base = b.baseAddress else { return nil }
        // `]]>` is forbidden in text; `]` is rare, so this search is one memchr.
        guard !contains(b, "]]>", from: start, to: end) else { return nil }
        var written = 0
        var i = start
        var worthIt = false
        var high: UInt64 = 0
        while i < end {
            if i + 8 <= end {
                // Eight bytes at a time while there is no `&`, no byte below 0x20 and no 0xEF (which may start U+FFFE
                // or U+FFFF); other non-ASCII bytes are copied as they are, and only remembered.
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let low = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                let x = word ^ 0x2626_2626_2626_2626
                let amp = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                let y = word ^ 0xEFEF_EFEF_EFEF_EFEF
                let ef = (y &- 0x0101_0101_0101_0101) & ~y & 0x8080_8080_8080_8080
                if low | amp | ef == 0 {
                    UnsafeMutableRawPointer(w + written).storeBytes(of: word, as: UInt64.self)
                    high |= word
                    written += 8
                    i += 8
                    continue
                }
            }
            let c = base[i]
            if c == UInt8(ascii: "&") {
                guard let (next, count) = reference(b, at: i, end: end, into: w + written) else { return nil }
                written += count
                worthIt = true
                i = next
                continue
            }
            if c < 0x20 {
                // Tab and line feed only: XML turns a carriage return into a line feed and forbids the rest.
                guard c == 0x09 || c == 0x0A else { return nil }
            } else if c >= 0x80 {
                worthIt = true
                if c == 0xEF, i + 2 < end, base[i + 1] == 0xBF, base[i + 2] == 0xBE || base[i + 2] == 0xBF { return nil }
            }
            w[written] = c
            written += 1
            i += 1
        }
        return worthIt || high & 0x8080_8080_8080_8080 != 0 ? written : nil
    }

    /// Decodes the reference at `b[amp]` to `w`: the index after it and the bytes written, or `nil` when it is not
    /// one of XML's.
    private static func reference(_ b: UnsafeBufferPointer<UInt8>, at amp: Int, end: Int, into w: UnsafeMutablePointer<UInt8>) -> (Int, Int)? {
        var j = amp + 1
        guard j < end else { return nil }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < end && b[j] == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < end, j - digitsStart < 8 {
                let c = b[j]
                let digit: UInt32
                if c >= 0x30 && c <= 0x39 {
                    digit = UInt32(c - 0x30)
                } else if hex, (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 {
                    digit = UInt32((c | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                value = value * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > digitsStart, j < end, b[j] == UInt8(ascii: ";"), isXMLChar(value) else { return nil }
            return (j + 1, writeUTF8(value, to: w))
        }
        // amp, lt, gt, quot, apos
        let c = b[j]
        if c == UInt8(ascii: "l") || c == UInt8(ascii: "g") {
            guard j + 2 < end, b[j + 1] == UInt8(ascii: "t"), b[j + 2] == UInt8(ascii: ";") else { return nil }
            w.pointee = c == UInt8(ascii: "l") ? UInt8(ascii: "<") : UInt8(ascii: ">")
            return (j + 3, 1)
        }
        if c == UInt8(ascii: "a"), j + 3 < end, b[j + 1] == UInt8(ascii: "m"), b[j + 2] == UInt8(ascii: "p"), b[j + 3] == UInt8(ascii: ";") {
            w.pointee = UInt8(ascii: "&")
            return (j + 4, 1)
        }
        if j + 4 < end, b[j + 4] == UInt8(ascii: ";") {
            if c == UInt8(ascii: "q"), b[j + 1] == UInt8(ascii: "u"), b[j + 2] == UInt8(ascii: "o"), b[j + 3] == UInt8(ascii: "t") {
                w.pointee = UInt8(ascii: "\"")
                return (j + 5, 1)
            }
            if c == UInt8(ascii: "a"), b[j + 1] == UInt8(ascii: "p"), b[j + 2] == UInt8(ascii: "o"), b[j + 3] == UInt8(ascii: "s") {
                w.pointee = UInt8(ascii: "'")
                return (j + 5, 1)
            }
        }
        return nil
    }

    /// XML 1.0's `Char` production: what a character reference may name.
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x1_0000 && v <= 0x10_FFFF)
    }

    /// Writes a valid scalar value as UTF-8; returns the byte count.
    private static func writeUTF8(_ v: UInt32, to w: UnsafeMutablePointer<UInt8>) -> Int {
        switch v {
        case 0..<0x80:
            w[0] = UInt8(v)
            return 1
        case 0x80..<0x800:
            w[0] = UInt8(0xC0 | (v >> 6))
            w[1] = UInt8(0x80 | (v & 0x3F))
            return 2
        case 0x800..<0x1_0000:
            w[0] = UInt8(0xE0 | (v >> 12))
            w[1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            w[2] = UInt8(0x80 | (v & 0x3F))
            return 3
        default:
            w[0] = UInt8(0xF0 | (v >> 18))
            w[1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            w[2] = UInt8(0x80 | ((v >> 6) & 0x3F))
            w[3] = UInt8(0x80 | (v & 0x3F))
            return 4
        }
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int, to: Int) -> Bool {
        needle.withUTF8Buffer { HTMLEntities.search(b.baseAddress!, from: from, to: to, for: $0) } != nil
    }
}
