import Foundation

/// One parsed document — a feed, or an HTML page read as a one-entry feed — in the normalized model
/// that every format adapter produces and every later stage reads.
///
/// Field names follow the feed-parser contract (`shared/conformance/CONTRACT.md`), so the JSON that
/// `regwatch parse --json` prints is a direct rendering of this value.
public struct FeedDocument: Sendable, Hashable, Codable {
    /// The format detected from the content, never from a file name.
    public var format: FeedFormat
    /// `true` when the bytes were not clean (ill-formed XML, undecodable bytes, undefined entities...)
    /// but something was recovered.
    public var bozo: Bool
    /// Why `bozo` is set, phrased for a person.
    public var bozoException: String?
    /// The character encoding actually used to decode the bytes, lowercase IANA-style.
    public var encoding: String
    public var feed: FeedMetadata
    public var entries: [FeedEntry]

    public init(format: FeedFormat = .unknown, bozo: Bool = false, bozoException: String? = nil,
                encoding: String = "utf-8", feed: FeedMetadata = FeedMetadata(), entries: [FeedEntry] = []) {
        self.format = format
        self.bozo = bozo
        self.bozoException = bozoException
        self.encoding = encoding
        self.feed = feed
        self.entries = entries
    }
}

/// Channel-level data of a feed.
public struct FeedMetadata: Sendable, Hashable, Codable {
    public var title: TextConstruct?
    public var subtitle: TextConstruct?
    public var rights: TextConstruct?
    /// The first `alternate` link.
    public var link: String?
    public var links: [Link] = []
    public var id: String?
    public var language: String?
    public var updated: Date?
    public var published: Date?
    /// Display string: RSS text as written, Atom `name (email)`.
    public var author: String?
    public var authors: [Person] = []
    public var tags: [Tag] = []
    /// Time to live in minutes (RSS `<ttl>`), used by the pull scheduler.
    public var ttlMinutes: Int?
    /// Site name (HTML `og:site_name`), when known.
    public var siteName: String?

    public init() {}
}

/// One item or entry.
public struct FeedEntry: Sendable, Hashable, Codable {
    public var id: String?
    public var title: TextConstruct?
    public var link: String?
    public var links: [Link] = []
    public var summary: TextConstruct?
    public var content: [TextConstruct] = []
    public var published: Date?
    public var updated: Date?
    public var author: String?
    public var authors: [Person] = []
    public var tags: [Tag] = []
    public var enclosures: [Enclosure] = []
    public var source: EntrySource?
    /// Named sections of a brief ("What happened", "What to watch"...), in document order.
    public var sections: [Section] = []
    /// Free-form language of the entry, when the page or item states one.
    public var language: String?
    /// A short description (HTML `meta description`), when distinct from the summary.
    public var description: String?

    public init() {}
}

/// A text construct: a value plus how to read it.
public struct TextConstruct: Sendable, Hashable, Codable {
    public enum ContentType: String, Sendable, Hashable, Codable {
        case plain = "text/plain"
        case html = "text/html"
        case xhtml = "application/xhtml+xml"
    }
    /// `text/plain`, `text/html`, `application/xhtml+xml`, or a MIME type kept as given.
    public var type: String
    public var value: String
    /// The `xml:lang` in scope, when known.
    public var language: String?
    /// Atom `<content src="…">`: where content hosted elsewhere lives. The value is then empty: the reference is not
    /// the item's text.
    public var src: String?

    public init(type: String, value: String, language: String? = nil) {
        self.type = type
        self.value = value
        self.language = language
    }

    public init(_ type: ContentType, _ value: String, language: String? = nil) {
        self.init(type: type.rawValue, value: value, language: language)
    }

    /// `true` when the value is markup that a reader must strip to get text.
    public var isMarkup: Bool { type != ContentType.plain.rawValue }
}

public struct Link: Sendable, Hashable, Codable {
    public var rel: String
    public var href: String
    public var type: String?
    public var title: String?
    public var hreflang: String?
    public var length: String?

    public init(rel: String = "alternate", href: String, type: String? = nil, title: String? = nil,
                hreflang: String? = nil, length: String? = nil) {
        self.rel = rel
        self.href = href
        self.type = type
        self.title = title
        self.hreflang = hreflang
        self.length = length
    }
}

public struct Person: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    public var href: String?

    public init(name: String? = nil, email: String? = nil, href: String? = nil) {
        self.name = name
        self.email = email
        self.href = href
    }

    public var isEmpty: Bool { name == nil && email == nil && href == nil }
}

public struct Tag: Sendable, Hashable, Codable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

public struct Enclosure: Sendable, Hashable, Codable {
    public var href: String
    public var length: String?
    public var type: String?

    public init(href: String, length: String? = nil, type: String? = nil) {
        self.href = href
        self.length = length
        self.type = type
    }
}

/// The outlet an aggregated item came from (RSS `<source>`, Atom `<source>`).
public struct EntrySource: Sendable, Hashable, Codable {
    public var title: String?
    public var href: String?
    public var link: String?
    public var id: String?

    public init(title: String? = nil, href: String? = nil, link: String? = nil, id: String? = nil) {
        self.title = title
        self.href = href
        self.link = link
        self.id = id
    }
}

/// A named section of a brief: its heading and its plain text.
public struct Section: Sendable, Hashable, Codable {
    public var heading: String
    public var text: String

    public init(heading: String, text: String) {
        self.heading = heading
        self.text = text
    }
}
