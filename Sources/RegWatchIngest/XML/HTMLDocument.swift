import CLibXML2

// The only file that holds libxml2 HTML parser contexts. Every `htmlDocPtr` and `xmlNodePtr` lives inside the
// function that created it; callers get Swift values (`HTMLTree`, strings) and never a pointer.

/// An HTML page parsed into a small arena DOM that Swift code can walk and rewrite freely.
///
/// Nodes live in one array and link to each other by index (parent, first/last child, siblings), so a page
/// nested 100,000 levels deep frees without recursion, rewrites are O(1), and no walk needs the call stack.
/// Comments, `<script>`, `<style>`, `<noscript>` and `<template>` are dropped while the tree is built;
/// JSON-LD scripts are kept aside in ``jsonLD``.
public struct HTMLTree: Sendable {
    public enum Kind: UInt8, Sendable { case document, element, text }

    public struct Node: Sendable {
        public var kind: Kind
        /// Lowercase tag name for elements, empty for text and the document.
        public var name: String
        /// Text of a text node.
        public var text: String
        public var attributes: HTMLAttributes
        public var parent = -1
        public var firstChild = -1
        public var lastChild = -1
        public var previous = -1
        public var next = -1
        /// For text nodes: length (UTF-16 units) of the trimmed text with whitespace runs counted as one.
        var textLength: Int32 = 0
        /// For text nodes: commas (Latin, Arabic, CJK...) in the text.
        var commas: Int32 = 0
        /// For text nodes: whether the text starts / ends with whitespace (an all-blank node has both).
        var leadingSpace = false
        var trailingSpace = false

        public var isElement: Bool { kind == .element }
    }

    public var nodes: [Node]
    /// The bodies of `<script type="application/ld+json">` elements, in document order.
    public var jsonLD: [String] = []
    /// Why libxml2 stopped before the end of the page, when it did (nesting past its depth limit).
    public var problem: String?
    /// Index of the document node (always 0).
    public let root = 0

    init() {
        nodes = [Node(kind: .document, name: "", text: "", attributes: [:])]
    }

    // _read/_modify, not get/set: `tree[id].name` must not copy the whole node (and retain its strings).
    public subscript(_ id: Int) -> Node {
        _read { yield nodes[id] }
        _modify { yield &nodes[id] }
    }

    /// Creates a detached node.
    public mutating func create(_ kind: Kind, name: String = "", text: String = "", attributes: HTMLAttributes = [:]) -> Int {
        var node = Node(kind: kind, name: name, text: text, attributes: attributes)
        if kind == .text { node.measureText() }
        nodes.append(node)
        return nodes.count - 1
    }

    /// Appends `id` (detaching it first) as the last child of `parent`.
    public mutating func appendChild(_ id: Int, to parent: Int) {
        detach(id)
        nodes[id].parent = parent
        let last = nodes[parent].lastChild
        nodes[id].previous = last
        if last >= 0 { nodes[last].next = id } else { nodes[parent].firstChild = id }
        nodes[parent].lastChild = id
    }

    /// Inserts `id` (detaching it first) just before `reference`.
    public mutating func insert(_ id: Int, before reference: Int) {
        detach(id)
        let parent = nodes[reference].parent
        guard parent >= 0 else { return }
        let previous = nodes[reference].previous
        nodes[id].parent = parent
        nodes[id].previous = previous
        nodes[id].next = reference
        nodes[reference].previous = id
        if previous >= 0 { nodes[previous].next = id } else { nodes[parent].firstChild = id }
    }

    /// Puts `new` where `old` is; `old` becomes detached.
    public mutating func replace(_ old: Int, with new: Int) {
        guard nodes[old].parent >= 0 else { return }
        insert(new, before: old)
        detach(old)
    }

    /// Detaches `id` from its parent; the node stays in the arena but is no longer reachable.
    public mutating func detach(_ id: Int) {
        let parent = nodes[id].parent
        guard parent >= 0 else { return }
        let previous = nodes[id].previous, next = nodes[id].next
        if previous >= 0 { nodes[previous].next = next } else { nodes[parent].firstChild = next }
        if next >= 0 { nodes[next].previous = previous } else { nodes[parent].lastChild = previous }
        nodes[id].parent = -1
        nodes[id].previous = -1
        nodes[id].next = -1
    }

    /// The children of `id`, in order.
    public func children(_ id: Int) -> [Int] {
        var out: [Int] = []
        var c = nodes[id].firstChild
        while c >= 0 { out.append(c); c = nodes[c].next }
        return out
    }

    /// The element children of `id`, in order.
    public func elementChildren(_ id: Int) -> [Int] {
        var out: [Int] = []
        var c = nodes[id].firstChild
        while c >= 0 { if nodes[c].kind == .element { out.append(c) }; c = nodes[c].next }
        return out
    }

    /// The node after `id` in document order, staying inside `scope`; skips `id`'s subtree when asked.
    public func following(_ id: Int, within scope: Int, skippingChildren: Bool = false) -> Int? {
        if !skippingChildren, nodes[id].firstChild >= 0 { return nodes[id].firstChild }
        var current = id
        while current != scope && current >= 0 {
            if nodes[current].next >= 0 { return nodes[current].next }
            current = nodes[current].parent
        }
        return nil
    }

    /// Every node under `id` (inclusive) in document order, iteratively.
    public func descendants(of id: Int, includingSelf: Bool = true) -> [Int] {
        var out: [Int] = includingSelf ? [id] : []
        var current: Int? = following(id, within: id)
        while let c = current { out.append(c); current = following(c, within: id) }
        return out
    }

    /// The elements with one of the given tag names under `id`, in document order.
    public func elements(named names: [String], under id: Int) -> [Int] {
        var out: [Int] = []
        var current: Int? = following(id, within: id)
        while let c = current {
            if nodes[c].kind == .element && names.contains(nodes[c].name) { out.append(c) }
            current = following(c, within: id)
        }
        return out
    }

    /// The first element with the given name, in document order.
    public func firstElement(named name: String, under id: Int = 0) -> Int? {
        var current: Int? = following(id, within: id)
        while let c = current {
            if nodes[c].kind == .element && nodes[c].name == name { return c }
            current = following(c, within: id)
        }
        return nil
    }

    /// The concatenated text under `id`, as the DOM's `textContent`.
    public func textContent(_ id: Int) -> String {
        if nodes[id].kind == .text { return nodes[id].text }
        var out = ""
        var current: Int? = following(id, within: id)
        while let c = current {
            if nodes[c].kind == .text { out += nodes[c].text }
            current = following(c, within: id)
        }
        return out
    }

    public func attribute(_ name: String, of id: Int) -> String? { nodes[id].attributes[name] }

    public func isElement(_ id: Int, _ name: String) -> Bool {
        nodes[id].kind == .element && nodes[id].name == name
    }
}

extension HTMLTree.Node {
    /// Fills the text measures once, so that every later length or comma count is a sum over text nodes.
    mutating func measureText() {
        var length: Int32 = 0, commas: Int32 = 0
        var started = false, pendingSpace = false, leading = false
        func scan(_ utf8: UnsafeBufferPointer<UInt8>) {
            let n = utf8.count
            var i = 0
            // JavaScript's `\s` set, decoded from UTF-8 by hand: this runs for every text node of every page.
            while i < n {
                let b = utf8[i]
                var width = 1
                var isSpace = false
                var isComma = false
                if b < 0x80 {
                    isSpace = b == 0x20 || (b >= 0x09 && b <= 0x0D)
                    isComma = b == 0x2C
                } else {
                    width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                    let b1 = i + 1 < n ? utf8[i + 1] : 0
                    let b2 = i + 2 < n ? utf8[i + 2] : 0
                    switch (b, b1, b2) {
                    case (0xC2, 0xA0, _), (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9),
                         (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80), (0xEF, 0xBB, 0xBF):
                        isSpace = true
                    case (0xD8, 0x8C, _), (0xEF, 0xB9, 0x90), (0xEF, 0xB8, 0x90), (0xEF, 0xB8, 0x91), (0xE2, 0xB9, 0x81),
                         (0xE2, 0xB8, 0xB4), (0xE2, 0xB8, 0xB2), (0xEF, 0xBC, 0x8C):
                        isComma = true
                    default: break
                    }
                }
                if isSpace {
                    if started { pendingSpace = true } else { leading = true }
                } else {
                    if pendingSpace { length += 1; pendingSpace = false }
                    started = true
                    length += width == 4 ? 2 : 1
                    if isComma { commas += 1 }
                }
                i += width
            }
        }
        if text.utf8.withContiguousStorageIfAvailable(scan) == nil {
            Array(text.utf8).withUnsafeBufferPointer(scan)
        }
        textLength = length
        self.commas = commas
        leadingSpace = leading || !started
        trailingSpace = pendingSpace || !started
    }
}

/// The attributes of an element: a short list searched linearly, which beats a hashed dictionary for the two or
/// three attributes a typical element has (and allocates once, not per bucket).
public struct HTMLAttributes: Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var names: [String] = []
    public private(set) var values: [String] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    public var isEmpty: Bool { names.isEmpty }

    public subscript(name: String) -> String? {
        get {
            for i in names.indices where names[i] == name { return values[i] }
            return nil
        }
        set {
            if let i = names.firstIndex(of: name) {
                if let newValue { values[i] = newValue } else { names.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }
}

/// Errors from reading an HTML page.
public struct HTMLParseError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case tooLarge(size: Int, limit: Int)
        case unparsable
        case badXPath(String)
    }
    public var kind: Kind
    public var url: String?

    public var description: String {
        let place = url ?? "<page>"
        switch kind {
        case let .tooLarge(size, limit):
            return "\(place): page is \(size) bytes, over the HTML size limit of \(limit) bytes; "
                + "raise the limit (HTMLParseOptions.maxBytes, max_bytes= in feeds.txt) or point the source at a smaller page"
        case .unparsable:
            return "\(place): libxml2 could not build a document from the bytes"
        case let .badXPath(expression):
            return "\(place): invalid XPath expression '\(expression)'; check the item/title/link/date/summary options"
        }
    }
}

/// Limits and switches for reading HTML.
public struct HTMLParseOptions: Sendable, Hashable {
    /// Pages larger than this are refused with ``HTMLParseError/Kind/tooLarge(size:limit:)``.
    public var maxBytes: Int
    /// Elements nested deeper than this are attached to their ancestor at this depth (text is kept).
    public var maxDepth: Int

    public static let defaultMaxBytes = 16 * 1024 * 1024

    public init(maxBytes: Int = HTMLParseOptions.defaultMaxBytes, maxDepth: Int = 512) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}

/// One row of a list page: the string value of each field expression, evaluated relative to one item node.
public typealias HTMLListRow = [String: String]

enum HTMLDocument {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    // NOERROR/NOWARNING keep libxml2 quiet on stderr; IGNORE_ENC because the bytes are already UTF-8
    // (HTMLCharset transcodes first), so a stale <meta charset> must not make libxml2 decode them twice.
    static let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue)

    /// Parses UTF-8 bytes with libxml2's HTML parser and hands `body` the document pointer, freeing it after.
    private static func withDocument<T>(_ utf8: [UInt8], url: String?, _ body: (htmlDocPtr, String?) throws -> T) throws -> T {
        _ = initialized
        guard let ctxt = htmlNewParserCtxt() else { throw HTMLParseError(kind: .unparsable, url: url) }
        defer { htmlFreeParserCtxt(ctxt) }
        // libxml2 reads an empty buffer as an error; give it a blank document instead.
        let bytes = utf8.isEmpty ? Array("<html></html>".utf8) : utf8
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlCtxtReadMemory(ctxt, chars, Int32(buffer.count), url, "UTF-8", options)
            }
        }
        guard let doc else { throw HTMLParseError(kind: .unparsable, url: url) }
        defer { xmlFreeDoc(doc) }
        // libxml2 halts at 256 levels of nesting (raising it needs XML_PARSE_HUGE, which we never use): what came
        // before is kept, and the page is flagged.
        var problem: String?
        if let error = xmlCtxtGetLastError(ctxt), let message = error.pointee.message {
            let text = String(cString: message)
            if text.contains("Excessive depth") {
                problem = "elements nested deeper than 256 levels at line \(error.pointee.line); the rest of the page was not read"
            }
        }
        return try body(doc, problem)
    }

    // libxml2's `xmlFree` is a global C variable, which Swift 6 rejects as shared mutable state; `xmlMemGet`
    // hands back the same deallocator through a function call.
    private static let deallocator: xmlFreeFunc? = {
        var free: xmlFreeFunc?
        xmlMemGet(&free, nil, nil, nil)
        return free
    }()

    private static func releaseXMLString(_ chars: UnsafeMutablePointer<xmlChar>) {
        deallocator?(chars)
    }

    private static func string(_ chars: UnsafePointer<xmlChar>?) -> String {
        guard let chars else { return "" }
        return String(cString: chars)
    }

    /// The `href` of `node` or of the first descendant that has one, searched iteratively.
    private static func firstHref(_ node: xmlNodePtr) -> String? {
        var stack: [xmlNodePtr] = [node]
        var visited = 0
        while let current = stack.popLast(), visited < 10_000 {
            visited += 1
            if current.pointee.type == XML_ELEMENT_NODE, let href = xmlGetProp(current, "href") {
                defer { releaseXMLString(href) }
                return String(cString: href)
            }
            var children: [xmlNodePtr] = []
            var child = current.pointee.children
            while let c = child { children.append(c); child = c.pointee.next }
            stack.append(contentsOf: children.reversed())
        }
        return nil
    }

    /// Attribute names the extractor, metadata reader or cleaned HTML look at, grouped by length.
    private static let keptAttributeNames: [[[UInt8]]] = {
        let names = ["class", "id", "style", "hidden", "aria-hidden", "aria-modal", "role", "rel", "itemprop", "href", "src",
                     "alt", "title", "cite", "name", "property", "content", "http-equiv", "lang", "xml:lang", "datetime",
                     "pubdate", "type", "rowspan", "colspan", "summary", "datatable", "data", "charset"]
        var byLength = [[[UInt8]]](repeating: [], count: 16)
        for name in names { byLength[name.utf8.count].append(Array(name.utf8)) }
        return byLength
    }()

    private static func isKeptAttribute(_ name: UnsafePointer<xmlChar>) -> Bool {
        var length = 0
        while name[length] != 0 {
            length += 1
            if length >= keptAttributeNames.count { return false }
        }
        for candidate in keptAttributeNames[length] {
            var i = 0
            while i < length {
                var c = name[i]
                if c >= 0x41 && c <= 0x5A { c += 32 }
                if c != candidate[i] { break }
                i += 1
            }
            if i == length { return true }
        }
        return false
    }

    private static let droppedElements: Set<String> = ["script", "style", "noscript", "template"]

    /// Builds an ``HTMLTree`` from UTF-8 bytes.
    static func parseTree(_ utf8: [UInt8], url: String?, options: HTMLParseOptions) throws -> HTMLTree {
        try withDocument(utf8, url: url) { doc, problem in
            var tree = HTMLTree()
            tree.problem = problem
            tree.nodes.reserveCapacity(utf8.count / 40)
            // (libxml2 node, parent index in the arena, depth); an explicit stack, never recursion.
            var stack: [(xmlNodePtr, Int, Int)] = []
            var child = doc.pointee.children
            var pending: [(xmlNodePtr, Int, Int)] = []
            while let c = child { pending.append((c, tree.root, 1)); child = c.pointee.next }
            stack.append(contentsOf: pending.reversed())
            while let top = stack.popLast() {
                let (node, parent, depth) = top
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    let name = string(node.pointee.name)  // the HTML parser lowercases names
                    var attributes = HTMLAttributes()
                    var attr = node.pointee.properties
                    while let a = attr {
                        // Only the attributes some reader uses become Swift strings; srcset, data-* and event
                        // handlers can be most of a page's markup.
                        guard let rawName = a.pointee.name, isKeptAttribute(rawName) else { attr = a.pointee.next; continue }
                        let key = string(rawName)
                        var value = ""
                        if let text = a.pointee.children, text.pointee.next == nil {
                            value = string(text.pointee.content)
                        } else if let raw = xmlNodeListGetString(doc, a.pointee.children, 1) {
                            value = String(cString: raw)
                            releaseXMLString(raw)
                        }
                        if attributes[key] == nil { attributes[key] = value }
                        attr = a.pointee.next
                    }
                    if droppedElements.contains(name) {
                        if name == "script", (attributes["type"] ?? "").lowercased().contains("ld+json") {
                            var text = ""
                            var c = node.pointee.children
                            while let t = c { text += string(t.pointee.content); c = t.pointee.next }
                            tree.jsonLD.append(text)
                        }
                        continue
                    }
                    // Past the depth cap, children hang off the capped ancestor: text survives, the stack stays flat.
                    let id: Int
                    if depth > options.maxDepth {
                        id = parent
                    } else {
                        id = tree.create(.element, name: name, attributes: attributes)
                        tree.appendChild(id, to: parent)
                    }
                    var kids: [(xmlNodePtr, Int, Int)] = []
                    var c = node.pointee.children
                    while let k = c { kids.append((k, id, min(depth + 1, options.maxDepth + 1))); c = k.pointee.next }
                    stack.append(contentsOf: kids.reversed())
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    let text = string(node.pointee.content)
                    if !text.isEmpty {
                        // Merge with a preceding text sibling so later passes see one run of text.
                        let last = tree.nodes[parent].lastChild
                        if last >= 0, tree.nodes[last].kind == .text {
                            tree.nodes[last].text += text
                            tree.nodes[last].measureText()
                        } else {
                            tree.appendChild(tree.create(.text, text: text), to: parent)
                        }
                    }
                default:
                    continue  // comments, processing instructions, DTD nodes
                }
            }
            return tree
        }
    }

    /// Evaluates `itemXPath` on the page, then each field expression relative to every item node, and returns
    /// the string value of each (attribute value, text content, or the XPath string result).
    static func listRows(_ utf8: [UInt8], url: String?, itemXPath: String, fields: [String: String]) throws -> [HTMLListRow] {
        try withDocument(utf8, url: url) { doc, _ in
            guard let context = xmlXPathNewContext(doc) else { throw HTMLParseError(kind: .unparsable, url: url) }
            defer { xmlXPathFreeContext(context) }
            // Errors in the user's expressions come back as HTMLParseError.badXPath; keep libxml2 off stderr.
            context.pointee.error = { _, _ in }
            guard let items = xmlXPathEvalExpression(itemXPath, context) else {
                throw HTMLParseError(kind: .badXPath(itemXPath), url: url)
            }
            defer { xmlXPathFreeObject(items) }
            var itemNodes: [xmlNodePtr] = []
            if items.pointee.type == XPATH_NODESET, let set = items.pointee.nodesetval {
                for i in 0..<Int(set.pointee.nodeNr) { if let n = set.pointee.nodeTab[i] { itemNodes.append(n) } }
            }
            // Compile each field once, and fail on a bad expression even when the page has no items.
            var compiled: [(String, xmlXPathCompExprPtr)] = []
            defer { for (_, c) in compiled { xmlXPathFreeCompExpr(c) } }
            for (key, expression) in fields.sorted(by: { $0.key < $1.key }) {
                guard let c = xmlXPathCtxtCompile(context, expression) else { throw HTMLParseError(kind: .badXPath(expression), url: url) }
                compiled.append((key, c))
            }
            var rows: [HTMLListRow] = []
            for item in itemNodes {
                var row: HTMLListRow = [:]
                for (key, c) in compiled {
                    context.pointee.node = item
                    guard let result = xmlXPathCompiledEval(c, context) else { continue }
                    defer { xmlXPathFreeObject(result) }
                    var value = ""
                    if result.pointee.type == XPATH_NODESET {
                        if let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let first = set.pointee.nodeTab[0],
                           key == "date", first.pointee.type == XML_ELEMENT_NODE, let attr = xmlGetProp(first, "datetime") {
                            // A <time> element selected as the date: its machine-readable datetime beats its text.
                            value = String(cString: attr)
                            releaseXMLString(attr)
                        } else if let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let first = set.pointee.nodeTab[0],
                           key == "link", first.pointee.type == XML_ELEMENT_NODE, let href = firstHref(first) {
                            // An element selected as the link: its href (or its first link's), not its text.
                            value = href
                        } else if let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let first = set.pointee.nodeTab[0],
                           let content = xmlNodeGetContent(first) {
                            value = String(cString: content)
                            releaseXMLString(content)
                        }
                    } else if let s = xmlXPathCastToString(result) {
                        value = String(cString: s)
                        releaseXMLString(s)
                    }
                    row[key] = value
                }
                rows.append(row)
            }
            return rows
        }
    }
}
