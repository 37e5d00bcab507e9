/// Repairs one common way a feed stops being well-formed: an unclosed tag inside an element that holds text
/// (`<title>One <b>bold</title>`). libxml2's recovery keeps the stray `<b>` open, so it swallows the `<link>` after
/// it and the next items end up inside the first one. Escaping the markup of such an element (`&lt;b&gt;`) makes the
/// title read as HTML text, as a feed reader shows it, and leaves the rest of the document as written.
///
/// Byte-level and only run on documents the strict parse rejected.
enum TextElementRepair {
    /// RSS elements that hold text only.
    static let textElements: [[UInt8]] = ["title", "link", "guid", "pubDate", "author", "comments", "category", "description"]
        .map { Array($0.utf8) }

    /// The document with the markup of unbalanced text elements escaped; `nil` when there is none.
    static func repair(_ b: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        let n = b.count
        while i < n {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if HTMLEntities.hasPrefix(b, at: i, "<![CDATA[") {
                i = (HTMLEntities.find(b, "]]>", from: i + 9) ?? n - 3) + 3
                continue
            }
            if HTMLEntities.hasPrefix(b, at: i, "<!--") {
                i = (HTMLEntities.find(b, "-->", from: i + 4) ?? n - 3) + 3
                continue
            }
            guard let name = textElement(b, at: i + 1) else { i += 1; continue }
            // The start tag's end; a self-closing tag holds nothing.
            var j = i + 1 + name.count
            while j < n, b[j] != UInt8(ascii: ">") { j += 1 }
            guard j < n, b[j - 1] != UInt8(ascii: "/") else { i = j; continue }
            let start = j + 1
            guard let end = findEndTag(b, name, from: start) else { i = start; continue }
            if b[start..<end].contains(UInt8(ascii: "<")), !balanced(b, start, end) {
                out.append(contentsOf: b[copied..<start])
                for c in b[start..<end] {
                    switch c {
                    case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                    case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                    default: out.append(c)
                    }
                }
                copied = end
            }
            i = end
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: b[copied...])
        return out
    }

    /// The text element whose name starts at `i` (followed by `>`, `/` or a space).
    private static func textElement(_ b: [UInt8], at i: Int) -> [UInt8]? {
        for name in textElements where i + name.count < b.count && b[i..<(i + name.count)].elementsEqual(name) {
            let after = b[i + name.count]
            if after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D {
                return name
            }
        }
        return nil
    }

    private static func findEndTag(_ b: [UInt8], _ name: [UInt8], from: Int) -> Int? {
        var i = from
        while i + name.count + 2 < b.count {
            if b[i] == UInt8(ascii: "<"), b[i + 1] == UInt8(ascii: "/"), b[(i + 2)..<(i + 2 + name.count)].elementsEqual(name) {
                return i
            }
            i += 1
        }
        return nil
    }

    /// Whether the markup between `start` and `end` closes every element it opens (CDATA counts as balanced).
    private static func balanced(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var open: [ArraySlice<UInt8>] = []
        var i = start
        while i < end {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if HTMLEntities.hasPrefix(b, at: i, "<![CDATA[") || HTMLEntities.hasPrefix(b, at: i, "<!--") { return true }
            guard let close = b[i..<end].firstIndex(of: UInt8(ascii: ">")) else { return false }
            let closing = b[i + 1] == UInt8(ascii: "/")
            var nameEnd = i + (closing ? 2 : 1)
            let nameStart = nameEnd
            while nameEnd < close, b[nameEnd] != 0x20, b[nameEnd] != 0x09, b[nameEnd] != 0x0A, b[nameEnd] != 0x0D,
                  b[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
            let name = b[nameStart..<nameEnd]
            if closing {
                guard let last = open.popLast(), last.elementsEqual(name) else { return false }
            } else if b[close - 1] != UInt8(ascii: "/") {
                open.append(name)
            }
            i = close + 1
        }
        return open.isEmpty
    }
}
