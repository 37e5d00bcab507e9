import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// HTML charset sniffing, in the order of the HTML Living Standard's "determining the character encoding"
// (https://html.spec.whatwg.org/multipage/parsing.html#determining-the-character-encoding): BOM, the transport's
// charset, then a <meta> prescan of the first 1024 bytes; else UTF-8 when the bytes are valid UTF-8, else windows-1252.
// The XML feed path has its own RFC 7303 order (Support/CharsetDecoder); HTML differs (BOM beats the header, <meta>
// instead of the XML declaration), hence this small HTML-only copy.
enum HTMLCharset {
    struct Decoded {
        var utf8: [UInt8]
        var encoding: String
        /// Why the bytes were not clean, when they were not.
        var problem: String?
    }

    static func decode(_ bytes: [UInt8], contentType: String?) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return utf8(Array(bytes.dropFirst(3)), declared: "utf-8") }
        if bytes.starts(with: [0xFF, 0xFE]) { return convert(Array(bytes.dropFirst(2)), from: "utf-16le") }
        if bytes.starts(with: [0xFE, 0xFF]) { return convert(Array(bytes.dropFirst(2)), from: "utf-16be") }
        if let declared = contentType.flatMap(charsetParameter), let result = decode(bytes, as: declared) { return result }
        if let declared = metaCharset(bytes) {
            // Pages re-saved as UTF-8 often keep their old <meta charset>; valid multi-byte UTF-8 is almost never
            // legacy-encoded text by accident, so it wins over a <meta> (not over the HTTP header).
            if normalize(declared) != "utf-8", bytes.contains(where: { $0 >= 0x80 }), isValidUTF8(bytes) {
                return Decoded(utf8: bytes, encoding: "utf-8")
            }
            if let result = decode(bytes, as: declared) { return result }
        }
        return utf8(bytes, declared: nil)
    }

    private static func decode(_ bytes: [UInt8], as label: String) -> Decoded? {
        let name = normalize(label)
        switch name {
        case "utf-8": return utf8(bytes, declared: name)
        // A page cannot really be UTF-16 if its <meta> was readable as ASCII (HTML spec: treat as UTF-8).
        case "utf-16", "utf-16le", "utf-16be": return utf8(bytes, declared: "utf-8")
        case "windows-1252", "iso-8859-1", "us-ascii": return Decoded(utf8: windows1252(bytes), encoding: "windows-1252")
        default: return convert(bytes, from: name)
        }
    }

    private static func utf8(_ bytes: [UInt8], declared: String?) -> Decoded {
        let valid = isValidUTF8(bytes)
        if valid { return Decoded(utf8: bytes, encoding: "utf-8") }
        if declared == nil {
            // Undeclared and not UTF-8: the web's default legacy encoding.
            return Decoded(utf8: windows1252(bytes), encoding: "windows-1252")
        }
        return Decoded(utf8: Array(String(decoding: bytes, as: UTF8.self).utf8), encoding: "utf-8", problem: "bytes are not valid UTF-8; invalid sequences replaced with U+FFFD")
    }

    /// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF): the feed decoder's check.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        CharsetDecoder.isValidUTF8(bytes, asciiOnly: false)
    }

    /// windows-1252 to UTF-8 (ISO-8859-1 is read as 1252, as browsers do): the feed decoder's table.
    static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
        CharsetDecoder.windows1252ToUTF8(bytes)
    }

    /// Transcodes with the C library's iconv, skipping bytes it cannot convert.
    private static func convert(_ bytes: [UInt8], from name: String) -> Decoded {
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) {
            var fallback = utf8(bytes, declared: nil)
            fallback.problem = "unknown charset '\(name)'; read as \(fallback.encoding)"
            return fallback
        }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var skipped = 0
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == Int(bitPattern: UInt(bitPattern: -1)) {
                        if errno == E2BIG { break }
                        // Invalid or truncated sequence: skip one byte and go on.
                        inPtr = inPtr.map { $0 + 1 }
                        inLeft -= 1
                        skipped += 1
                    }
                }
                return outBuffer.count - outLeft
            }
        }
        return Decoded(utf8: Array(output[0..<produced]), encoding: name,
                       problem: skipped > 0 ? "\(skipped) bytes could not be decoded as \(name) and were skipped" : nil)
    }

    static func normalize(_ label: String) -> String {
        let name = label.htmlTrimmed().lowercased()
        switch name {
        case "utf8", "unicode-1-1-utf-8": return "utf-8"
        case "latin1", "iso8859-1", "iso_8859-1", "l1", "cp1252", "x-cp1252", "ascii", "iso-8859-1", "us-ascii": return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "gb_2312-80": return "gbk"
        case "shift-jis", "sjis", "x-sjis", "ms_kanji": return "shift_jis"
        default: return name
        }
    }

    /// `charset=` of a Content-Type value.
    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].htmlTrimmed().lowercased() == "charset" {
                let value = pair[1].htmlTrimmed().htmlTrimming("\"'")
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// A simplified prescan: `<meta charset=X>` or `<meta http-equiv=content-type content="...; charset=X">`
    /// in the first 1024 bytes.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        var search = head[...]
        while let range = search.range(of: "<meta") {
            let rest = search[range.upperBound...]
            let end = rest.firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[..<end]
            if let c = tag.range(of: "charset") {
                var value = tag[c.upperBound...].drop(while: { $0 == " " })
                if value.first == "=" {
                    value = value.dropFirst().drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
                    let name = value.prefix(while: { !" \"';/>".contains($0) })
                    if !name.isEmpty { return String(name) }
                }
            }
            search = rest[end...]
        }
        return nil
    }
}

extension StringProtocol {
    func htmlTrimmed() -> String {
        // Index walking only; no scalar-by-scalar rebuilding of the string.
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(self[start..<end])
    }

    func htmlTrimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
