#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Script and style bodies are close to half the bytes of a modern article page, and libxml2 walks them character
// by character only for the extractor to throw them away. This prescan empties them first, in one memchr-driven
// pass. It follows the tokenizer just enough to be safe: comments are skipped whole (a "<script>" inside a comment
// starts nothing), <title> and <textarea> bodies are text (RCDATA), and JSON-LD scripts are kept for the metadata.
enum HTMLPrescan {
    static func strippingScriptBodies(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { b -> [UInt8] in
            let n = b.count
            guard n > 0, let base = b.baseAddress else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var i = 0
            while i < n {
                guard let found = memchr(base + i, 0x3C, n - i) else {
                    out.append(contentsOf: b[i..<n])
                    break
                }
                let j = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                out.append(contentsOf: b[i..<j])
                if matches(b, at: j, "<!--") {
                    let end = find(b, "-->", from: j + 4).map { $0 + 3 } ?? n
                    out.append(contentsOf: b[j..<end])
                    i = end
                    continue
                }
                guard let name = rawTextElement(b, at: j + 1) else {
                    out.append(0x3C)
                    i = j + 1
                    continue
                }
                let tagEnd = endOfTag(b, from: j + 1 + name.count)
                let openTag = b[j..<tagEnd]
                out.append(contentsOf: openTag)
                let close = find(b, "</" + name, from: tagEnd, caseInsensitive: true) ?? n
                let keep = name == "title" || name == "textarea" || contains(openTag, "ld+json")
                if keep { out.append(contentsOf: b[tagEnd..<close]) }
                i = close
            }
            return out
        }
    }

    static let rawTextNames = ["script", "style", "title", "textarea"]

    /// The raw-text element whose start tag begins at `i` (just after `<`), if any.
    static func rawTextElement(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> String? {
        for name in rawTextNames where matches(b, at: i, name, caseInsensitive: true) {
            let after = i + name.utf8.count
            if after >= b.count { return nil }
            switch b[after] {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D, 0x2F, 0x3E: return name
            default: return nil
            }
        }
        return nil
    }

    /// Index just past the `>` that closes a start tag, skipping quoted attribute values.
    static func endOfTag(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {
                return i + 1
            }
            i += 1
        }
        return b.count
    }

    static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }

    static func matches(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ s: String, caseInsensitive: Bool = false) -> Bool {
        var k = i
        for c in s.utf8 {
            guard k < b.count else { return false }
            if (caseInsensitive ? lower(b[k]) : b[k]) != c { return false }
            k += 1
        }
        return true
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ s: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        guard let first = s.utf8.first, let base = b.baseAddress else { return nil }
        var i = start
        while i < b.count {
            guard let hit = memchr(base + i, Int32(first), b.count - i) else { return nil }
            let j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if matches(b, at: j, s, caseInsensitive: caseInsensitive) { return j }
            i = j + 1
        }
        return nil
    }

    static func contains(_ slice: Slice<UnsafeBufferPointer<UInt8>>, _ s: String) -> Bool {
        let needle = Array(s.utf8)
        guard slice.count >= needle.count else { return false }
        var i = slice.startIndex
        while i + needle.count <= slice.endIndex {
            var k = 0
            while k < needle.count && lower(slice[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
            i += 1
        }
        return false
    }
}
