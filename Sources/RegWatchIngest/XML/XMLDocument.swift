import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// The only owner of libxml2 XML parser contexts and documents. Pointers never leave `withDocument`'s body:
/// the body reads the tree through `XMLNode` and returns Swift values.
enum XMLDocument {
    /// How a parse went.
    struct Outcome {
        /// `false` when the bytes were not well-formed XML (or not namespace-well-formed) and the tree was recovered.
        var wellFormed = true
        /// The first error, as `line:column: message`.
        var problem: String?
        /// The line of that error (0 when unknown).
        var line = 0
        /// Not well-formed, but a repair of the bytes (``TextElementRepair``) parsed without recovery.
        var repaired = false
        /// The character references rewritten before libxml2 read the document (``HTMLEntities/repairReferences(_:)``).
        var repairs: HTMLEntities.Repairs?
    }

    /// Options for feeds: no network, no DTD loading, no entity substitution by the parser (`XML_PARSE_NOENT` is
    /// never set), CDATA merged into text, and quiet. Never `XML_PARSE_HUGE`, `DTDLOAD`, `DTDATTR` or `XINCLUDE`.
    /// `IGNORE_ENC`: the bytes were already converted to UTF-8 (CharsetDecoder), so the declaration's
    /// `encoding` no longer describes them.
    static let strictOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
    /// Recovery is a second pass, taken only for documents the strict pass rejects (the outcome says so).
    static let recoverOptions: Int32 = strictOptions | Int32(XML_PARSE_RECOVER.rawValue)

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses UTF-8 bytes, with their character references repaired first (``HTMLEntities/repairReferences(_:)``),
    /// and runs `body` on the root element; `nil` root when nothing could be recovered.
    ///
    /// References are repaired after the rewrite of CDATA sections and escaped text (``CDATASections``), on the
    /// smaller rewritten document: a decoded text run holds only references that the repair keeps as they are, and
    /// it never touches CDATA, so the repairs are the same, and escaped HTML is not scanned twice.
    /// - Parameter extra: options added to the usual ones (`XML_PARSE_BIG_LINES` for line numbers past 65,535).
    static func withDocument<T>(_ unrepaired: [UInt8], options extra: Int32 = 0, _ body: (XMLNode?, Outcome) throws -> T) rethrows -> T {
        _ = initialized
        let strictOptions = strictOptions | extra, recoverOptions = recoverOptions | extra
        if let rewritten = CDATASections.rewrite(unrepaired) {
            var document = rewritten.document
            let repaired = HTMLEntities.repairReferences(document)
            if let repaired { document = repaired.bytes }
            let result: T? = try unrepaired.withUnsafeBufferPointer { original in
                try rewritten.decoded.withUnsafeBufferPointer { decoded in
                    try withRewrittenDocument(document, sources: CDATASections.Sources(original: original, decoded: decoded),
                                              repairs: repaired?.repairs, options: strictOptions, body)
                }
            }
            if let result { return result }
        }
        var outcome = Outcome()
        let repaired = HTMLEntities.repairReferences(unrepaired)
        outcome.repairs = repaired?.repairs
        let utf8 = repaired?.bytes ?? unrepaired
        let ctxt = xmlNewParserCtxt()
        defer { if let ctxt { xmlFreeParserCtxt(ctxt) } }
        guard let ctxt else {
            outcome.wellFormed = false
            outcome.problem = "libxml2 could not allocate a parser"
            return try body(nil, outcome)
        }
        var doc = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlCtxtReadMemory(ctxt, $0, Int32(clamping: buf.count), nil, "UTF-8", strictOptions)
                }
            }
        }
        if doc == nil || ctxt.pointee.wellFormed == 0 || ctxt.pointee.nsWellFormed == 0 {
            outcome.wellFormed = false
            outcome.problem = lastError(ctxt) ?? (utf8.isEmpty ? "the document is empty" : "the document is not well-formed XML")
            outcome.line = xmlCtxtGetLastError(ctxt).map { Int($0.pointee.line) } ?? 0
        }
        var source = utf8
        if doc == nil, let repaired = TextElementRepair.repair(utf8) {
            // An unclosed tag inside a title (or another text element): with its markup escaped the rest of the
            // document may be well-formed, and no recovery has to guess where the stray element ends.
            source = repaired
            xmlCtxtReset(ctxt)
            doc = repaired.withUnsafeBufferPointer { buf in
                buf.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                        xmlCtxtReadMemory(ctxt, $0, Int32(clamping: buf.count), nil, "UTF-8", strictOptions)
                    }
                }
            }
            if doc != nil, ctxt.pointee.wellFormed != 0, ctxt.pointee.nsWellFormed != 0 {
                outcome.problem = (outcome.problem ?? "") + " (markup escaped inside a text element)"
                outcome.repaired = true
            }
        }
        if doc == nil {
            xmlCtxtReset(ctxt)
            doc = source.withUnsafeBufferPointer { buf in
                buf.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                        xmlCtxtReadMemory(ctxt, $0, Int32(clamping: buf.count), nil, "UTF-8", recoverOptions)
                    }
                }
            }
        }
        guard let doc else { return try body(nil, outcome) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return try body(nil, outcome) }
        return try body(XMLNode(root, doctype: doctypePublicID(doc)), outcome)
    }

    /// Parses a document whose CDATA sections and escaped text were rewritten (`CDATASections`) and runs `body` on
    /// it, or returns `nil` without running it when the rewritten document is not well-formed or a section ended up
    /// outside the root: the caller then parses the original bytes.
    private static func withRewrittenDocument<T>(_ rewritten: [UInt8], sources: CDATASections.Sources, repairs: HTMLEntities.Repairs?, options: Int32,
                                                 _ body: (XMLNode?, Outcome) throws -> T) rethrows -> T? {
        guard let ctxt = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(ctxt) }
        let parsed = rewritten.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlCtxtReadMemory(ctxt, $0, Int32(clamping: buf.count), nil, "UTF-8", options)
                }
            }
        }
        guard let doc = parsed else { return nil }
        defer { xmlFreeDoc(doc) }
        guard ctxt.pointee.wellFormed != 0, ctxt.pointee.nsWellFormed != 0, let root = xmlDocGetRootElement(doc) else { return nil }
        var top = doc.pointee.children
        while let t = top {
            if t.pointee.type == XML_PI_NODE, let name = t.pointee.name {
                let target = UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)
                if strcmp(target, "rw-cdata") == 0 || strcmp(target, "rw-text") == 0 { return nil }
            }
            top = t.pointee.next
        }
        var source = sources
        return try withUnsafeMutablePointer(to: &source) { pointer in
            doc.pointee._private = UnsafeMutableRawPointer(pointer)
            defer { doc.pointee._private = nil }
            var outcome = Outcome()
            outcome.repairs = repairs
            return try body(XMLNode(root, doctype: doctypePublicID(doc)), outcome)
        }
    }

    private static func lastError(_ ctxt: xmlParserCtxtPtr) -> String? {
        guard let err = xmlCtxtGetLastError(ctxt) else { return nil }
        let message = err.pointee.message.map { String(cString: $0) }?.trimmingSpaces() ?? "error"
        return "\(err.pointee.line):\(err.pointee.int2): \(message)"
    }

    private static func doctypePublicID(_ doc: xmlDocPtr) -> String? {
        guard let dtd = doc.pointee.intSubset, let id = dtd.pointee.ExternalID else { return nil }
        return String(cString: id)
    }

    // MARK: Streaming

    /// Streams a document that is expected to be well-formed, and runs `body` on its root element (its start tag:
    /// name, namespaces and attributes; no children, which the reader frees once it has handed them over) and an
    /// ``XMLStream`` that hands the root's children to a visitor one at a time. Returns `nil` when the stream cannot
    /// stand for the tree: the bytes are not well-formed (not even namespace-well-formed) anywhere, up to the end of
    /// the document, or there is no root. The caller then parses the whole tree (`withDocument`), whose recovery and
    /// diagnostics are the reference.
    ///
    /// A tree holds every node of the document at once: some 1.5 KB per item of a plain RSS feed, 1.5 GB for a
    /// million items. libxml2's `xmlTextReader` builds the same nodes (the same SAX2 tree builder, the same options)
    /// but frees each child once the reader has moved past it, so only one item's subtree is alive at a time.
    static func withStream<T>(_ utf8: [UInt8], _ body: (XMLNode, XMLStream) -> T) -> T? {
        _ = initialized
        return utf8.withUnsafeBufferPointer { buf -> T? in
            guard let base = buf.baseAddress, buf.count <= Int(Int32.max) else { return nil }
            // The reader reads the buffer in place: it must outlive the reader, which this closure guarantees.
            guard let reader = base.withMemoryRebound(to: CChar.self, capacity: buf.count, {
                xmlReaderForMemory($0, Int32(buf.count), nil, "UTF-8", strictOptions)
            }) else { return nil }
            defer { xmlFreeTextReader(reader) }
            // Any error, fatal or not (an undeclared prefix leaves the document readable but not namespace-well-
            // formed), disqualifies the stream: the tree parse reports it and recovers as it always has.
            var failed = false
            return withUnsafeMutablePointer(to: &failed) { flag -> T? in
                xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
                    guard let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
                    context?.assumingMemoryBound(to: Bool.self).pointee = true
                }, flag)
                var status = xmlTextReaderRead(reader)
                while status == 1, !flag.pointee, xmlTextReaderNodeType(reader) != Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                    status = xmlTextReaderRead(reader)
                }
                guard status == 1, !flag.pointee, let root = xmlTextReaderCurrentNode(reader),
                      let doc = xmlTextReaderCurrentDoc(reader), doc.pointee._private == nil else { return nil }
                let stream = XMLStream(reader: reader, failed: flag, rootIsEmpty: xmlTextReaderIsEmptyElement(reader) == 1,
                                       size: buf.count)
                let result = body(XMLNode(root, doctype: doctypePublicID(doc)), stream)
                guard stream.finish() else { return nil }
                return result
            }
        }
    }
}

/// What reads a feed's root element child by child: from a whole tree (``XMLNode``) or a stream (``XMLStream``).
protocol XMLChildVisitor {
    /// Whether to enter `node`, a child at `depth` (1 for the root's children) whose start tag only is read (name,
    /// namespace, attributes), and receive its own children one at a time, rather than receive it whole.
    mutating func enters(_ node: XMLNode, depth: Int) -> Bool
    /// A child at `depth`, whole. The node is valid only during the call.
    mutating func element(_ node: XMLNode, depth: Int)
    /// About `count` children at `depth` are coming (a capacity hint: exact from a tree, estimated from a stream).
    mutating func expect(_ count: Int, depth: Int)
}

extension XMLChildVisitor {
    mutating func expect(_ count: Int, depth: Int) {}
}

/// Where a root's children come from: a whole tree or a stream.
protocol XMLChildSource {
    /// Hands the root's children to `visitor`, in document order. Returns `false` when the children could not all be
    /// read (a stream that met an error): what the visitor got is then not the document.
    func visitChildren<V: XMLChildVisitor>(_ visitor: inout V) -> Bool
}

extension XMLNode: XMLChildSource {
    func visitChildren<V: XMLChildVisitor>(_ visitor: inout V) -> Bool {
        func visit(_ parent: XMLNode, depth: Int) {
            visitor.expect(parent.elementCount, depth: depth)
            for child in parent.elements {
                if visitor.enters(child, depth: depth) {
                    if depth < 64 { visit(child, depth: depth + 1) }
                } else {
                    visitor.element(child, depth: depth)
                }
            }
        }
        visit(self, depth: 1)
        return true
    }
}

/// The children of a streamed root (``XMLDocument/withStream(_:_:)``), valid only inside its body. Each child the
/// visitor does not enter is read whole (`xmlTextReaderExpand`), handed over, and skipped; the reader frees it as
/// it moves on.
struct XMLStream: XMLChildSource {
    fileprivate let reader: xmlTextReaderPtr
    fileprivate let failed: UnsafeMutablePointer<Bool>
    fileprivate let rootIsEmpty: Bool
    /// The document's size in bytes.
    fileprivate let size: Int

    func visitChildren<V: XMLChildVisitor>(_ visitor: inout V) -> Bool {
        guard !rootIsEmpty else { return !failed.pointee }
        // Depths of the elements whose children are handed over: the root, and the children the visitor entered.
        var open: [Int32] = [0]
        // How far the children of the innermost of them go: where it started, how many so far, and whether the
        // visitor was told how many to expect (estimated from the bytes the first children took).
        var start = xmlTextReaderByteConsumed(reader)
        var handed = 0
        var estimated = false
        var status = xmlTextReaderRead(reader)
        while status == 1, !failed.pointee, !open.isEmpty {
            let depth = xmlTextReaderDepth(reader)
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue) where depth == open[open.count - 1] + 1:
                guard let current = xmlTextReaderCurrentNode(reader) else { return false }
                let node = XMLNode(current)
                if open.count < 64, visitor.enters(node, depth: Int(depth)) {
                    if xmlTextReaderIsEmptyElement(reader) == 0 { open.append(depth) }
                    (start, handed, estimated) = (xmlTextReaderByteConsumed(reader), 0, false)
                    status = xmlTextReaderRead(reader)
                } else {
                    guard xmlTextReaderExpand(reader) != nil, !failed.pointee else { return false }
                    visitor.element(node, depth: Int(depth))
                    handed += 1
                    if handed == 256, !estimated {
                        // Told once, after enough children to judge their size: a feed of a million items then fills
                        // one array instead of doubling it twenty times (and holding the last two at once).
                        estimated = true
                        let used = Double(max(1, xmlTextReaderByteConsumed(reader) - start))
                        let left = Double(max(0, size - Int(start)))
                        visitor.expect(Int(left / used * Double(handed) * 1.05), depth: Int(depth))
                    }
                    status = xmlTextReaderNext(reader)
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue) where depth == open[open.count - 1]:
                open.removeLast()
                // At the root's end the reader stays, so that the root is still there for the body of `withStream`.
                if !open.isEmpty { status = xmlTextReaderRead(reader) }
            default:
                status = xmlTextReaderRead(reader)
            }
        }
        return status >= 0 && !failed.pointee
    }

    /// Reads to the end of the document: what follows the root must be well-formed too.
    fileprivate func finish() -> Bool {
        var status: Int32 = 1
        while status == 1, !failed.pointee { status = xmlTextReaderRead(reader) }
        return status == 0 && !failed.pointee
    }
}

/// A read-only view of a libxml2 element, valid only inside `XMLDocument.withDocument`.
struct XMLNode {
    let ptr: xmlNodePtr
    /// The public identifier of the document's DOCTYPE (RSS 0.91 Netscape is told apart by it).
    let doctype: String?

    init(_ ptr: xmlNodePtr, doctype: String? = nil) {
        self.ptr = ptr
        self.doctype = doctype
    }

    /// The local name, without prefix.
    var name: String { String(cString: ptr.pointee.name) }

    /// The line of the start tag (past 65,535 only when the document was read with `XML_PARSE_BIG_LINES`).
    var line: Int { Int(xmlGetLineNo(ptr)) }

    /// `true` when the local name equals `other`, without allocating.
    func named(_ other: StaticString) -> Bool {
        guard let n = ptr.pointee.name else { return false }
        return other.withUTF8Buffer { buf in
            var i = 0
            while i < buf.count {
                if n[i] != buf[i] { return false }
                i += 1
            }
            return n[i] == 0
        }
    }

    var namespaceURI: String? {
        guard let ns = ptr.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The namespace family of the element, read from the namespace URI's bytes: no `String` for the known ones.
    var namespace: Namespace {
        guard let ns = ptr.pointee.ns, let href = ns.pointee.href else { return .none }
        return Namespace(href: href)
    }

    /// `true` when the element's namespace URI is exactly `uri`, compared as bytes.
    func hasNamespaceURI(_ uri: String) -> Bool {
        guard let ns = ptr.pointee.ns, let href = ns.pointee.href else { return false }
        var uri = uri
        return uri.withUTF8 { buf in
            strlen(UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self)) == buf.count
                && (buf.isEmpty || memcmp(href, buf.baseAddress!, buf.count) == 0)
        }
    }

    var prefix: String? {
        guard let ns = ptr.pointee.ns, let p = ns.pointee.prefix else { return nil }
        return String(cString: p)
    }

    /// `true` when this element declares the namespace `uri` (with any prefix).
    func declaresNamespace(_ uri: String) -> Bool {
        var ns = ptr.pointee.nsDef
        while let n = ns {
            if let href = n.pointee.href, String(cString: href) == uri { return true }
            ns = n.pointee.next
        }
        return false
    }

    /// Child elements, in order. A sequence over the sibling pointers: reading a tree allocates no arrays.
    var elements: ElementChildren { ElementChildren(cursor: ptr.pointee.children) }

    struct ElementChildren: Sequence, IteratorProtocol {
        fileprivate var cursor: xmlNodePtr?

        mutating func next() -> XMLNode? {
            while let c = cursor {
                cursor = c.pointee.next
                if c.pointee.type == XML_ELEMENT_NODE { return XMLNode(c) }
            }
            return nil
        }
    }

    /// How many child elements there are (an upper bound on a feed's items, to size arrays once).
    var elementCount: Int {
        var n = 0
        var child = ptr.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { n += 1 }
            child = c.pointee.next
        }
        return n
    }

    /// The only child element, or `nil` when there are none or several.
    var onlyElementChild: XMLNode? {
        var it = elements
        guard let first = it.next(), it.next() == nil else { return nil }
        return first
    }

    /// `xml:base` and `xml:lang` in one pass over the attributes (every element is entered, few carry either).
    func xmlBaseAndLang() -> (base: String?, lang: String?) {
        var base: String?
        var lang: String?
        var attr = ptr.pointee.properties
        while let a = attr {
            attr = a.pointee.next
            guard let ns = a.pointee.ns, let href = ns.pointee.href, let name = a.pointee.name,
                  strcmp(UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self), XMLNode.xmlNamespace) == 0 else { continue }
            let isBase = strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "base") == 0
            let isLang = !isBase && strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "lang") == 0
            guard isBase || isLang else { continue }
            // The first attribute of a name counts, as xmlHasNsProp finds it.
            if isBase ? base != nil : lang != nil { continue }
            if isBase { base = XMLNode.value(of: a) } else { lang = XMLNode.value(of: a) }
        }
        return (base, lang)
    }

    /// An attribute without namespace, or in the namespace given.
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        // xmlHasNsProp returns the attribute node itself: no C allocation to free.
        guard let attr = xmlHasNsProp(ptr, name, namespace) else { return nil }
        if namespace == nil, attr.pointee.ns != nil { return nil }
        return XMLNode.value(of: attr)
    }

    /// The text of an attribute node; a single text child (the usual case) is read without a buffer.
    static func value(of attr: xmlAttrPtr) -> String {
        if let only = attr.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
           let content = only.pointee.content {
            return String(cString: content)
        }
        var bytes: [UInt8] = []
        var budget = XMLNode.expansionBudget
        XMLNode.collectText(attr.pointee.children, into: &bytes, budget: &budget, depth: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every attribute as (namespace, local name, value).
    var attributes: [(namespace: String?, name: String, value: String)] {
        var result: [(String?, String, String)] = []
        var attr = ptr.pointee.properties
        while let a = attr {
            let name = String(cString: a.pointee.name)
            let ns = a.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
            var bytes: [UInt8] = []
            var budget = XMLNode.expansionBudget
            XMLNode.collectText(a.pointee.children, into: &bytes, budget: &budget, depth: 0)
            result.append((ns, name, String(decoding: bytes, as: UTF8.self)))
            attr = a.pointee.next
        }
        return result
    }

    /// Every attribute as (name as written, prefix included, value): `regwatch:options`, `xmlUrl`.
    var qualifiedAttributes: [(name: String, value: String)] {
        attributes(ofNode: ptr).map { attribute in
            (name: attribute.prefix.map { "\($0):\(attribute.name)" } ?? attribute.name, value: attribute.value)
        }
    }

    private func attributes(ofNode node: xmlNodePtr) -> [(prefix: String?, name: String, value: String)] {
        var result: [(String?, String, String)] = []
        var attr = node.pointee.properties
        while let a = attr {
            var bytes: [UInt8] = []
            var budget = XMLNode.expansionBudget
            XMLNode.collectText(a.pointee.children, into: &bytes, budget: &budget, depth: 0)
            result.append((a.pointee.ns.flatMap { $0.pointee.prefix }.map { String(cString: $0) }, String(cString: a.pointee.name),
                           String(decoding: bytes, as: UTF8.self)))
            attr = a.pointee.next
        }
        return result
    }

    /// `xml:base` on this element, when present.
    var xmlBase: String? { attribute("base", namespace: "http://www.w3.org/XML/1998/namespace") }
    /// `xml:lang` on this element, when present.
    var xmlLang: String? { attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") }

    /// Bytes that entity references may expand to in one text value: a document may declare entities, but an
    /// entity bomb (each entity ten copies of the last) must not grow without bound.
    static let expansionBudget = 1 << 20

    /// The text of the element: its text and CDATA, with declared entities expanded up to a budget.
    var text: String {
        // Fast path: a single text child (most feed elements), or a single CDATA section read in place.
        if let only = ptr.pointee.children, only.pointee.next == nil {
            if only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE, let content = only.pointee.content {
                return String(cString: content)
            }
            if let cdata = CDATASections.bytes(of: only) { return String(decoding: cdata, as: UTF8.self) }
        }
        var bytes: [UInt8] = []
        var budget = XMLNode.expansionBudget
        XMLNode.collectText(ptr.pointee.children, into: &bytes, budget: &budget, depth: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body` on the UTF-8 bytes of `text`, read in place when the element has a single text child.
    func withText<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let only = ptr.pointee.children, only.pointee.next == nil {
            if only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE, let content = only.pointee.content {
                return body(UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
            }
            if let cdata = CDATASections.bytes(of: only) { return body(cdata) }
        }
        var bytes: [UInt8] = []
        var budget = XMLNode.expansionBudget
        XMLNode.collectText(ptr.pointee.children, into: &bytes, budget: &budget, depth: 0)
        return bytes.withUnsafeBufferPointer(body)
    }

    /// `text` with surrounding whitespace removed.
    var trimmedText: String { text.trimmingSpaces() }

    /// Whether any child is an element (markup inside a text construct).
    var hasElementChildren: Bool {
        var child = ptr.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { return true }
            child = c.pointee.next
        }
        return false
    }

    static func collectText(_ first: xmlNodePtr?, into out: inout [UInt8], budget: inout Int, depth: Int) {
        var node = first
        while let n = node {
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content {
                    let len = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                    if len > budget { return }
                    budget -= len
                    out.append(contentsOf: UnsafeBufferPointer(start: content, count: len))
                }
            case XML_PI_NODE:
                if let cdata = CDATASections.bytes(of: n) {
                    if cdata.count > budget { return }
                    budget -= cdata.count
                    out.append(contentsOf: cdata)
                }
            case XML_ENTITY_REF_NODE:
                // The children of an entity reference are the entity's own (shared) content.
                if depth < 16, let ent = n.pointee.children {
                    let entity = UnsafeMutableRawPointer(ent).assumingMemoryBound(to: xmlEntity.self)
                    collectText(entity.pointee.children, into: &out, budget: &budget, depth: depth + 1)
                }
            case XML_ELEMENT_NODE:
                if depth < 256 { collectText(n.pointee.children, into: &out, budget: &budget, depth: depth + 1) }
            default:
                break
            }
            if budget <= 0 { return }
            node = n.pointee.next
        }
    }

    /// The child markup serialized as XHTML (for `application/xhtml+xml` text constructs): no namespace prefixes on
    /// elements, a default `xmlns` where the namespace leaves XHTML (SVG, MathML), prefixed attributes with
    /// their declaration, attributes sorted by name, link attributes resolved against `base`.
    func innerXHTML(base: String? = nil) -> String {
        var out: [UInt8] = []
        var budget = XMLNode.expansionBudget
        var context = SerializeContext(base: base.flatMap { URLResolver.isUsableBase($0) ? $0 : nil })
        XMLNode.serialize(ptr.pointee.children, into: &out, budget: &budget, depth: 0, context: &context)
        return String(decoding: out, as: UTF8.self)
    }

    struct SerializeContext {
        var base: String?
        var defaultNamespace = "http://www.w3.org/1999/xhtml"
        var declaredPrefixes: Set<String> = []
    }

    private static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    static func serialize(_ first: xmlNodePtr?, into out: inout [UInt8], budget: inout Int, depth: Int, context: inout SerializeContext) {
        var node = first
        while let n = node, budget > 0 {
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content {
                    let len = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                    budget -= len
                    escape(UnsafeBufferPointer(start: content, count: len), into: &out, attribute: false)
                }
            case XML_PI_NODE:
                if let cdata = CDATASections.bytes(of: n) {
                    budget -= cdata.count
                    escape(cdata, into: &out, attribute: false)
                }
            case XML_ENTITY_REF_NODE:
                if depth < 16, let ent = n.pointee.children {
                    let entity = UnsafeMutableRawPointer(ent).assumingMemoryBound(to: xmlEntity.self)
                    serialize(entity.pointee.children, into: &out, budget: &budget, depth: depth + 1, context: &context)
                }
            case XML_ELEMENT_NODE where depth < 256:
                let element = XMLNode(n)
                let name = element.name
                var scope = context
                if let b = element.xmlBase { scope.base = URLResolver.resolve(b, against: context.base) }
                var attrs: [(String, String)] = []
                let ns = element.namespaceURI ?? ""
                // Markup written in the feed's own namespace (undeclared inline `<b>` in Atom) is plain HTML.
                if !ns.isEmpty, ns != context.defaultNamespace, !Namespace(ns).isFeedVocabulary {
                    attrs.append(("xmlns", ns))
                    scope.defaultNamespace = ns
                }
                for attr in element.attributes {
                    var qname = attr.name
                    if let ans = attr.namespace {
                        if ans == xmlNamespace {
                            qname = "xml:" + attr.name
                        } else if let prefix = attributePrefix(n, name: attr.name, namespace: ans) {
                            qname = prefix + ":" + attr.name
                            if !scope.declaredPrefixes.contains(prefix) {
                                scope.declaredPrefixes.insert(prefix)
                                attrs.append(("xmlns:" + prefix, ans))
                            }
                        }
                    }
                    var value = attr.value
                    if let base = scope.base, MarkupNormalizer.uriAttributes.contains(qname.lowercased()) {
                        value = URLResolver.resolve(value, against: base)
                    }
                    attrs.append((qname, value))
                }
                attrs.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
                out.append(UInt8(ascii: "<"))
                out.append(contentsOf: name.utf8)
                for (qname, value) in attrs {
                    out.append(UInt8(ascii: " "))
                    out.append(contentsOf: qname.utf8)
                    out.append(contentsOf: "=\"".utf8)
                    let bytes = Array(value.utf8)
                    bytes.withUnsafeBufferPointer { escape($0, into: &out, attribute: true) }
                    out.append(UInt8(ascii: "\""))
                }
                if n.pointee.children == nil && voidElements.contains(name.lowercased()) {
                    out.append(contentsOf: " />".utf8)
                } else {
                    out.append(UInt8(ascii: ">"))
                    serialize(n.pointee.children, into: &out, budget: &budget, depth: depth + 1, context: &scope)
                    out.append(contentsOf: "</".utf8)
                    out.append(contentsOf: name.utf8)
                    out.append(UInt8(ascii: ">"))
                }
            default:
                break
            }
            node = n.pointee.next
        }
    }

    /// The prefix an attribute was written with.
    private static func attributePrefix(_ element: xmlNodePtr, name: String, namespace: String) -> String? {
        guard let attr = xmlHasNsProp(element, name, namespace), let ns = attr.pointee.ns, let p = ns.pointee.prefix else { return nil }
        return String(cString: p)
    }

    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], attribute: Bool) {
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
            default: out.append(b)
            }
        }
    }
}
