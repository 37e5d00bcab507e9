import Foundation

// Renders an extracted article: plain text (paragraphs separated by blank lines), cleaned HTML, and the
// flat list of blocks that brief sections are cut from.

/// One block of an article, in reading order.
struct ArticleBlock: Equatable {
    enum Kind: Equatable { case heading(level: Int), paragraph, listItem, quote, preformatted }
    var kind: Kind
    var text: String
}

enum ArticleText {
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul", "caption", "body", "html",
    ]

    /// Splits the subtree at `root` into blocks; inline whitespace is collapsed except inside `<pre>`.
    static func blocks(_ tree: HTMLTree, _ root: Int) -> [ArticleBlock] {
        var out: [ArticleBlock] = []
        // Bytes, not String: appending scalar by scalar to a String is the slow path for whole pages.
        var buffer: [UInt8] = []
        var pendingSpace = false
        var openBlocks: [String] = []
        var preDepth = 0

        func flush() {
            let text = String(decoding: buffer, as: UTF8.self).htmlTrimmed()
            buffer.removeAll(keepingCapacity: true)
            pendingSpace = false
            guard !text.isEmpty else { return }
            var kind = ArticleBlock.Kind.paragraph
            for name in openBlocks.reversed() {
                if let level = headingLevel(name) { kind = .heading(level: level); break }
                if name == "li" || name == "dd" || name == "dt" { kind = .listItem; break }
                if name == "pre" { kind = .preformatted; break }
                if name == "blockquote" { kind = .quote; break }
            }
            out.append(ArticleBlock(kind: kind, text: text))
        }

        func appendCollapsed(_ utf8: UnsafeBufferPointer<UInt8>) {
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    pendingSpace = !buffer.isEmpty && buffer.last != 0x0A
                    i += 1
                    continue
                }
                if b == 0xC2 && i + 1 < n && utf8[i + 1] == 0xA0 {  // NBSP reads as a space in plain text
                    pendingSpace = !buffer.isEmpty && buffer.last != 0x0A
                    i += 2
                    continue
                }
                if pendingSpace { buffer.append(0x20); pendingSpace = false }
                buffer.append(b)
                i += 1
            }
        }

        // (node, isExit)
        var stack: [(Int, Bool)] = [(root, false)]
        while let top = stack.popLast() {
            let (id, isExit) = top
            let node = tree[id]
            if isExit {
                if blockTags.contains(node.name) { flush(); openBlocks.removeLast() }
                if node.name == "pre" { preDepth -= 1 }
                continue
            }
            switch node.kind {
            case .text:
                if preDepth > 0 {
                    buffer.append(contentsOf: node.text.utf8)
                } else if node.text.utf8.withContiguousStorageIfAvailable(appendCollapsed) == nil {
                    Array(node.text.utf8).withUnsafeBufferPointer(appendCollapsed)
                }
            case .element, .document:
                if node.name == "br" {
                    buffer.append(0x0A)
                    pendingSpace = false
                    continue
                }
                if node.name == "img" || node.name == "svg" { continue }
                if blockTags.contains(node.name) { flush(); openBlocks.append(node.name) }
                if node.name == "pre" { preDepth += 1 }
                stack.append((id, true))
                var c = node.lastChild
                while c >= 0 { stack.append((c, false)); c = tree[c].previous }
            }
        }
        flush()
        return out
    }

    static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.hasPrefix("h"), let digit = Int(name.dropFirst()), (1...6).contains(digit) else { return nil }
        return digit
    }

    /// Plain text: blocks separated by blank lines, list items with a dash.
    static func plainText(_ blocks: [ArticleBlock]) -> String {
        blocks.map { block in
            switch block.kind {
            case .listItem: "- " + block.text
            case .quote: "> " + block.text
            default: block.text
            }
        }.joined(separator: "\n\n")
    }

    static let keptAttributes: [String: Set<String>] = [
        "a": ["href", "title"], "img": ["src", "alt", "title"], "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan"],
        "time": ["datetime"], "abbr": ["title"], "q": ["cite"], "blockquote": ["cite"],
    ]
    static let voidTags: Set<String> = ["br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "embed", "param", "track", "area"]
    /// Elements whose markup is kept in the cleaned HTML; other elements are unwrapped (their content stays).
    static let keptTags: Set<String> = [
        "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code", "a", "em",
        "strong", "b", "i", "u", "s", "sub", "sup", "br", "hr", "img", "figure", "figcaption", "table", "thead", "tbody",
        "tfoot", "tr", "td", "th", "caption", "q", "cite", "abbr", "time", "mark", "small", "del", "ins", "div", "section",
    ]

    /// Cleaned HTML of the subtree: a small tag whitelist, no styles or scripts, relative links resolved.
    static func html(_ tree: HTMLTree, _ root: Int, base: String?) -> String {
        var out: [UInt8] = []
        var stack: [(Int, Bool)] = [(root, false)]
        while let top = stack.popLast() {
            let (id, isExit) = top
            let node = tree[id]
            if isExit {
                out.append(contentsOf: "</".utf8)
                out.append(contentsOf: node.name.utf8)
                out.append(0x3E)
                continue
            }
            switch node.kind {
            case .text:
                escape(node.text, quotes: false, into: &out)
            case .element, .document:
                let kept = node.kind == .element && keptTags.contains(node.name) && id != root
                if kept {
                    out.append(0x3C)
                    out.append(contentsOf: node.name.utf8)
                    if let names = keptAttributes[node.name] {
                        for key in names.sorted() {
                            guard var value = node.attributes[key] else { continue }
                            if key == "href" || key == "src" { value = URLText.resolve(value, against: base) }
                            out.append(0x20)
                            out.append(contentsOf: key.utf8)
                            out.append(contentsOf: "=\"".utf8)
                            escape(value, quotes: true, into: &out)
                            out.append(0x22)
                        }
                    }
                    out.append(0x3E)
                    if voidTags.contains(node.name) { continue }
                    stack.append((id, true))
                }
                var c = node.lastChild
                while c >= 0 { stack.append((c, false)); c = tree[c].previous }
            }
        }
        return String(decoding: out, as: UTF8.self).htmlTrimmed()
    }

    static func escape(_ s: String, quotes: Bool, into out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22 where quotes: out.append(contentsOf: "&quot;".utf8)
            default: out.append(b)
            }
        }
    }

    static func escape(_ s: String, quotes: Bool) -> String {
        var out: [UInt8] = []
        escape(s, quotes: quotes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// URL helpers for HTML pages (resolution against the page URL or `<base href>`).
enum URLText {
    /// Resolves `reference` against `base`; leaves it as written when either is unusable.
    static func resolve(_ reference: String, against base: String?) -> String {
        let ref = reference.htmlTrimmed()
        guard let base, !base.isEmpty, !ref.isEmpty else { return ref }
        let lower = ref.lowercased()
        if lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("mailto:") || lower.hasPrefix("data:")
            || lower.hasPrefix("javascript:") || lower.hasPrefix("#") {
            return ref
        }
        guard let baseURL = URL(string: base), let resolved = URL(string: ref, relativeTo: baseURL) else { return ref }
        return resolved.absoluteString
    }
}
