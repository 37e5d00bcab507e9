import RegWatchCore

/// Parses any feed document — RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1/1.1 — into a `FeedDocument`.
///
/// The format is detected from the content (root element and namespace, or the JSON `version`), never from a
/// file name or a media type. Parsing never throws: a document that is not clean still yields what can be
/// recovered, with `bozo` set and `bozoException` saying why.
public enum FeedParser {
    /// Bounds on what one document may cost.
    public struct Limits: Sendable {
        /// Documents over this many bytes are cut to it (and flagged), so memory stays bounded.
        public var maxBytes: Int
        /// XML documents over this many bytes are read item by item (`XMLDocument.withStream`) instead of as one
        /// tree: the tree of a large feed costs some twenty times its bytes, the stream one item's worth. Both read
        /// the same; an ill-formed document is always read as a tree, whose recovery is the reference.
        public var streamAbove: Int

        public init(maxBytes: Int = 50 << 20, streamAbove: Int = 4 << 20) {
            self.maxBytes = maxBytes
            self.streamAbove = streamAbove
        }

        public static let `default` = Limits()
    }

    /// Parses one document.
    /// - Parameters:
    ///   - bytes: the document as received.
    ///   - url: where it came from; the outermost base for relative references.
    ///   - contentType: the HTTP `Content-Type`, whose `charset` comes first in the encoding order.
    ///   - limits: a longer document is cut to `limits.maxBytes`, as if `cutAt` were given.
    ///   - cutAt: the bytes are only the start of a longer document, cut at this limit (a fetch stopped there). The
    ///     document is read as far as its last complete item, so that no item cut short is taken for a whole one,
    ///     and flagged.
    public static func parse(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil, limits: Limits = .default,
                             cutAt: Int? = nil) -> FeedDocument {
        if bytes.count > limits.maxBytes {
            let limit = megabytes(limits.maxBytes)
            return parseCut(Array(bytes[..<limits.maxBytes]), url: url, contentType: contentType, limits: limits,
                            note: "the document is \(megabytes(bytes.count)), over the \(limit) limit: only its first \(limit) were read")
        }
        if let cutAt {
            return parseCut(bytes, url: url, contentType: contentType, limits: limits,
                            note: "the document is longer than its \(megabytes(cutAt)) limit and was cut there: only the items before the cut were read")
        }
        return parseWithinLimits(bytes, url: url, contentType: contentType, limits: limits)
    }

    /// Parses the start of a longer document, flagged with `note`. Only whole items are read: libxml2's recovery
    /// would close an item cut in the middle of its text, and the JSON repair would keep the fields of an item read so
    /// far, so the item would be stored with half its text, or without the GUID that identifies it once read whole.
    /// An XML feed is read up to the end of its last complete item or entry, a JSON Feed up to its last whole item.
    static func parseCut(_ prefix: [UInt8], url: String?, contentType: String?, limits: Limits, note: String) -> FeedDocument {
        var doc: FeedDocument
        switch sniff(prefix) {
        case .xml:
            let end = completeItemsEnd(prefix) ?? prefix.count
            doc = parseWithinLimits(Array(prefix[..<end]), url: url, contentType: contentType, limits: limits)
        case .json:
            doc = finalize(JSONFeedParser.parse(CharsetDecoder.stripUTF8BOM(prefix), url: url, wholeItemsOnly: true))
        case .empty, .html:
            doc = parseWithinLimits(prefix, url: url, contentType: contentType, limits: limits)
        }
        doc.bozo = true
        doc.bozoException = note + (doc.bozoException.map { "; \($0)" } ?? "")
        return doc
    }

    /// Where the complete items of a cut XML feed end: just past its last `</item>` or `</entry>` end tag (with any
    /// prefix), else before its first item's start tag, else `nil` (no item at all). A byte search, so it holds for
    /// UTF-8 and the single-byte charsets; in a UTF-16 document it finds nothing and the cut stays where it is.
    static func completeItemsEnd(_ b: [UInt8]) -> Int? {
        func localName(at start: Int) -> (name: ArraySlice<UInt8>, end: Int) {
            var i = start
            var local = start
            while i < b.count, b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/"), b[i] > 0x20 {
                if b[i] == UInt8(ascii: ":") { local = i + 1 }
                i += 1
            }
            return (b[local..<i], i)
        }
        func isItem(_ name: ArraySlice<UInt8>) -> Bool { name.elementsEqual("item".utf8) || name.elementsEqual("entry".utf8) }
        var i = b.count - 2
        while i >= 0 {
            if b[i] == UInt8(ascii: "<"), b[i + 1] == UInt8(ascii: "/") {
                let (name, end) = localName(at: i + 2)
                var j = end
                if isItem(name) {
                    while j < b.count, b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D { j += 1 }
                    if j < b.count, b[j] == UInt8(ascii: ">") { return j + 1 }
                }
            }
            i -= 1
        }
        var k = 0
        while let lt = HTMLEntities.nextByte(UInt8(ascii: "<"), in: b, from: k) {
            if isItem(localName(at: lt + 1).name) { return lt }
            k = lt + 1
        }
        return nil
    }

    /// The parse proper, once the size is known to be within bounds.
    static func parseWithinLimits(_ bytes: [UInt8], url: String?, contentType: String?, limits: Limits) -> FeedDocument {
        switch sniff(bytes) {
        case .empty:
            return FeedDocument(bozo: true, bozoException: "the document is empty", encoding: "utf-8")
        case .json:
            return finalize(JSONFeedParser.parse(CharsetDecoder.stripUTF8BOM(bytes), url: url))
        case .html:
            if let feed = wrappedFeed(bytes) {
                // A feed that a server wrapped in `<html><body>`: read the feed, and say so.
                var doc = parseXML(Array(bytes[feed]), url: url, contentType: contentType, limits: limits)
                if doc.format != .unknown {
                    doc.bozo = true
                    let note = "the feed is wrapped in an HTML page; read from its <\(bytes[feed].starts(with: Array("<rss".utf8)) ? "rss" : "feed")> element"
                    doc.bozoException = note + (doc.bozoException.map { "; \($0)" } ?? "")
                    return finalize(doc)
                }
            }
            return finalize(HTMLBriefParser.parse(bytes, url: url, contentType: contentType))
        case .xml:
            return finalize(parseXML(bytes, url: url, contentType: contentType, limits: limits))
        }
    }

    enum Kind { case empty, json, xml, html }

    /// Looks at a bounded prefix: JSON starts with `{`; HTML with an html DOCTYPE, `<html`, or an element only pages
    /// have (`<head>`, `<body>`, `<div>`…); the rest is XML.
    static func sniff(_ bytes: [UInt8]) -> Kind {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        guard i < bytes.count else { return .empty }
        if bytes[i] == UInt8(ascii: "{") { return .json }
        // Skip the XML declaration, comments, processing instructions and the DOCTYPE, within the first 4 KB, and
        // decide by the first element: an XHTML DOCTYPE in front of `<rss>` does not make a page.
        let limit = min(bytes.count, i + 4096)
        var j = i
        var htmlDoctype = false
        while j < limit {
            guard bytes[j] == UInt8(ascii: "<") else {
                if bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1; continue }
                return htmlDoctype ? .html : .xml
            }
            if HTMLEntities.hasPrefix(bytes, at: j, "<?") {
                j = (HTMLEntities.find(bytes, "?>", from: j + 2, to: limit) ?? limit) + 2
            } else if HTMLEntities.hasPrefix(bytes, at: j, "<!--") {
                j = (HTMLEntities.find(bytes, "-->", from: j + 4, to: limit) ?? limit) + 3
            } else if HTMLEntities.hasPrefix(bytes, at: j, "<!") {
                let head = String(decoding: bytes[j..<min(limit, j + 20)], as: UTF8.self).lowercased()
                if head.hasPrefix("<!doctype html") { htmlDoctype = true }
                j = (bytes[j..<limit].firstIndex(of: UInt8(ascii: ">")) ?? limit) + 1
            } else {
                let head = String(decoding: bytes[(j + 1)..<min(limit, j + 12)], as: UTF8.self).lowercased()
                if head.hasPrefix("html") { return .html }
                for feedRoot in ["rss", "feed", "rdf:rdf", "rdf", "channel"] where head.hasPrefix(feedRoot) { return .xml }
                // A page whose `<html>` and DOCTYPE were left out starts with one of the elements of its head or body.
                let name = head.prefix { $0.isLetter || $0.isNumber }
                if ["head", "body", "meta", "title", "link", "script", "style", "div", "p", "main", "article", "header",
                    "nav", "section", "h1", "h2", "table", "ul"].contains(String(name)) { return .html }
                return htmlDoctype ? .html : .xml
            }
        }
        return htmlDoctype ? .html : .xml
    }

    static func parseXML(_ original: [UInt8], url: String?, contentType: String?, limits: Limits) -> FeedDocument {
        var raw = original
        var problems: [String] = []
        if let declaration = junkBeforeDeclaration(raw) {
            // libxml2 would recover from it, and recovery drops `&amp;`, `&lt;`, `&gt;` and `&quot;` from the whole
            // document: read the document from its declaration instead.
            let bom = CharsetDecoder.sniffByteOrder(raw)?.bomLength ?? 0
            raw = Array(raw[..<bom]) + raw[declaration...]
            problems.append("\(declaration - bom) bytes before the XML declaration were ignored")
        }
        let decoded = CharsetDecoder.decodeXML(raw, contentType: contentType)
        var doc = FeedDocument(encoding: decoded.encoding)
        if let p = decoded.problem { problems.append(p) }
        let rootScope = Scope(base: url.flatMap { URLResolver.isUsableBase($0) ? $0 : nil }, lang: nil)
        var adapted: Adapted?
        if decoded.utf8.count > limits.streamAbove {
            // A stream reads the document once, without the rewrite of CDATA and escaped text: its references are
            // repaired here, and reported only when the stream read it.
            let repaired = HTMLEntities.repairReferences(decoded.utf8)
            adapted = XMLDocument.withStream(repaired?.bytes ?? decoded.utf8) { root, stream in
                adapt(root: root, children: stream, scope: rootScope, recovered: false)
            } ?? nil
            if adapted != nil, let repairs = repaired?.repairs { problems += repairProblems(repairs) }
        }
        if adapted == nil {
            XMLDocument.withDocument(decoded.utf8) { root, outcome in
                if let repairs = outcome.repairs { problems += repairProblems(repairs) }
                if !outcome.wellFormed { problems.append("not well-formed XML: \(outcome.problem ?? "unknown error")") }
                guard let root else { return }
                adapted = adapt(root: root, children: root, scope: rootScope, recovered: !outcome.wellFormed && !outcome.repaired)
            }
        }
        if let adapted {
            (doc.format, doc.feed, doc.entries) = (adapted.format, adapted.feed, adapted.entries)
            if let problem = adapted.problem { problems.append(problem) }
        }
        if !problems.isEmpty {
            doc.bozo = true
            doc.bozoException = problems.joined(separator: "; ")
        }
        return doc
    }

    /// The bozo messages for references that libxml2 would not have read (``HTMLEntities/repairReferences(_:)``).
    static func repairProblems(_ repairs: HTMLEntities.Repairs) -> [String] {
        var problems: [String] = []
        if !repairs.htmlEntities.isEmpty {
            let names = Array(Set(repairs.htmlEntities)).sorted().prefix(5).map { "&\($0);" }.joined(separator: ", ")
            problems.append("HTML entities that XML does not define (\(names)) were read as HTML")
        }
        if repairs.bareAmpersands > 0 {
            problems.append("\(repairs.bareAmpersands) '&' that start no XML reference were read as text")
        }
        return problems
    }

    /// What a feed's root element gives.
    struct Adapted {
        var format: FeedFormat
        var feed = FeedMetadata()
        var entries: [FeedEntry] = []
        var problem: String?
    }

    /// Reads a feed from its root element and the root's children, from a tree or a stream; `nil` when a stream
    /// could not read them all. Detection goes by the root element; its namespace picks the version where it
    /// matters (Atom 1.0, RSS 0.90). A root in an unknown namespace is still read by its name.
    static func adapt<S: XMLChildSource>(root: XMLNode, children: S, scope rootScope: Scope, recovered: Bool) -> Adapted? {
        var scope = rootScope
        scope.coreURI = root.namespaceURI
        scope.recovered = recovered
        // The format is read from the root before its children: a stream has freed them once they are read.
        switch root.name {
        case "rss":
            let format = RSSAdapter.format(of: root)
            guard let (feed, entries) = RSSAdapter.adapt(root: root, children: children, scope: scope) else { return nil }
            return Adapted(format: format, feed: feed, entries: entries)
        case "RDF":
            scope.coreURI = nil
            guard let (format, feed, entries) = RDFAdapter.adapt(root: root, children: children, scope: scope) else { return nil }
            return Adapted(format: format, feed: feed, entries: entries)
        case "feed":
            let format = AtomAdapter.format(of: root)
            guard let (feed, entries) = AtomAdapter.adapt(root: root, children: children, scope: scope) else { return nil }
            return Adapted(format: format, feed: feed, entries: entries)
        case "channel":
            // A bare `<channel>` (some 0.9x generators drop the `<rss>` wrapper).
            guard let (feed, entries) = RSSAdapter.adapt(root: root, children: children, scope: scope) else { return nil }
            return Adapted(format: .rss, feed: feed, entries: entries)
        default:
            return Adapted(format: .unknown, problem: "the root element <\(root.name)> is not a feed (RSS, RDF or Atom)")
        }
    }

    /// The bytes of an Atom `<feed>` or an `<rss>` element that an HTML page wraps: its start tag within the first 4 KB
    /// (an Atom one with its namespace), up to the last matching end tag, or to the end of the document.
    static func wrappedFeed(_ bytes: [UInt8]) -> Range<Int>? {
        let limit = min(bytes.count, 4096)
        var from = 0
        while let at = HTMLEntities.find(bytes, "<", from: from, to: limit) {
            from = at + 1
            let isAtom = HTMLEntities.hasPrefix(bytes, at: at, "<feed")
            guard isAtom || HTMLEntities.hasPrefix(bytes, at: at, "<rss") else { continue }
            let after = at + (isAtom ? 5 : 4)
            guard after < bytes.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">")].contains(bytes[after]) else { continue }
            let tagEnd = bytes[at..<min(bytes.count, at + 1024)].firstIndex(of: UInt8(ascii: ">")) ?? min(bytes.count, at + 1024)
            let tag = String(decoding: bytes[at..<tagEnd], as: UTF8.self)
            if isAtom && !(tag.contains("http://www.w3.org/2005/Atom") || tag.contains("http://purl.org/atom/ns#")) { continue }
            if !isAtom && !tag.contains("version") { continue }
            let close: StaticString = isAtom ? "</feed>" : "</rss>"
            var end = bytes.count
            var search = at
            while let found = HTMLEntities.find(bytes, close, from: search) {
                end = found + close.utf8CodeUnitCount
                search = found + 1
            }
            return at..<end
        }
        return nil
    }

    /// The offset of `<?xml` when something comes before it (blank lines, spaces after a byte-order mark, a comment,
    /// a server's warning), within the first 4 KB of an ASCII-compatible document and before any feed element.
    static func junkBeforeDeclaration(_ bytes: [UInt8]) -> Int? {
        let sniffed = CharsetDecoder.sniffByteOrder(bytes)
        if let sniffed, sniffed.encoding != "utf-8" { return nil }
        let start = sniffed?.bomLength ?? 0
        if HTMLEntities.hasPrefix(bytes, at: start, "<?xml") { return nil }
        let limit = min(bytes.count, start + 4096)
        var from = start
        while let at = HTMLEntities.find(bytes, "<?xml", from: from, to: limit) {
            let next = at + 5 < bytes.count ? bytes[at + 5] : 0
            if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D {
                // A feed element before the declaration: the declaration is not the document's.
                let roots: [StaticString] = ["<rss", "<feed", "<rdf:RDF", "<RDF", "<channel"]
                for root in roots where HTMLEntities.find(bytes, root, from: start, to: at) != nil {
                    return nil
                }
                return at
            }
            from = at + 5
        }
        return nil
    }

    /// Rules that hold for every format.
    /// Takes the document (`consuming`): with a borrowed one, the entries would be copied whole to be changed here,
    /// as much memory again as the items of a large feed take.
    static func finalize(_ doc: consuming FeedDocument) -> FeedDocument {
        for i in doc.entries.indices {
            // An entry without a summary shows its first content as one (feed readers' long-standing behaviour).
            // Content hosted elsewhere (`src`) has no text to show.
            if doc.entries[i].summary == nil, let first = doc.entries[i].content.first, first.src == nil {
                doc.entries[i].summary = first
            }
        }
        return doc
    }

    static func megabytes(_ n: Int) -> String {
        n >= 1 << 20 ? "\(n >> 20) MB" : "\(n) bytes"
    }
}
