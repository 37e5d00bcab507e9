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
        let usableBase = base.flatMap { URLResolver.isUsableBase($0) ? $0 : nil }
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
            guard isNameStart(next), let tag = parseStartTag(b, at: i) else {
                out.append(contentsOf: "&lt;".utf8)
                i += 1
                textStart = i; textEnd = i
                continue
            }
            writeStartTag(tag, base: usableBase, into: &out)
            i = tag.end
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

    struct StartTag {
        var name: String
        var attributes: [(String, String)]
        var selfClosing: Bool
        var end: Int
    }

    static func parseStartTag(_ b: [UInt8], at start: Int) -> StartTag? {
        let n = b.count
        var j = start + 1
        let nameStart = j
        while j < n, isNameByte(b[j]) { j += 1 }
        let name = String(decoding: b[nameStart..<j], as: UTF8.self)
        var attributes: [(String, String)] = []
        var selfClosing = false
        while j < n {
            while j < n, isSpace(b[j]) { j += 1 }
            guard j < n else { return nil }
            if b[j] == UInt8(ascii: ">") { return StartTag(name: name, attributes: attributes, selfClosing: selfClosing, end: j + 1) }
            if b[j] == UInt8(ascii: "/") { selfClosing = true; j += 1; continue }
            if b[j] == UInt8(ascii: "<") { return nil }
            let attrStart = j
            while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: "="), b[j] != UInt8(ascii: ">"),
                  !(b[j] == UInt8(ascii: "/") && j + 1 < n && b[j + 1] == UInt8(ascii: ">")) { j += 1 }
            let attrName = String(decoding: b[attrStart..<j], as: UTF8.self)
            selfClosing = false
            while j < n, isSpace(b[j]) { j += 1 }
            var value = attrName
            if j < n, b[j] == UInt8(ascii: "=") {
                j += 1
                while j < n, isSpace(b[j]) { j += 1 }
                guard j < n else { return nil }
                if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j]
                    let valueStart = j + 1
                    guard let close = b[valueStart...].firstIndex(of: quote) else { return nil }
                    value = String(decoding: b[valueStart..<close], as: UTF8.self)
                    j = close + 1
                } else {
                    let valueStart = j
                    while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
                    value = String(decoding: b[valueStart..<j], as: UTF8.self)
                }
            }
            if !attrName.isEmpty, !attributes.contains(where: { $0.0 == attrName }) { attributes.append((attrName, value)) }
        }
        return nil
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
