import Foundation
/// Rewrites the HTML of a `text/html` value into one consistent, well-formed-looking form, as feed readers do
/// before they show it:
/// - attributes are double-quoted, sorted by name, and their `<`, `>`, `"` and bare `&` escaped;
/// - void elements are written `<br />`; a self-closed non-void element (`<circle/>`) is written as a start tag;
/// - a `<` that starts no tag, and a bare `&`, are escaped in text;
/// - relative URIs in link attributes (`href`, `src`, ...) are resolved against the base in scope;
/// - SVG and MathML get their namespace, and `xlink:` attributes theirs, when the markup leaves them out.
/// Comments are kept. Nothing is removed: this is not a sanitizer.
enum MarkupNormalizer {
    static let voidElements: Set<String> = ["area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input",
                                            "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"]
    static let uriAttributes: Set<String> = ["href", "src", "cite", "action", "background", "longdesc", "poster", "codebase",
                                             "data", "usemap", "profile", "dynsrc", "lowsrc", "xlink:href"]

    static func normalize(_ html: String, base: String?) -> String {
        guard html.containsByte(UInt8(ascii: "<")) || html.containsByte(UInt8(ascii: "&")) else { return html }
        let usableBase = base.flatMap { URLResolver.isUsableBase($0) ? $0 : nil }
        // Most published HTML is already in this form: one read-only pass says so, and nothing is built.
        if html.utf8.withContiguousStorageIfAvailable({ isAlreadyNormal($0, base: usableBase) }) == true { return html }
        return rewrite(html, usableBase: usableBase)
    }

    /// The full rewrite behind `normalize`, for a base already checked with `URLResolver.isUsableBase`.
    static func rewrite(_ html: String, usableBase: String?) -> String {
        let b = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 32)
        // Text runs are copied in one piece when the next tag is met.
        var textStart = 0
        var textEnd = 0
        func flushText() {
            if textEnd > textStart { FeedText.escapeBareAmpersands(b[textStart..<textEnd], into: &out) }
            textStart = textEnd
        }
        var scratch: [AttributeRange] = []
        var i = 0
        let n = b.count
        while i < n {
            // Jump to the next `<` (memchr): text between tags is copied in one piece.
            guard let lt = HTMLEntities.nextByte(UInt8(ascii: "<"), in: b, from: i) else { textEnd = n; break }
            i = lt
            textEnd = lt
            flushText()
            if HTMLEntities.hasPrefix(b, at: i, "<!--") {
                let end = HTMLEntities.find(b, "-->", from: i + 4).map { $0 + 3 } ?? n
                out.append(contentsOf: b[i..<end])
                i = end
                textStart = i; textEnd = i
                continue
            }
            let next = i + 1 < n ? b[i + 1] : 0
            if next == UInt8(ascii: "!"), i + 2 < n, isNameStart(b[i + 2]) {
                // A declaration (`<!DOCTYPE ...>`) is kept as written.
                let end = b[i...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? n
                out.append(contentsOf: b[i..<end])
                i = end
                textStart = i; textEnd = i
                continue
            }
            if next == UInt8(ascii: "/"), i + 2 < n, isNameStart(b[i + 2]) {
                var j = i + 2
                while j < n, isNameByte(b[j]) { j += 1 }
                let name = b[(i + 2)..<j]
                guard let close = b[j...].firstIndex(of: UInt8(ascii: ">")) else {
                    out.append(contentsOf: "&lt;".utf8); i += 1; textStart = i; textEnd = i; continue
                }
                out.append(contentsOf: "</".utf8)
                out.append(contentsOf: name)
                out.append(UInt8(ascii: ">"))
                i = close + 1
                textStart = i; textEnd = i
                continue
            }
            guard isNameStart(next), let end = writeStartTagBytes(b, at: i, base: usableBase, scratch: &scratch, into: &out) else {
                out.append(contentsOf: "&lt;".utf8)
                i += 1
                textStart = i; textEnd = i
                continue
            }
            i = end
            textStart = i; textEnd = i
        }
        textEnd = n
        flushText()
        // Most published HTML is already in this form: hand back the original string rather than decode a copy.
        if out.count == n, out.withUnsafeBufferPointer({ o in b.withUnsafeBufferPointer { memcmp(o.baseAddress!, $0.baseAddress!, n) == 0 } }) {
            return html
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `true` when `normalize` would hand back exactly these bytes: every tag is already in normal form (one space
    /// before each attribute, double quotes, attributes sorted and unique, ` />` on void elements only), every `&`
    /// starts a reference, and no link attribute needs resolving. Any doubt answers `false`, and `normalize` does
    /// the full rewrite.
    static func isAlreadyNormal(_ b: UnsafeBufferPointer<UInt8>, base: String?) -> Bool {
        guard let p = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        var textStart = 0
        while i < n {
            guard let hit = memchr(p + i, Int32(UInt8(ascii: "<")), n - i) else { break }
            let lt = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard ampersandsAreReferences(b, from: textStart, to: lt) else { return false }
            i = lt
            let next = i + 1 < n ? b[i + 1] : 0
            if next == UInt8(ascii: "!"), i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                // A comment is kept as written.
                i = search(b, "-->", from: i + 4).map { $0 + 3 } ?? n
            } else if next == UInt8(ascii: "!"), i + 2 < n, isNameStart(b[i + 2]) {
                // A declaration too.
                guard let gt = memchr(p + i, Int32(UInt8(ascii: ">")), n - i) else { return true }
                i = p.distance(to: gt.assumingMemoryBound(to: UInt8.self)) + 1
            } else if next == UInt8(ascii: "/"), i + 2 < n, isNameStart(b[i + 2]) {
                // An end tag is written `</name>`.
                var j = i + 2
                while j < n, isNameByte(b[j]) { j += 1 }
                guard j < n, b[j] == UInt8(ascii: ">") else { return false }
                i = j + 1
            } else {
                guard isNameStart(next), let end = startTagIsNormal(b, at: i, base: base) else { return false }
                i = end
            }
            textStart = i
        }
        return ampersandsAreReferences(b, from: textStart, to: n)
    }

    /// The start tag at `start` is in normal form: the index after it, else `nil`.
    private static func startTagIsNormal(_ b: UnsafeBufferPointer<UInt8>, at start: Int, base: String?) -> Int? {
        let n = b.count
        var j = start + 1
        let nameStart = j
        while j < n, isNameByte(b[j]) { j += 1 }
        let name = nameStart..<j
        if equalFolded(b, name, svgName) || equalFolded(b, name, mathName) { return nil }
        let isVoid = voidElementNames.contains { equalFolded(b, name, $0) }
        var previous: Range<Int>?
        while j < n {
            if b[j] == UInt8(ascii: ">") { return isVoid ? nil : j + 1 }
            guard b[j] == UInt8(ascii: " "), j + 1 < n else { return nil }
            j += 1
            if b[j] == UInt8(ascii: "/") {
                return isVoid && j + 1 < n && b[j + 1] == UInt8(ascii: ">") ? j + 2 : nil
            }
            let attrStart = j
            while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: "="), b[j] != UInt8(ascii: ">"),
                  !(b[j] == UInt8(ascii: "/") && j + 1 < n && b[j + 1] == UInt8(ascii: ">")) { j += 1 }
            let attrName = attrStart..<j
            guard !attrName.isEmpty, j + 1 < n, b[j] == UInt8(ascii: "="), b[j + 1] == UInt8(ascii: "\"") else { return nil }
            let valueStart = j + 2
            guard valueStart < n,
                  let close = memchr(b.baseAddress! + valueStart, Int32(UInt8(ascii: "\"")), n - valueStart) else { return nil }
            let valueEnd = b.baseAddress!.distance(to: close.assumingMemoryBound(to: UInt8.self))
            // Sorted and unique, no `xlink:` (which gains a declaration), no `<`/`>` or bare `&` in the value, and
            // no relative link to resolve.
            if let previous, !b[previous].lexicographicallyPrecedes(b[attrName]) { return nil }
            if attrName.count >= 6, b[attrName.lowerBound..<(attrName.lowerBound + 6)].elementsEqual("xlink:".utf8) { return nil }
            for k in valueStart..<valueEnd where b[k] == UInt8(ascii: "<") || b[k] == UInt8(ascii: ">") { return nil }
            guard ampersandsAreReferences(b, from: valueStart, to: valueEnd) else { return nil }
            if base != nil, uriAttributeNames.contains(where: { equalFolded(b, attrName, $0) }),
               !hasScheme(b, valueStart..<valueEnd) { return nil }
            previous = attrName
            j = valueEnd + 1
        }
        return nil
    }

    /// `true` when every `&` in `b[from..<to]` starts a reference that `FeedText.escapeBareAmpersands` keeps as it is.
    private static func ampersandsAreReferences(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        guard let p = b.baseAddress else { return true }
        var i = from
        while i < to {
            guard let hit = memchr(p + i, Int32(UInt8(ascii: "&")), to - i) else { return true }
            var j = p.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            if j < to, b[j] == UInt8(ascii: "#") {
                j += 1
                if j < to, b[j] == UInt8(ascii: "X") { return false }   // rewritten with a lowercase x
                if j < to, b[j] == UInt8(ascii: "x") { j += 1 }
            }
            let start = j
            while j < to, isWordByte(b[j]) { j += 1 }
            guard j > start, j < to, b[j] == UInt8(ascii: ";") else { return false }
            i = j + 1
        }
        return true
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "_")
    }

    private static func search(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        needle.withUTF8Buffer { HTMLEntities.search(b.baseAddress!, from: from, to: b.count, for: $0) }
    }

    /// An attribute of a start tag as byte ranges of the input; a value-less attribute's value is its name.
    struct AttributeRange {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// Reads the start tag at `start` and writes its normal form, working on byte ranges: most tags (`<p>`,
    /// `<a href="https://…">`) need no `String` at all. Tags that need more (`<svg>`, `<math>`, `xlink:`) take
    /// the `String` path. Returns the index after the tag, or `nil` when it is not a tag (then nothing is written).
    static func writeStartTagBytes(_ b: [UInt8], at start: Int, base: String?, scratch attrs: inout [AttributeRange],
                                   into out: inout [UInt8]) -> Int? {
        let n = b.count
        var j = start + 1
        let nameStart = j
        while j < n, isNameByte(b[j]) { j += 1 }
        let name = nameStart..<j
        attrs.removeAll(keepingCapacity: true)
        var end: Int?
        while j < n {
            while j < n, isSpace(b[j]) { j += 1 }
            guard j < n else { return nil }
            if b[j] == UInt8(ascii: ">") { end = j + 1; break }
            if b[j] == UInt8(ascii: "/") { j += 1; continue }
            if b[j] == UInt8(ascii: "<") { return nil }
            let attrStart = j
            while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: "="), b[j] != UInt8(ascii: ">"),
                  !(b[j] == UInt8(ascii: "/") && j + 1 < n && b[j + 1] == UInt8(ascii: ">")) { j += 1 }
            let attrName = attrStart..<j
            while j < n, isSpace(b[j]) { j += 1 }
            var value = attrName
            if j < n, b[j] == UInt8(ascii: "=") {
                j += 1
                while j < n, isSpace(b[j]) { j += 1 }
                guard j < n else { return nil }
                if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j]
                    let valueStart = j + 1
                    guard let close = HTMLEntities.nextByte(quote, in: b, from: valueStart) else { return nil }
                    value = valueStart..<close
                    j = close + 1
                } else {
                    let valueStart = j
                    while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
                    value = valueStart..<j
                }
            }
            if !attrName.isEmpty, !attrs.contains(where: { equal(b, $0.name, attrName) }) {
                attrs.append(AttributeRange(name: attrName, value: value))
            }
        }
        guard let end else { return nil }
        // Markup that gains attributes goes the `String` way.
        if equalFolded(b, name, svgName) || equalFolded(b, name, mathName)
            || attrs.contains(where: { hasPrefix(b, $0.name, "xlink:") }) {
            let tag = StartTag(name: String(decoding: b[name], as: UTF8.self),
                               attributes: attrs.map { (String(decoding: b[$0.name], as: UTF8.self), String(decoding: b[$0.value], as: UTF8.self)) },
                               selfClosing: false, end: end)
            writeStartTag(tag, base: base, into: &out)
            return end
        }
        if attrs.count > 1 {
            // Insertion sort by name bytes: tags have few attributes.
            for k in 1..<attrs.count {
                let item = attrs[k]
                var m = k
                while m > 0, precedes(b, item.name, attrs[m - 1].name) {
                    attrs[m] = attrs[m - 1]
                    m -= 1
                }
                attrs[m] = item
            }
        }
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: b[name])
        for attr in attrs {
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: b[attr.name])
            out.append(contentsOf: "=\"".utf8)
            let needsResolution = base != nil && isURIAttribute(b, attr.name) && !hasScheme(b, attr.value)
            if needsResolution, let base {
                let value = URLResolver.resolve(HTMLEntities.decode(String(decoding: b[attr.value], as: UTF8.self)), against: base)
                out.append(contentsOf: escapeAttribute(value).utf8)
            } else if b[attr.value].contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
                out.append(contentsOf: escapeAttribute(String(decoding: b[attr.value], as: UTF8.self)).utf8)
            } else {
                out.append(contentsOf: b[attr.value])
            }
            out.append(UInt8(ascii: "\""))
        }
        if voidElementNames.contains(where: { equalFolded(b, name, $0) }) {
            out.append(contentsOf: " />".utf8)
        } else {
            out.append(UInt8(ascii: ">"))
        }
        return end
    }

    /// `voidElements` as bytes, for `writeStartTagBytes`.
    private static let voidElementNames: [[UInt8]] = voidElements.map { Array($0.utf8) }
    private static let uriAttributeNames: [[UInt8]] = uriAttributes.map { Array($0.utf8) }

    private static func isURIAttribute(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        uriAttributeNames.contains { equalFolded(b, r, $0) }
    }

    /// `URLResolver.scheme(of:) != nil` over bytes.
    private static func hasScheme<C: RandomAccessCollection<UInt8>>(_ b: C, _ r: Range<Int>) -> Bool where C.Index == Int {
        var length = 0
        for k in r {
            let c = b[k]
            if c == UInt8(ascii: ":") { return length > 0 }
            let isAlpha = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            let isOther = (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            guard isAlpha || (length > 0 && isOther) else { return false }
            length += 1
        }
        return false
    }

    private static func equal(_ b: [UInt8], _ x: Range<Int>, _ y: Range<Int>) -> Bool {
        x.count == y.count && b[x].elementsEqual(b[y])
    }

    /// ASCII case-insensitive equality of `b[r]` with a lowercase name.
    private static func equalFolded<C: RandomAccessCollection<UInt8>>(_ b: C, _ r: Range<Int>, _ lower: [UInt8]) -> Bool where C.Index == Int {
        guard r.count == lower.count else { return false }
        var k = 0
        for i in r {
            let c = b[i]
            let folded = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            if folded != lower[k] { return false }
            k += 1
        }
        return true
    }

    private static let svgName = Array("svg".utf8)
    private static let mathName = Array("math".utf8)

    private static func hasPrefix(_ b: [UInt8], _ r: Range<Int>, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { p in r.count >= p.count && b[r.lowerBound..<(r.lowerBound + p.count)].elementsEqual(p) }
    }

    private static func precedes(_ b: [UInt8], _ x: Range<Int>, _ y: Range<Int>) -> Bool {
        b[x].lexicographicallyPrecedes(b[y])
    }

    struct StartTag {
        var name: String
        var attributes: [(String, String)]
        var selfClosing: Bool
        var end: Int
    }

    static func writeStartTag(_ tag: StartTag, base: String?, into out: inout [UInt8]) {
        var attrs = tag.attributes
        let lower = tag.name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? tag.name.lowercased() : tag.name
        if lower == "svg", !attrs.contains(where: { $0.0 == "xmlns" }) { attrs.append(("xmlns", "http://www.w3.org/2000/svg")) }
        if lower == "math", !attrs.contains(where: { $0.0 == "xmlns" }) { attrs.append(("xmlns", "http://www.w3.org/1998/Math/MathML")) }
        if attrs.contains(where: { $0.0.hasPrefix("xlink:") }), !attrs.contains(where: { $0.0 == "xmlns:xlink" }) {
            attrs.append(("xmlns:xlink", "http://www.w3.org/1999/xlink"))
        }
        if attrs.count > 1 { attrs.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) } }
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: tag.name.utf8)
        for (name, rawValue) in attrs {
            var value = rawValue
            // Only relative references need work; an absolute one is kept as written.
            if let base, uriAttributes.contains(name) || uriAttributes.contains(name.lowercased()), URLResolver.scheme(of: value) == nil {
                value = URLResolver.resolve(HTMLEntities.decode(value), against: base)
            }
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: "=\"".utf8)
            out.append(contentsOf: escapeAttribute(value).utf8)
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: voidElements.contains(lower) ? " />".utf8 : ">".utf8)
    }

    static func escapeAttribute(_ value: String) -> String {
        var s = FeedText.escapeBareAmpersands(value)
        if s.utf8.contains(UInt8(ascii: "\"")) { s = s.replacingAll("\"", with: "&quot;") }
        if s.containsByte(UInt8(ascii: "<")) { s = s.replacingAll("<", with: "&lt;") }
        if s.containsByte(UInt8(ascii: ">")) { s = s.replacingAll(">", with: "&gt;") }
        return s
    }

    static func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
    }
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
}

extension String {
    /// Replaces every occurrence of one character with a string (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for ch in self {
            if ch == target { result += replacement } else { result.append(ch) }
        }
        return result
    }
}
