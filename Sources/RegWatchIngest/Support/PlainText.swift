/// Plain text from a text construct's value, for summaries and tables.
public enum PlainText {
    /// The value as plain text: markup removed (block elements become line breaks), references decoded, runs of
    /// spaces collapsed. A `text/plain` value is returned as is, trimmed.
    public static func fromMarkup(_ value: String, type: String) -> String {
        guard type != "text/plain" else { return value.trimmingSpaces() }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var inTag = false
        var tagName = ""
        var readingName = false
        for ch in value {
            if inTag {
                if ch == ">" {
                    inTag = false
                    let name = tagName.lowercased()
                    if blockTags.contains(name) { out.append("\n") }
                } else if readingName {
                    if ch.isLetter || ch.isNumber { tagName.append(ch) } else if !(ch == "/" && tagName.isEmpty) { readingName = false }
                }
                continue
            }
            if ch == "<" {
                inTag = true
                readingName = true
                tagName = ""
                continue
            }
            out.append(ch)
        }
        let decoded = HTMLEntities.decode(out)
        // Collapse spaces within lines, and blank lines.
        var lines: [String] = []
        for line in decoded.split(separator: "\n", omittingEmptySubsequences: false) {
            let collapsed = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" }).joined(separator: " ")
            if collapsed.isEmpty {
                if let last = lines.last, !last.isEmpty { lines.append("") }
            } else {
                lines.append(collapsed)
            }
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
        "section", "article", "header", "footer", "dd", "dt", "dl", "hr", "figure", "figcaption",
    ]
}
