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

    /// Rewrites HTML named references (`&nbsp;`, `&eacute;`) in UTF-8 XML bytes to numeric references (`&#160;`),
    /// outside CDATA sections, comments and the internal DTD subset, leaving XML's own five and any entity the
    /// document declares itself untouched.
    ///
    /// libxml2 must never meet an undefined entity in recover mode: after the first one it silently drops every
    /// later `&amp;` in text, corrupting links such as `a=1&amp;b=2`.
    /// - Returns: the rewritten bytes, or `nil` when there was nothing to rewrite; and the names rewritten.
    public static func rewriteNamedReferences(_ bytes: [UInt8]) -> (bytes: [UInt8], rewritten: [String])? {
        // Fast path: most feeds have no `&` outside the five XML entities.
        guard bytes.contains(UInt8(ascii: "&")) else { return nil }
        let declared = declaredEntityNames(bytes)
        var out: [UInt8] = []
        var rewritten: [String] = []
        var copiedUpTo = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "<"), i + 1 < n {
                // Skip regions where references are not references.
                if bytes[i + 1] == UInt8(ascii: "!") {
                    if hasPrefix(bytes, at: i, "<![CDATA[") {
                        i = find(bytes, "]]>", from: i + 9).map { $0 + 3 } ?? n
                        continue
                    }
                    if hasPrefix(bytes, at: i, "<!--") {
                        i = find(bytes, "-->", from: i + 4).map { $0 + 3 } ?? n
                        continue
                    }
                    if hasPrefix(bytes, at: i, "<!DOCTYPE") {
                        i = endOfDoctype(bytes, from: i)
                        continue
                    }
                }
                i += 1
                continue
            }
            if b == UInt8(ascii: "&") {
                var j = i + 1
                while j < n, j - i <= 40, isNameByte(bytes[j]) { j += 1 }
                if j < n, j > i + 1, bytes[j] == UInt8(ascii: ";") {
                    let name = Array(bytes[(i + 1)..<j])
                    if let replacement = numericByName[name], !declared.contains(name) {
                        if out.isEmpty { out.reserveCapacity(n + 64) }
                        out.append(contentsOf: bytes[copiedUpTo..<i])
                        out.append(contentsOf: replacement)
                        copiedUpTo = j + 1
                        rewritten.append(String(decoding: name, as: UTF8.self))
                    }
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        guard !rewritten.isEmpty else { return nil }
        out.append(contentsOf: bytes[copiedUpTo..<n])
        return (out, rewritten)
    }

    /// Decodes every character reference (named and numeric) in `text`, as an HTML reader would.
    public static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
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

    static func hasPrefix(_ bytes: [UInt8], at i: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<count where bytes[i + k] != p[k] { return false }
            return true
        }
    }

    static func find(_ bytes: [UInt8], _ needle: StaticString, from start: Int, to end: Int? = nil) -> Int? {
        let count = needle.utf8CodeUnitCount
        let stop = min(end ?? bytes.count, bytes.count)
        return needle.withUTF8Buffer { p -> Int? in
            var i = start
            while i + count <= stop {
                if bytes[i] == p[0] {
                    var k = 1
                    while k < count, bytes[i + k] == p[k] { k += 1 }
                    if k == count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// The end of a `<!DOCTYPE ...>` declaration, skipping its bracketed internal subset.
    private static func endOfDoctype(_ bytes: [UInt8], from start: Int) -> Int {
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

    /// Names declared with `<!ENTITY name ...>` in the internal subset: the document defines those itself.
    private static func declaredEntityNames(_ bytes: [UInt8]) -> Set<[UInt8]> {
        var names: Set<[UInt8]> = []
        var from = 0
        // Declarations only appear before the root element; bound the scan to the prolog.
        let limit = min(bytes.count, 1 << 16)
        guard find(bytes, "<!DOCTYPE", from: 0, to: limit) != nil else { return names }
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
