import RegWatchCore

// The plain text of a document, as the extractor and the store read it: one path from markup to words.
//
// Feeds carry HTML fragments (RSS `description`, Atom `content type="html"`), and the HTML page parser hands over
// the cleaned main text as HTML too. The extractor only needs words and paragraph breaks, so this is a small
// hand-written scanner rather than a second HTML parser: block-level tags become blank lines, `<br>` and list
// items become line breaks, `script`/`style` bodies are dropped, and character references are decoded with the
// parser's own table (`HTMLEntities`).

public enum DocumentText {
    /// The plain text the extractor reads from an entry: its longest content (or its summary when that is longer),
    /// one paragraph, heading or list item a line, then any brief section the body does not already hold, under its
    /// heading. The store keeps this text, so a stored article extracts exactly as the entry does.
    public static func of(_ entry: FeedEntry) -> String {
        var best: TextConstruct?
        for c in entry.content where c.value.utf8.count > (best?.value.utf8.count ?? 0) { best = c }
        if best == nil || (best!.value.utf8.count < (entry.summary?.value.utf8.count ?? 0)) { best = entry.summary ?? best }
        var text = best.map { $0.isMarkup ? fromHTML($0.value) : decodeReferences($0.value) } ?? ""
        guard !entry.sections.isEmpty else { return text }
        let flat = PlainTextMarks.comparable(text)
        for section in entry.sections where !section.text.isEmpty {
            if flat.contains(PlainTextMarks.comparable(String(section.text.prefix(60)))) { continue }
            text += (text.isEmpty ? "" : "\n\n") + (section.heading.isEmpty ? "" : section.heading + "\n\n") + section.text
        }
        return text
    }

    /// The entry's headline as plain text.
    public static func title(of entry: FeedEntry) -> String {
        entry.title.map { $0.isMarkup ? fromHTML($0.value) : $0.value } ?? ""
    }

    /// Plain text of an HTML fragment: tags removed, block elements turned into paragraph breaks.
    public static func fromHTML(_ html: String) -> String {
        var out = [UInt8]()
        let bytes = Array(html.utf8)
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        let tagless = !hasTag(bytes)
        while i < n {
            let b = bytes[i]
            if tagless, b == UInt8(ascii: "\n") {
                // Text with no tag at all is plain text that came in an HTML field (many feeds put plain text in
                // `description`): its blank lines are paragraph breaks and its list items start lines; a single line
                // break inside a paragraph (hard-wrapped text) is still only a space.
                out.append(breaksLine(bytes, after: i) || out.last == UInt8(ascii: "\n") ? UInt8(ascii: "\n") : UInt8(ascii: " "))
                i += 1
                continue
            }
            if b == UInt8(ascii: "<"), i + 1 < n, startsTag(bytes[i + 1]) {
                // Comments end at `-->`; everything else at the next `>`. A `<` before anything else ("3 < 5") is text.
                if i + 3 < n, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                    var j = i + 4
                    while j + 2 < n, !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">")) { j += 1 }
                    i = min(n, j + 3)
                    continue
                }
                var j = i + 1
                while j < n, bytes[j] != UInt8(ascii: ">") { j += 1 }
                let name = tagName(bytes, from: i + 1, to: j)
                i = min(n, j + 1)
                if name == "script" || name == "style" || name == "noscript" || name == "template" {
                    i = skipElementBody(bytes, from: i, name: name)
                    continue
                }
                if name == "br" || name == "li" || name == "tr" || name == "dt" || name == "dd" {
                    out.append(UInt8(ascii: "\n"))
                } else if name != "/li" && name != "/tr" && name != "/dt" && name != "/dd" && name != "/br",
                          blockTags.contains(name.hasPrefix("/") ? String(name.dropFirst()) : name) {
                    out.append(UInt8(ascii: "\n"))
                    out.append(UInt8(ascii: "\n"))
                }
                continue
            }
            if b == UInt8(ascii: "&") {
                if let (value, length) = decodeReference(bytes, at: i) {
                    out.append(contentsOf: Array(value.utf8))
                    i += length
                    continue
                }
            }
            // In HTML a line break in the source is only a space; paragraphs come from the tags above.
            out.append(b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") ? UInt8(ascii: " ") : b)
            i += 1
        }
        return normalizeWhitespace(String(decoding: out, as: UTF8.self))
    }

    /// Whether an HTML fragment has a tag, a comment or a declaration: `<` before a letter, `/`, `!` or `?`.
    static func hasTag(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), startsTag(bytes[i + 1]) { return true }
            i += 1
        }
        return false
    }

    /// Whether the byte after a `<` opens a tag, a comment or a declaration.
    static func startsTag(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c == UInt8(ascii: "/")
            || c == UInt8(ascii: "!") || c == UInt8(ascii: "?")
    }

    /// Whether the line break at `i` of plain text ends a paragraph or a list item: a blank line follows, or a line
    /// that starts with a list marker (one of `PlainTextMarks.bullets` and a space).
    static func breaksLine(_ bytes: [UInt8], after i: Int) -> Bool {
        var j = i + 1
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
        guard j < bytes.count else { return true }
        if bytes[j] == 0x0A { return true }
        for m in PlainTextMarks.bulletBytes where j + m.count < bytes.count && Array(bytes[j..<j + m.count]) == m {
            if bytes[j + m.count] == 0x20 { return true }
        }
        return false
    }

    /// Decodes character references in text that is otherwise plain (feeds sometimes escape twice).
    public static func decodeReferences(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&"), let (value, length) = decodeReference(bytes, at: i) {
                out.append(contentsOf: Array(value.utf8))
                i += length
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses runs of spaces and tabs, trims each line, and keeps at most one blank line between paragraphs.
    ///
    /// One pass over the bytes: every character it looks at is ASCII or U+00A0/U+FEFF, whose UTF-8 forms never occur
    /// inside another character's.
    static func normalizeWhitespace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let n = bytes.count
        var out = [UInt8]()
        out.reserveCapacity(n)
        var pendingBlank = false
        var i = 0
        while i <= n {
            var e = i
            while e < n && bytes[e] != 0x0A { e += 1 }
            var a = i
            var b = e
            i = e + 1
            while a < b {
                let c = bytes[a]
                if c == 0x20 || c == 0x09 || c == 0x0D { a += 1 }
                else if c == 0xC2 && a + 1 < b && bytes[a + 1] == 0xA0 { a += 2 }
                else if c == 0xEF && a + 2 < b && bytes[a + 1] == 0xBB && bytes[a + 2] == 0xBF { a += 3 }
                else { break }
            }
            while b > a {
                let c = bytes[b - 1]
                if c == 0x20 || c == 0x09 || c == 0x0D { b -= 1 }
                else if c == 0xA0 && b - 2 >= a && bytes[b - 2] == 0xC2 { b -= 2 }
                else { break }
            }
            if a == b {
                if !out.isEmpty { pendingBlank = true }
                continue
            }
            if !out.isEmpty {
                out.append(0x0A)
                if pendingBlank { out.append(0x0A) }
            }
            pendingBlank = false
            var lastSpace = false
            for k in a..<b {
                let c = bytes[k]
                if c == 0x20 || c == 0x09 || c == 0x0D {
                    if !lastSpace { out.append(0x20) }
                    lastSpace = true
                } else {
                    out.append(c)
                    lastSpace = false
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "figure", "figcaption", "hr", "form",
        "address", "details", "summary",
    ]

    private static func tagName(_ bytes: [UInt8], from: Int, to: Int) -> String {
        var k = from
        var name = [UInt8]()
        if k < to, bytes[k] == UInt8(ascii: "/") { name.append(UInt8(ascii: "/")); k += 1 }
        while k < to, name.count < 16 {
            var c = bytes[k]
            let isAlnum = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            guard isAlnum else { break }
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            name.append(c)
            k += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    private static func skipElementBody(_ bytes: [UInt8], from: Int, name: String) -> Int {
        let close = Array("</\(name)".utf8)
        var i = from
        while i + close.count <= bytes.count {
            var matches = true
            for (k, c) in close.enumerated() {
                var b = bytes[i + k]
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                if b != c { matches = false; break }
            }
            if matches {
                var j = i + close.count
                while j < bytes.count, bytes[j] != UInt8(ascii: ">") { j += 1 }
                return min(bytes.count, j + 1)
            }
            i += 1
        }
        return bytes.count
    }

    /// Decodes the character reference at `i` (`&name;`, `&#123;`, `&#x1F;`, by the feed parser's table of HTML's
    /// references): what it stands for and the length consumed. A no-break space is a space to a reader of words.
    private static func decodeReference(_ bytes: [UInt8], at i: Int) -> (String, Int)? {
        var j = i + 1
        let limit = min(bytes.count, i + 42)
        while j < limit, bytes[j] != UInt8(ascii: ";") { j += 1 }
        guard j < limit, j > i + 1 else { return nil }
        let body = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
        guard let value = HTMLEntities.referenceValue(Substring(body)), value != "\u{0}" else { return nil }
        return (value == "\u{A0}" ? " " : value, j - i + 1)
    }
}
