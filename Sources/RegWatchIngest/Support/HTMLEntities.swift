import Foundation
/// HTML named character references: lookup, and the byte-level rewrite that lets libxml2 read feeds that use them.
public enum HTMLEntities {
    /// Name (without `&` and `;`) → the characters it stands for. Built once, on first use.
    public static let table: [String: String] = {
        var map: [String: String] = [:]
        map.reserveCapacity(2200)
        for pair in HTMLEntityTable.packed.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq])
            var value = ""
            for hex in pair[pair.index(after: eq)...].split(separator: ".") {
                if let cp = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(cp) {
                    value.unicodeScalars.append(scalar)
                }
            }
            map[name] = value
        }
        for (name, value) in [("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'")] {
            map[name] = value
        }
        return map
    }()

    /// The code points of `name`'s first character as a numeric reference body, e.g. `160` for `nbsp`.
    private static let numericByName: [[UInt8]: [UInt8]] = {
        var map: [[UInt8]: [UInt8]] = [:]
        map.reserveCapacity(table.count)
        for (name, value) in table where !["amp", "lt", "gt", "quot", "apos"].contains(name) {
            var bytes: [UInt8] = []
            for scalar in value.unicodeScalars {
                bytes.append(contentsOf: Array("&#\(scalar.value);".utf8))
            }
            map[Array(name.utf8)] = bytes
        }
        return map
    }()

    /// What `repairReferences` changed, for the `bozo_exception`.
    public struct Repairs: Sendable {
        /// HTML named references rewritten to numeric ones.
        public var htmlEntities: [String] = []
        /// Undefined references and bare `&`s escaped so they read as text.
        public var bareAmpersands = 0
        public var isEmpty: Bool { htmlEntities.isEmpty && bareAmpersands == 0 }
    }

    /// Repairs the character references of UTF-8 XML bytes before libxml2 reads them, outside CDATA sections,
    /// comments and the DOCTYPE:
    /// - HTML named references (`&nbsp;`, `&eacute;`) become numeric references (`&#160;`);
    /// - a `&` that starts no reference (`?a=1&b=2`), or an undefined one (`&bogus;`), becomes `&amp;`, so the
    ///   text reads as written;
    /// - `&#X41;` becomes `&#x41;`.
    /// XML's own five and any entity the document declares are left alone.
    ///
    /// libxml2 must never meet an undefined entity in recover mode: after the first one it silently drops every
    /// later `&amp;` in text, corrupting links such as `a=1&amp;b=2`.
    /// - Returns: the repaired bytes and what changed, or `nil` when nothing needed repair.
    public static func repairReferences(_ bytes: [UInt8]) -> (bytes: [UInt8], repairs: Repairs)? {
        // Fast path: most feeds have no `&` outside the five XML entities.
        guard nextByte(UInt8(ascii: "&"), in: bytes, from: 0) != nil else { return nil }
        let declared = declaredEntityNames(bytes)
        return bytes.withUnsafeBufferPointer { repairReferences($0, declared: declared) }
    }

    /// The loop of `repairReferences`, over the document's bytes. Escaped HTML puts an `&` every few bytes, so each
    /// one costs a memchr and a few byte tests, nothing more: the next `<!` (which may open a region where
    /// references are not references: CDATA, a comment, the DOCTYPE) is searched once and remembered until the
    /// scan passes it.
    private static func repairReferences(_ bytes: UnsafeBufferPointer<UInt8>, declared: Set<[UInt8]>) -> (bytes: [UInt8], repairs: Repairs)? {
        guard let base = bytes.baseAddress else { return nil }
        var out: [UInt8] = []
        var repairs = Repairs()
        var copiedUpTo = 0
        var i = 0
        let n = bytes.count
        func flush(to index: Int) {
            if out.isEmpty { out.reserveCapacity(n + 64) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<index]))
        }
        func nextDeclaration(from: Int) -> Int {
            markupDeclarationStart.withUTF8Buffer { search(base, from: from, to: n, for: $0) } ?? n
        }
        // The next `<!` at or after the end of the last region skipped.
        var declaration = nextDeclaration(from: 0)
        scan: while i < n {
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "&")), n - i) else { break }
            let amp = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            while declaration < amp {
                let lt = declaration
                let end: Int
                if hasPrefix(bytes, at: lt, "<![CDATA[") {
                    end = find(bytes, "]]>", from: lt + 9).map { $0 + 3 } ?? n
                } else if hasPrefix(bytes, at: lt, "<!--") {
                    end = find(bytes, "-->", from: lt + 4).map { $0 + 3 } ?? n
                } else if hasPrefix(bytes, at: lt, "<!DOCTYPE") {
                    end = endOfDoctype(bytes, from: lt)
                } else {
                    end = lt + 2
                }
                declaration = nextDeclaration(from: end)
                if end > amp {
                    i = end
                    continue scan
                }
            }
            i = amp
            var j = i + 1
            if j < n, bytes[j] == UInt8(ascii: "#") {
                // Numeric reference: `&#123;` or `&#x7B;`; an uppercase X is repaired, anything else escaped.
                j += 1
                var hex = false
                if j < n, bytes[j] == UInt8(ascii: "x") || bytes[j] == UInt8(ascii: "X") { hex = true; j += 1 }
                let digitsStart = j
                while j < n, j - digitsStart < 10, hex ? isHexByte(bytes[j]) : (bytes[j] >= 0x30 && bytes[j] <= 0x39) { j += 1 }
                if j > digitsStart, j < n, bytes[j] == UInt8(ascii: ";") {
                    if hex, bytes[i + 2] == UInt8(ascii: "X") {
                        flush(to: i)
                        out.append(contentsOf: "&#x".utf8)
                        copiedUpTo = i + 3
                        repairs.bareAmpersands += 1
                    }
                    i = j + 1
                    continue
                }
            } else {
                while j < n, j - i <= 40, isNameByte(bytes[j]) || bytes[j] == UInt8(ascii: "_") || bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: ".") { j += 1 }
                if j > i + 1, j < n, bytes[j] == UInt8(ascii: ";") {
                    // XML's own five are the common case: matched in place, without building the name.
                    if isXMLEntityName(bytes, from: i + 1, to: j) {
                        i = j + 1
                        continue
                    }
                    let name = Array(bytes[(i + 1)..<j])
                    if declared.contains(name) {
                        i = j + 1
                        continue
                    }
                    if let replacement = numericByName[name] {
                        flush(to: i)
                        out.append(contentsOf: replacement)
                        copiedUpTo = j + 1
                        repairs.htmlEntities.append(String(decoding: name, as: UTF8.self))
                        i = j + 1
                        continue
                    }
                }
            }
            // Not a reference: the `&` is text.
            flush(to: i)
            out.append(contentsOf: "&amp;".utf8)
            copiedUpTo = i + 1
            repairs.bareAmpersands += 1
            i += 1
        }
        guard !repairs.isEmpty else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<n]))
        return (out, repairs)
    }

    private static let markupDeclarationStart: StaticString = "<!"

    /// The index of the next `byte` at or after `from` (memchr).
    static func nextByte(_ byte: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, let hit = memchr(base + from, Int32(byte), buf.count - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The first index of `needle` in `base[from..<to]`: memchr for its first byte, memcmp for the rest.
    static func search(_ base: UnsafePointer<UInt8>, from: Int, to: Int, for needle: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, let np = needle.baseAddress else { return nil }
        var i = from
        while i + needle.count <= to {
            guard let hit = memchr(base + i, Int32(first), to - i) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard at + needle.count <= to else { return nil }
            if memcmp(base + at, np, needle.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// The index of the next `<!` in `from..<before`.
    static func nextMarkupDeclaration(in bytes: [UInt8], from: Int, before: Int) -> Int? {
        guard from < before else { return nil }
        let limit = min(before + 1, bytes.count)
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress else { return nil }
            let needle: [UInt8] = [UInt8(ascii: "<"), UInt8(ascii: "!")]
            guard let at = needle.withUnsafeBufferPointer({ search(base, from: from, to: limit, for: $0) }) else { return nil }
            return at < before ? at : nil
        }
    }

    /// `true` for `amp`, `lt`, `gt`, `quot` and `apos` in `bytes[from..<to]`.
    private static func isXMLEntityName<C: RandomAccessCollection<UInt8>>(_ bytes: C, from: Int, to: Int) -> Bool where C.Index == Int {
        switch to - from {
        case 2:
            return (bytes[from] == UInt8(ascii: "l") || bytes[from] == UInt8(ascii: "g")) && bytes[from + 1] == UInt8(ascii: "t")
        case 3:
            return bytes[from] == UInt8(ascii: "a") && bytes[from + 1] == UInt8(ascii: "m") && bytes[from + 2] == UInt8(ascii: "p")
        case 4:
            return hasPrefix(bytes, at: from, "quot") || hasPrefix(bytes, at: from, "apos")
        default:
            return false
        }
    }

    private static func isHexByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
    }

    /// Decodes every character reference (named and numeric) in `text`, as an HTML reader would.
    public static func decode(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "&")) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(42).firstIndex(of: ";"), let value = referenceValue(after[..<semi]) {
                result += value
                rest = after[after.index(after: semi)...]
            } else {
                result += "&"
                rest = after
            }
        }
        result += rest
        return result
    }

    /// The characters a reference body (`nbsp`, `#160`, `#xA0`) stands for.
    static func referenceValue(_ body: Substring) -> String? {
        if body.first == "#" {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let v = value, let scalar = Unicode.Scalar(v) else { return nil }
            return String(Character(scalar))
        }
        return table[String(body)]
    }

    // MARK: - Byte helpers

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    static func hasPrefix<C: RandomAccessCollection<UInt8>>(_ bytes: C, at i: Int, _ prefix: StaticString) -> Bool where C.Index == Int {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<count where bytes[i + k] != p[k] { return false }
            return true
        }
    }

    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from start: Int, to end: Int? = nil) -> Int? {
        let count = needle.utf8CodeUnitCount
        let stop = min(end ?? bytes.count, bytes.count)
        guard start >= 0, start + count <= stop, let base = bytes.baseAddress else { return nil }
        return needle.withUTF8Buffer { search(base, from: start, to: stop, for: $0) }
    }

    static func find(_ bytes: [UInt8], _ needle: StaticString, from start: Int, to end: Int? = nil) -> Int? {
        let count = needle.utf8CodeUnitCount
        let stop = min(end ?? bytes.count, bytes.count)
        guard start >= 0, start + count <= stop else { return nil }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            needle.withUTF8Buffer { p -> Int? in
                guard let base = buf.baseAddress else { return nil }
                return search(base, from: start, to: stop, for: p)
            }
        }
    }

    /// The end of a `<!DOCTYPE ...>` declaration, skipping its bracketed internal subset.
    static func endOfDoctype<C: RandomAccessCollection<UInt8>>(_ bytes: C, from start: Int) -> Int where C.Index == Int {
        var i = start
        var depth = 0
        var quote: UInt8 = 0
        while i < bytes.count {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "]") {
                depth -= 1
            } else if b == UInt8(ascii: ">") && depth <= 0 {
                return i + 1
            }
            i += 1
        }
        return bytes.count
    }

    /// `true` when the prolog (what comes before the root element, within `limit`) has a `<!DOCTYPE`: the scan
    /// stops at the first element rather than searching the whole document.
    private static func hasDoctype(_ bytes: [UInt8], before limit: Int) -> Bool {
        var i = 0
        while let lt = nextByte(UInt8(ascii: "<"), in: bytes, from: i), lt < limit {
            if hasPrefix(bytes, at: lt, "<!DOCTYPE") { return true }
            if hasPrefix(bytes, at: lt, "<?") {
                guard let end = find(bytes, "?>", from: lt + 2, to: limit) else { return false }
                i = end + 2
            } else if hasPrefix(bytes, at: lt, "<!--") {
                guard let end = find(bytes, "-->", from: lt + 4, to: limit) else { return false }
                i = end + 3
            } else if lt + 1 < bytes.count, bytes[lt + 1] == UInt8(ascii: "!") {
                i = lt + 2
            } else {
                return false
            }
        }
        return false
    }

    /// Names declared with `<!ENTITY name ...>` in the internal subset: the document defines those itself.
    private static func declaredEntityNames(_ bytes: [UInt8]) -> Set<[UInt8]> {
        var names: Set<[UInt8]> = []
        var from = 0
        // Declarations only appear before the root element; bound the scan to the prolog.
        let limit = min(bytes.count, 1 << 16)
        guard hasDoctype(bytes, before: limit) else { return names }
        while let at = find(bytes, "<!ENTITY", from: from, to: limit) {
            var i = at + 8
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
            if i < bytes.count, bytes[i] == UInt8(ascii: "%") { from = i; continue }
            let startName = i
            while i < bytes.count, isNameByte(bytes[i]) || bytes[i] == UInt8(ascii: "_") || bytes[i] == UInt8(ascii: "-")
                || bytes[i] == UInt8(ascii: ".") { i += 1 }
            if i > startName { names.insert(Array(bytes[startName..<i])) }
            from = i
        }
        return names
    }
}
