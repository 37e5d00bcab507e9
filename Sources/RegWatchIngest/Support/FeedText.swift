import Foundation
import RegWatchCore

/// Text constructs, persons and other small values shared by the XML formats.
enum FeedText {
    /// A text construct from an Atom element: `type` decides how to read it (RFC 4287 §3.1); Atom 0.3's `mode`
    /// (`escaped`, `base64`, `xml`) too.
    static func atomText(_ node: XMLNode, scope: Scope, legacy: Bool) -> TextConstruct {
        let rawType = node.attribute("type")?.trimmingSpaces().lowercased() ?? ""
        let mode = node.attribute("mode")?.trimmingSpaces().lowercased()
        let type: String
        switch rawType {
        case "", "text": type = TextConstruct.ContentType.plain.rawValue
        case "html": type = TextConstruct.ContentType.html.rawValue
        case "xhtml": type = TextConstruct.ContentType.xhtml.rawValue
        default: type = rawType
        }
        var value: String
        let isXHTML = rawType == "xhtml" || rawType == "application/xhtml+xml"
        if mode == "base64" || (mode == nil && !legacy && isBinary(rawType)) {
            // Atom 1.0 content of a non-text, non-XML media type is base64 (RFC 4287 §4.1.3.3).
            let cleaned = node.text.filter { !$0.isWhitespace }
            value = Data(base64Encoded: cleaned, options: .ignoreUnknownCharacters).map { String(decoding: $0, as: UTF8.self) } ?? node.text
        } else if isXHTML || (node.hasElementChildren && mode == "xml") {
            // Atom 1.0 wraps XHTML in one div that is not part of the value; Atom 0.3 keeps what it has.
            if !legacy, let div = node.onlyElementChild, div.named("div"), div.namespace == .xhtml {
                value = div.innerXHTML(base: scope.entering(div).base)
            } else {
                value = node.innerXHTML(base: scope.base)
            }
        } else if node.hasElementChildren {
            if let div = node.onlyElementChild, div.named("div"), div.namespace == .xhtml {
                // Escaped markup inside an XHTML div (a common generator mistake): the div's text is the value.
                value = div.text
            } else {
                value = node.innerXHTML(base: scope.base)
            }
        } else {
            value = node.text
        }
        value = value.trimmingSpaces()
        if type == TextConstruct.ContentType.html.rawValue { value = MarkupNormalizer.normalize(value, base: scope.base) }
        return TextConstruct(type: type, value: value, language: scope.lang)
    }

    /// A text construct from an RSS/RDF element, whose type the format does not say: `html` elements
    /// (description, content:encoded) are HTML; the others are plain text unless they carry HTML markup.
    static func rssText(_ node: XMLNode, scope: Scope, html: Bool) -> TextConstruct {
        var value: String
        var type: String = html ? TextConstruct.ContentType.html.rawValue : TextConstruct.ContentType.plain.rawValue
        if node.hasElementChildren {
            // Unescaped XHTML markup inside an RSS element: the markup is the value.
            value = node.innerXHTML(base: scope.base).trimmingSpaces()
            type = TextConstruct.ContentType.html.rawValue
        } else {
            value = node.text.trimmingSpaces()
        }
        if !html, type == TextConstruct.ContentType.plain.rawValue, looksLikeHTML(value) {
            type = TextConstruct.ContentType.html.rawValue
        }
        if type == TextConstruct.ContentType.html.rawValue { value = MarkupNormalizer.normalize(value, base: scope.base) }
        return TextConstruct(type: type, value: value, language: scope.lang)
    }

    /// Atom 1.0 reads content of any media type that is neither text nor XML as base64.
    static func isBinary(_ type: String) -> Bool {
        if type.isEmpty || type == "text" || type == "html" || type == "xhtml" { return false }
        if type.hasPrefix("text/") || type.hasSuffix("xml") || type.hasSuffix("+xml") { return false }
        return type.containsByte(UInt8(ascii: "/"))
    }

    /// The element names a plain-text field may contain and still be read as HTML.
    static let htmlElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br", "button",
        "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid", "datalist", "dd", "del",
        "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
        "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins",
        "kbd", "keygen", "label", "legend", "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript",
        "ol", "optgroup", "option", "output", "p", "pre", "progress", "q", "s", "samp", "section", "select", "small",
        "sound", "source", "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea",
        "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    ]

    /// `true` when a plain-text value is really HTML: it has a closing tag or a character reference, every tag is an
    /// HTML element, and every named reference is an HTML one.
    static func looksLikeHTML(_ s: String) -> Bool {
        guard s.containsByte(UInt8(ascii: "<")) || s.containsByte(UInt8(ascii: "&")) else { return false }
        var hasCloseTag = false
        var hasReference = false
        let chars = Array(s.utf8)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == UInt8(ascii: "<") {
                var j = i + 1
                let closing = j < chars.count && chars[j] == UInt8(ascii: "/")
                if closing { j += 1 }
                let start = j
                while j < chars.count, isWordByte(chars[j]) { j += 1 }
                if j > start {
                    let name = String(decoding: chars[start..<j], as: UTF8.self).lowercased()
                    if !htmlElements.contains(name) { return false }
                    if closing, j < chars.count, chars[j] == UInt8(ascii: ">") { hasCloseTag = true }
                }
                i = j
                continue
            }
            if c == UInt8(ascii: "&") {
                var j = i + 1
                let numeric = j < chars.count && chars[j] == UInt8(ascii: "#")
                if numeric { j += 1 }
                let start = j
                while j < chars.count, isWordByte(chars[j]) { j += 1 }
                if j > start, j < chars.count, chars[j] == UInt8(ascii: ";") {
                    hasReference = true
                    if !numeric, HTMLEntities.table[String(decoding: chars[start..<j], as: UTF8.self)] == nil { return false }
                }
                i = j
                continue
            }
            i += 1
        }
        return hasCloseTag || hasReference
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_")
    }

    /// In HTML values a literal `&` stays escaped: `AT&T` is written `AT&amp;T`; references are kept.
    static func escapeBareAmpersands(_ s: String) -> String {
        guard s.containsByte(UInt8(ascii: "&")) else { return s }
        var out: [UInt8] = []
        escapeBareAmpersands(Array(s.utf8)[...], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte-level form, appending to `out`.
    static func escapeBareAmpersands(_ chars: ArraySlice<UInt8>, into out: inout [UInt8]) {
        chars.withUnsafeBufferPointer { buf in
            let n = buf.count
            var copied = 0
            var i = 0
            while i < n {
                guard buf[i] == UInt8(ascii: "&") else { i += 1; continue }
                var j = i + 1
                var upperX = false
                if j < n, buf[j] == UInt8(ascii: "#") {
                    j += 1
                    if j < n, buf[j] == UInt8(ascii: "x") || buf[j] == UInt8(ascii: "X") {
                        upperX = buf[j] == UInt8(ascii: "X")
                        j += 1
                    }
                }
                let start = j
                while j < n, isWordByte(buf[j]) { j += 1 }
                let isReference = j > start && j < n && buf[j] == UInt8(ascii: ";")
                if !isReference {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[copied..<i]))
                    out.append(contentsOf: "&amp;".utf8)
                    copied = i + 1
                } else if upperX {
                    // HTML writes hexadecimal references with a lowercase x.
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[copied..<i]))
                    out.append(contentsOf: "&#x".utf8)
                    copied = i + 3
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[copied..<n]))
        }
    }

    // MARK: - Persons

    /// An RSS author value split into name and email: `Jane Doe (jane@example.com)`, `jane@example.com (Jane Doe)`,
    /// `Jane Doe <jane@example.com>`, or either alone.
    static func person(fromRSS raw: String) -> Person {
        let text = raw.trimmingSpaces()
        guard let emailRange = findEmail(in: text) else {
            return Person(name: text.isEmpty ? nil : text)
        }
        let email = String(text.utf8[emailRange])!
        // What is left around the address, less the brackets that held it.
        var rest: [UInt8] = []
        rest.reserveCapacity(text.utf8.count)
        rest.append(contentsOf: text.utf8[..<emailRange.lowerBound])
        rest.append(contentsOf: text.utf8[emailRange.upperBound...])
        for e in emptyBrackets {
            if let at = firstRange(of: e, in: rest) { rest.removeSubrange(at..<(at + e.count)) }
        }
        var name = String(decoding: rest, as: UTF8.self).trimmingSpaces()
        if name.hasPrefix("(") { name.removeFirst() }
        if name.hasSuffix(")") { name.removeLast() }
        name = name.trimmingSpaces()
        return Person(name: name.isEmpty ? nil : name, email: email)
    }

    /// The brackets an address leaves behind when it is taken out of an author value.
    private static let emptyBrackets: [[UInt8]] = [Array("()".utf8), Array("<>".utf8), Array("&lt;&gt;".utf8)]

    private static func firstRange(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// The first thing that looks like an email address (`local@domain.tld`), as a range of UTF-8 indices.
    static func findEmail(in text: String) -> Range<String.Index>? {
        guard text.containsByte(UInt8(ascii: "@")) else { return nil }
        let u = text.utf8
        guard let at = u.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        func isLocal(_ c: UInt8) -> Bool {
            (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
                || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c >= 0x80
        }
        func isDomain(_ c: UInt8) -> Bool {
            (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c >= 0x80
        }
        var start = at
        while start > u.startIndex, isLocal(u[u.index(before: start)]) { start = u.index(before: start) }
        let afterAt = u.index(after: at)
        var end = afterAt
        while end < u.endIndex, isDomain(u[end]) { end = u.index(after: end) }
        // Drop a trailing dot (end of a sentence).
        while end > afterAt, u[u.index(before: end)] == UInt8(ascii: ".") { end = u.index(before: end) }
        guard start < at, end > afterAt, u[afterAt..<end].contains(UInt8(ascii: ".")) else { return nil }
        return start..<end
    }

    /// The display string for an Atom person: name, plus ` (email)` when both are known.
    static func display(_ p: Person) -> String? {
        switch (p.name, p.email) {
        case let (name?, email?): return "\(name) (\(email))"
        case let (name?, nil): return name
        case let (nil, email?): return email
        default: return nil
        }
    }

    /// Parses a date element's text; an unreadable date is omitted (and is not a reason for `bozo`).
    static func date(_ node: XMLNode) -> Date? {
        node.withText { DateParser.parse(bytes: $0) }
    }
}
