import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// The XML namespaces feeds use, and the family each belongs to.
///
/// Matching goes by namespace URI, never by prefix: `<dc:date>` and `<foo:date xmlns:foo="…/dc/elements/1.1/">`
/// are the same element.
enum Namespace: Sendable {
    case none, rss10, rss090, rdf, atom10, atom03, dc, dcterms, content, xhtml, media, creativeCommons, itunes, other

    init(_ uri: String?) {
        guard let uri else { self = .none; return }
        switch uri {
        case "http://purl.org/rss/1.0/": self = .rss10
        case "http://my.netscape.com/rdf/simple/0.9/": self = .rss090
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#": self = .rdf
        case "http://www.w3.org/2005/Atom": self = .atom10
        case "http://purl.org/atom/ns#": self = .atom03
        case "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/elements/1.0/": self = .dc
        case "http://purl.org/dc/terms/": self = .dcterms
        case "http://purl.org/rss/1.0/modules/content/": self = .content
        case "http://www.w3.org/1999/xhtml": self = .xhtml
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss": self = .media
        case "http://web.resource.org/cc/", "http://backend.userland.com/creativeCommonsRssModule": self = .creativeCommons
        // RSS 2.0 feeds that put their elements in a namespace of their own.
        case "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss", "http://backend.userland.com/rss":
            self = .none
        default:
            // Case and trailing-slash variants of the common ones appear in the wild.
            let lowered = uri.lowercased()
            if lowered.hasPrefix("http://purl.org/dc/elements/") { self = .dc }
            else if lowered.hasPrefix("http://purl.org/dc/terms") { self = .dcterms }
            else if lowered.hasPrefix("http://purl.org/rss/1.0/modules/content") { self = .content }
            else if lowered.hasPrefix("http://www.w3.org/2005/atom") { self = .atom10 }
            else if lowered.hasPrefix("http://purl.org/atom/ns") { self = .atom03 }
            else if lowered.hasPrefix("http://purl.org/rss/1.0") { self = .rss10 }
            else if lowered.hasPrefix("http://my.netscape.com/rdf/simple/0.9") { self = .rss090 }
            else if lowered.hasPrefix("http://www.itunes.com/dtds/podcast-1.0.dtd") { self = .itunes }
            else { self = .other }
        }
    }

    /// The exact URIs of `init(_:)`, for the byte-level lookup.
    private static let known: [(uri: [UInt8], ns: Namespace)] = ([
        ("http://purl.org/dc/elements/1.1/", .dc), ("http://purl.org/rss/1.0/modules/content/", .content),
        ("http://www.w3.org/2005/Atom", .atom10), ("http://purl.org/rss/1.0/", .rss10),
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", .rdf), ("http://www.w3.org/1999/xhtml", .xhtml),
        ("http://search.yahoo.com/mrss/", .media), ("http://purl.org/dc/terms/", .dcterms),
        ("http://purl.org/atom/ns#", .atom03), ("http://my.netscape.com/rdf/simple/0.9/", .rss090),
        ("http://purl.org/dc/elements/1.0/", .dc), ("http://search.yahoo.com/mrss", .media),
        ("http://web.resource.org/cc/", .creativeCommons), ("http://backend.userland.com/creativeCommonsRssModule", .creativeCommons),
        ("http://backend.userland.com/rss2", .none), ("http://blogs.law.harvard.edu/tech/rss", .none),
        ("http://backend.userland.com/rss", .none),
    ] as [(String, Namespace)]).map { (Array($0.0.utf8), $0.1) }

    /// The namespace of a NUL-terminated URI (libxml2's `href`): the known URIs are matched as bytes, the rest
    /// go through `init(_:)`.
    init(href: UnsafePointer<UInt8>) {
        let length = strlen(UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self))
        for entry in Namespace.known where entry.uri.count == length {
            if entry.uri.withUnsafeBufferPointer({ memcmp($0.baseAddress!, href, length) == 0 }) {
                self = entry.ns
                return
            }
        }
        self.init(String(cString: href))
    }

    /// The namespaces RSS and RDF core elements live in.
    var isRSSCore: Bool { self == .none || self == .rss10 || self == .rss090 }
    /// The namespaces of the feed formats themselves.
    var isFeedVocabulary: Bool { isAtom || self == .rss10 || self == .rss090 }

    /// The Atom namespaces (elements of either version are read alike).
    var isAtom: Bool { self == .atom10 || self == .atom03 }
}

/// The inherited `xml:base` and `xml:lang` of an element.
struct Scope: Sendable {
    var base: String?
    var lang: String?
    /// The root element's namespace: feeds that put RSS or Atom elements in a namespace of their own
    /// (`xmlns="http://backend.userland.com/rss2.1"`) still mean the core elements.
    var coreURI: String?
    /// The document was not well-formed and libxml2 recovered a tree: items may sit wherever an unclosed element
    /// left them (``XMLNode/recoveredItems(named:scope:atom:)``).
    var recovered = false

    /// `true` when `node` is a core element of the format being read.
    func isCore(_ node: XMLNode, atom: Bool) -> Bool {
        isCore(node, ns: node.namespace, atom: atom)
    }

    /// `isCore` when the caller already knows the element's namespace family.
    func isCore(_ node: XMLNode, ns: Namespace, atom: Bool) -> Bool {
        if atom ? (ns.isAtom || ns == .none) : ns.isRSSCore { return true }
        if let coreURI { return node.hasNamespaceURI(coreURI) }
        return false
    }

    /// This scope as seen by `node`: its own `xml:base` resolved against ours, its own `xml:lang`.
    func entering(_ node: XMLNode) -> Scope {
        // Most elements have no attributes at all: nothing to inherit.
        guard node.ptr.pointee.properties != nil else { return self }
        let (xmlBase, xmlLang) = node.xmlBaseAndLang()
        guard xmlBase != nil || xmlLang != nil else { return self }
        var next = self
        if let b = xmlBase {
            let trimmed = b.trimmingSpaces()
            let resolved = URLResolver.resolve(trimmed, against: base)
            // A base that is not a web URI (`javascript:`) is ignored.
            if URLResolver.scheme(of: resolved) == nil || URLResolver.isUsableBase(resolved) {
                next.base = resolved
            }
        }
        if let l = xmlLang {
            // `xml:lang=""` means "no language"; `en_US` is written `en-US`.
            let trimmed = l.trimmingSpaces()
            next.lang = trimmed.isEmpty ? nil : trimmed.replacingAll("_", with: "-")
        }
        return next
    }

    /// A URI-valued field resolved against the base in scope.
    func resolve(_ uri: String) -> String {
        URLResolver.resolve(uri, against: base)
    }
}

extension XMLNode {
    /// Every core element `name` (`item`, `entry`) below this one, in document order, each with its scope; one inside
    /// another is listed too. In a recovered tree an unclosed element (`<itunes:category>`, a stray `<b>`) holds the
    /// items that follow it, where a reader still sees them as items.
    func recoveredItems(named name: StaticString, scope: Scope, atom: Bool) -> [(node: XMLNode, scope: Scope)] {
        var found: [(node: XMLNode, scope: Scope)] = []
        func walk(_ node: XMLNode, _ scope: Scope, depth: Int) {
            guard depth < 64 else { return }
            for child in node.elements {
                if child.named(name), scope.isCore(child, atom: atom) { found.append((child, scope)) }
                walk(child, scope.entering(child), depth: depth + 1)
            }
        }
        walk(self, scope, depth: 0)
        return found
    }
}
