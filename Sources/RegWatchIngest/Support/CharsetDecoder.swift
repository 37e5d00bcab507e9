import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chooses the character encoding of an XML document in the order of RFC 7303 §3 and converts its bytes to UTF-8.
///
/// Order: the `charset` of the Content-Type header, then a byte-order mark (or the UTF-16/32 pattern of `<?xml`),
/// then the XML declaration's `encoding`, then UTF-8. When the chosen encoding is unknown or the bytes do not
/// decode, UTF-8 is tried, then windows-1252 (which decodes anything), and the result is flagged.
public struct CharsetDecoder: Sendable {
    public struct Result: Sendable {
        /// UTF-8 bytes without a byte-order mark.
        public var utf8: [UInt8]
        /// The encoding actually used, lowercase (`utf-8`, `windows-1252`, `utf-16le`...).
        public var encoding: String
        /// Why the declared encoding could not be used, when it could not.
        public var problem: String?
    }

    /// The `charset` parameter of a Content-Type value, unquoted and lowercased; `nil` when absent.
    public static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for param in contentType.split(separator: ";").dropFirst() {
            let parts = param.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingSpaces().lowercased() == "charset" else { continue }
            var value = parts[1].trimmingSpaces()
            while let f = value.first, f == "\"" || f == "'" { value.removeFirst() }
            while let l = value.last, l == "\"" || l == "'" { value.removeLast() }
            let v = value.trimmingSpaces().lowercased()
            return v.isEmpty ? nil : v
        }
        return nil
    }

    /// Decodes `bytes` following RFC 7303 with an optional HTTP Content-Type.
    public static func decodeXML(_ bytes: [UInt8], contentType: String?) -> Result {
        let sniffed = sniffByteOrder(bytes)
        var chosen: String
        var skip = 0
        if let http = charset(fromContentType: contentType) {
            chosen = http
            // A BOM of the same family is still not content.
            if let sniffed, sniffed.bomLength > 0, family(sniffed.encoding) == family(http) || http == "utf-16" || http == "utf-32" {
                chosen = sniffed.encoding
                skip = sniffed.bomLength
            }
        } else if let sniffed {
            chosen = sniffed.encoding
            skip = sniffed.bomLength
        } else if let declared = declaredEncoding(bytes) {
            chosen = declared
        } else {
            chosen = "utf-8"
        }
        return decode(bytes, skipping: skip, as: chosen)
    }

    /// Decodes with the given encoding, falling back as described on the type.
    public static func decode(_ bytes: [UInt8], skipping skip: Int = 0, as chosen: String) -> Result {
        let body = skip > 0 ? Array(bytes[skip...]) : bytes
        let name = normalizedName(chosen)
        if isSingleByte(name), !isValidUTF8(body, asciiOnly: true), isValidUTF8(body, asciiOnly: false), canConvert(from: name) {
            // Declared Latin-1 (or another single-byte set) over bytes that are valid UTF-8 with multi-byte sequences:
            // a real single-byte text almost never is, and decoding it as declared gives mojibake ("BrÃ¸ndby").
            return Result(utf8: stripUTF8BOM(body), encoding: "utf-8",
                          problem: "declared \(name) but the bytes are UTF-8 (decoding them as \(name) gives mojibake); decoded as utf-8")
        }
        if name == "utf-8" || name == "us-ascii" {
            if isValidUTF8(body, asciiOnly: name == "us-ascii") {
                return Result(utf8: stripUTF8BOM(body), encoding: name, problem: nil)
            }
        } else if let converted = iconvToUTF8(body, from: name) {
            return Result(utf8: stripUTF8BOM(converted), encoding: name, problem: nil)
        }
        let known = name == "utf-8" || name == "us-ascii" || canConvert(from: name)
        let problem = known
            ? "the bytes are not valid \(name)"
            : "unknown encoding '\(chosen)'"
        if name != "utf-8", isValidUTF8(body, asciiOnly: false) {
            return Result(utf8: stripUTF8BOM(body), encoding: "utf-8", problem: problem + "; decoded as utf-8")
        }
        // windows-1252 maps every byte (the five undefined ones go to C1 controls, as browsers do).
        return Result(utf8: windows1252ToUTF8(body), encoding: "windows-1252", problem: problem + "; decoded as windows-1252")
    }

    /// Encodings of one byte a character, where valid UTF-8 multi-byte sequences decode to mojibake.
    static func isSingleByte(_ name: String) -> Bool {
        name.hasPrefix("iso-8859-") || name.hasPrefix("windows-125") || name.hasPrefix("koi8") || name == "macintosh"
            || name == "cp1252" || name == "latin1"
    }

    // MARK: - Sniffing

    struct Sniffed { var encoding: String; var bomLength: Int }

    static func sniffByteOrder(_ b: [UInt8]) -> Sniffed? {
        func at(_ i: Int) -> UInt8 { i < b.count ? b[i] : 0xFF }
        if b.count >= 4 {
            if at(0) == 0x00, at(1) == 0x00, at(2) == 0xFE, at(3) == 0xFF { return Sniffed(encoding: "utf-32be", bomLength: 4) }
            if at(0) == 0xFF, at(1) == 0xFE, at(2) == 0x00, at(3) == 0x00 { return Sniffed(encoding: "utf-32le", bomLength: 4) }
            if at(0) == 0x00, at(1) == 0x00, at(2) == 0x00, at(3) == 0x3C { return Sniffed(encoding: "utf-32be", bomLength: 0) }
            if at(0) == 0x3C, at(1) == 0x00, at(2) == 0x00, at(3) == 0x00 { return Sniffed(encoding: "utf-32le", bomLength: 0) }
            if at(0) == 0x00, at(1) == 0x3C, at(2) == 0x00, at(3) == 0x3F { return Sniffed(encoding: "utf-16be", bomLength: 0) }
            if at(0) == 0x3C, at(1) == 0x00, at(2) == 0x3F, at(3) == 0x00 { return Sniffed(encoding: "utf-16le", bomLength: 0) }
        }
        if b.count >= 3, at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF { return Sniffed(encoding: "utf-8", bomLength: 3) }
        if b.count >= 2 {
            if at(0) == 0xFE, at(1) == 0xFF { return Sniffed(encoding: "utf-16be", bomLength: 2) }
            if at(0) == 0xFF, at(1) == 0xFE { return Sniffed(encoding: "utf-16le", bomLength: 2) }
        }
        return nil
    }

    /// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration.
    static func declaredEncoding(_ b: [UInt8]) -> String? {
        guard HTMLEntities.hasPrefix(b, at: 0, "<?xml") else { return nil }
        let end = min(b.count, 512)
        guard let close = HTMLEntities.find(b, "?>", from: 5, to: end) else { return nil }
        // Byte-level: every XML document passes here.
        guard let at = HTMLEntities.find(b, "encoding", from: 5, to: close) else { return nil }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        var i = at + 8
        while i < close, isSpace(b[i]) { i += 1 }
        guard i < close, b[i] == UInt8(ascii: "=") else { return nil }
        i += 1
        while i < close, isSpace(b[i]) { i += 1 }
        guard i < close, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { return nil }
        let quote = b[i]
        let start = i + 1
        var stop = start
        while stop < close, b[stop] != quote { stop += 1 }
        let trimmed = String(decoding: b[start..<stop], as: UTF8.self).trimmingSpaces().lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }

    static func family(_ name: String) -> String {
        if name.hasPrefix("utf-16") || name == "utf16" { return "utf-16" }
        if name.hasPrefix("utf-32") || name == "utf32" { return "utf-32" }
        return name
    }

    /// Lowercase IANA-style names for the spellings feeds use.
    static func normalizedName(_ raw: String) -> String {
        let n = raw.lowercased().replacingUnderscores()
        switch n {
        case "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "ascii", "us_ascii", "ansi_x3.4-1968", "iso646-us": return "us-ascii"
        case "latin1", "latin-1", "l1", "iso8859-1", "iso_8859-1", "iso-8859-1:1987": return "iso-8859-1"
        case "cp1252", "win-1252", "x-cp1252": return "windows-1252"
        case "utf16", "unicode": return "utf-16"
        case "utf32": return "utf-32"
        case "euc_kr", "euckr": return "euc-kr"
        case "big-5", "cn-big5": return "big5"
        case "shift_jis", "sjis", "shift-jis": return "shift_jis"
        default: return n
        }
    }

    // MARK: - Conversion

    static func isValidUTF8(_ bytes: [UInt8], asciiOnly: Bool) -> Bool {
        bytes.withUnsafeBufferPointer { validate($0, asciiOnly: asciiOnly) }
    }

    private static func validate(_ b: UnsafeBufferPointer<UInt8>, asciiOnly: Bool) -> Bool {
        var i = 0
        let n = b.count
        guard let base = b.baseAddress else { return true }
        while i < n {
            // Eight ASCII bytes at a time: feeds are mostly ASCII.
            if i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if asciiOnly { return false }
            let len: Int
            if c >= 0xC2 && c <= 0xDF { len = 2 } else if c >= 0xE0 && c <= 0xEF { len = 3 } else if c >= 0xF0 && c <= 0xF4 { len = 4 } else { return false }
            guard i + len <= n else { return false }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return false }
            if len == 3 {
                if c == 0xE0 && b[i + 1] < 0xA0 { return false }
                if c == 0xED && b[i + 1] >= 0xA0 { return false }
            } else if len == 4 {
                if c == 0xF0 && b[i + 1] < 0x90 { return false }
                if c == 0xF4 && b[i + 1] >= 0x90 { return false }
            }
            i += len
        }
        return true
    }

    static func stripUTF8BOM(_ b: [UInt8]) -> [UInt8] {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return Array(b[3...]) }
        return b
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ b: [UInt8]) -> [UInt8] {
        singleByteToUTF8(b) { c in (c >= 0x80 && c <= 0x9F) ? cp1252High[Int(c - 0x80)] : UInt32(c) }
    }

    /// A single-byte encoding to UTF-8, writing into a buffer sized for the worst case (3 bytes a byte): no
    /// per-byte append.
    static func singleByteToUTF8(_ b: [UInt8], high: (UInt8) -> UInt32) -> [UInt8] {
        b.withUnsafeBufferPointer { src in
            [UInt8](unsafeUninitializedCapacity: src.count * 3) { dst, count in
                var o = 0
                for c in src {
                    if c < 0x80 { dst[o] = c; o += 1; continue }
                    let v = high(c)
                    if v < 0x800 {
                        dst[o] = UInt8(0xC0 | (v >> 6)); dst[o + 1] = UInt8(0x80 | (v & 0x3F)); o += 2
                    } else {
                        dst[o] = UInt8(0xE0 | (v >> 12)); dst[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                        dst[o + 2] = UInt8(0x80 | (v & 0x3F)); o += 3
                    }
                }
                count = o
            }
        }
    }


    private static func iconvName(_ name: String) -> String {
        switch name {
        case "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "utf-32le": return "UTF-32LE"
        case "utf-32be": return "UTF-32BE"
        default: return name.uppercased()
        }
    }

    static func canConvert(from name: String) -> Bool {
        let cd = iconv_open("UTF-8", iconvName(name))
        if cd == iconv_t(bitPattern: -1) { return false }
        iconv_close(cd)
        return true
    }

    /// Strict conversion with glibc's iconv: `nil` when the encoding is unknown or any byte sequence is invalid.
    static func iconvToUTF8(_ input: [UInt8], from name: String) -> [UInt8]? {
        if name == "windows-1252" { return windows1252ToUTF8(input) }
        if name == "iso-8859-1" { return singleByteToUTF8(input) { UInt32($0) } }
        let cd = iconv_open("UTF-8", iconvName(name))
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        if input.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var src = input
        let produced: Int? = src.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        output.removeLast(output.count - produced)
        return output
    }
}

extension String {
    /// Whether the UTF-8 of the string contains `byte` (memchr over contiguous storage).
    func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            return memchr(base, Int32(byte), buf.count) != nil
        }) {
            return found
        }
        return utf8.contains(byte)
    }
}

extension StringProtocol {
    /// The string without leading and trailing ASCII whitespace (byte-level: feeds call this on every value).
    func trimmingSpaces() -> String {
        let whole = String(self)
        let u = whole.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = u.first, let last = u.last else { return "" }
        if !isSpace(first) && !isSpace(last) { return whole }
        var start = u.startIndex
        var end = u.endIndex
        while start < end, isSpace(u[start]) { start = u.index(after: start) }
        while end > start, isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(whole[start..<end])
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        // `iso_8859-1` and `ISO-8859-1` are the same name; keep `shift_jis` intact.
        self == "shift_jis" ? self : String(map { $0 == "_" ? "-" : $0 })
    }
}
