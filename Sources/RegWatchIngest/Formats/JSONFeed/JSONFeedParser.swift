// JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/ (1.0: https://www.jsonfeed.org/version/1/)
import Foundation
import RegWatchCore

/// The JSON Feed document as the spec names its fields, read leniently: a field of an unexpected type is coerced
/// when its meaning is plain (a number for a string, one string for a list of tags, one object for a list of
/// attachments, a name for an author object, a Unix time for a date) and skipped otherwise, and each such field is
/// noted in `problems` instead of losing the whole document.
struct JSONFeedWire {
    struct Author {
        var name: String?
        var url: String?
    }

    struct Attachment {
        var url: String?
        var mime_type: String?
        var title: String?
        var size_in_bytes: String?
    }

    struct Item {
        var id: String?
        var url: String?
        var external_url: String?
        var title: String?
        var content_html: String?
        var content_text: String?
        var summary: String?
        var date_published: Date?
        var date_modified: Date?
        var author: Author?
        var authors: [Author]?
        var tags: [String]?
        var language: String?
        var attachments: [Attachment]?
    }

    var version: String?
    var title: String?
    var home_page_url: String?
    var feed_url: String?
    var description: String?
    var author: Author?
    var authors: [Author]?
    var language: String?
    var items: [Item]?
    /// Fields that had to be coerced or skipped, as `items[2].tags: a string, read as one tag`.
    var problems: [String] = []

    init(_ object: [String: Any]) {
        var r = Reader()
        version = r.string(object["version"], "version")
        title = r.string(object["title"], "title")
        home_page_url = r.string(object["home_page_url"], "home_page_url")
        feed_url = r.string(object["feed_url"], "feed_url")
        description = r.string(object["description"], "description")
        author = r.author(object["author"], "author")
        authors = r.authors(object["authors"], "authors")
        language = r.string(object["language"], "language")
        if let list = object["items"] {
            if let array = list as? [Any] {
                items = array.enumerated().compactMap { i, value in
                    guard let item = value as? [String: Any] else {
                        r.note("items[\(i)]", "not an object, skipped")
                        return nil
                    }
                    return r.item(item, "items[\(i)]")
                }
            } else if let one = list as? [String: Any] {
                r.note("items", "an object, read as a list of one item")
                items = [r.item(one, "items")]
            } else {
                r.note("items", "not a list, skipped")
            }
        }
        problems = r.problems
    }

    /// Reads values of the JSON object tree, noting every coercion.
    struct Reader {
        var problems: [String] = []

        mutating func note(_ path: String, _ what: String) { problems.append("\(path): \(what)") }

        /// A string; a number is read as its text (`quietly` where the spec or common use allows a number:
        /// `id`, `size_in_bytes`).
        mutating func string(_ value: Any?, _ path: String, quietly: Bool = false) -> String? {
            switch value {
            case nil, is NSNull: return nil
            case let s as String: return s
            case let n as NSNumber where !Self.isBool(n):
                if !quietly { note(path, "a number, read as text") }
                return n.stringValue
            default:
                note(path, "not a string, skipped")
                return nil
            }
        }

        mutating func date(_ value: Any?, _ path: String) -> Date? {
            switch value {
            case nil, is NSNull: return nil
            case let s as String: return DateParser.parse(s)
            case let n as NSNumber where !Self.isBool(n):
                // Seconds since 1970, or milliseconds when the number is too large for seconds.
                let v = n.doubleValue
                note(path, "a number, read as a Unix time")
                return Date(timeIntervalSince1970: v > 100_000_000_000 ? v / 1000 : v)
            default:
                note(path, "not a date, skipped")
                return nil
            }
        }

        mutating func author(_ value: Any?, _ path: String) -> Author? {
            switch value {
            case nil, is NSNull: return nil
            case let o as [String: Any]: return Author(name: string(o["name"], path + ".name"), url: string(o["url"], path + ".url"))
            case let s as String:
                note(path, "a string, read as the author's name")
                return Author(name: s)
            default:
                note(path, "not an author object, skipped")
                return nil
            }
        }

        mutating func authors(_ value: Any?, _ path: String) -> [Author]? {
            switch value {
            case nil, is NSNull: return nil
            case let list as [Any]: return list.enumerated().compactMap { author($1, "\(path)[\($0)]") }
            default:
                note(path, "not a list, read as one author")
                return author(value, path).map { [$0] }
            }
        }

        mutating func tags(_ value: Any?, _ path: String) -> [String]? {
            switch value {
            case nil, is NSNull: return nil
            case let list as [Any]: return list.enumerated().compactMap { string($1, "\(path)[\($0)]") }
            case let s as String:
                note(path, "a string, read as comma-separated tags")
                return s.split(separator: ",").map { $0.trimmingSpaces() }
            default:
                note(path, "not a list of strings, skipped")
                return nil
            }
        }

        mutating func attachments(_ value: Any?, _ path: String) -> [Attachment]? {
            func one(_ value: Any, _ path: String) -> Attachment? {
                guard let o = value as? [String: Any] else {
                    note(path, "not an attachment object, skipped")
                    return nil
                }
                return Attachment(url: string(o["url"], path + ".url"), mime_type: string(o["mime_type"], path + ".mime_type"),
                                  title: string(o["title"], path + ".title"), size_in_bytes: string(o["size_in_bytes"], path + ".size_in_bytes", quietly: true))
            }
            switch value {
            case nil, is NSNull: return nil
            case let list as [Any]: return list.enumerated().compactMap { one($1, "\(path)[\($0)]") }
            case let o as [String: Any]:
                note(path, "an object, read as a list of one attachment")
                return one(o, path).map { [$0] }
            default:
                note(path, "not a list of attachments, skipped")
                return nil
            }
        }

        mutating func item(_ o: [String: Any], _ path: String) -> Item {
            Item(id: string(o["id"], path + ".id", quietly: true), url: string(o["url"], path + ".url"),
                 external_url: string(o["external_url"], path + ".external_url"), title: string(o["title"], path + ".title"),
                 content_html: string(o["content_html"], path + ".content_html"),
                 content_text: string(o["content_text"], path + ".content_text"), summary: string(o["summary"], path + ".summary"),
                 date_published: date(o["date_published"], path + ".date_published"),
                 date_modified: date(o["date_modified"], path + ".date_modified"),
                 author: author(o["author"], path + ".author"), authors: authors(o["authors"], path + ".authors"),
                 tags: tags(o["tags"], path + ".tags"), language: string(o["language"], path + ".language"),
                 attachments: attachments(o["attachments"], path + ".attachments"))
        }

        /// JSON `true`/`false` arrive as NSNumber too (objCType "c"); they are not numbers here.
        static func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
    }
}

/// JSON Feed bytes → `FeedDocument`, through Foundation's JSON decoder.
enum JSONFeedParser {
    /// - Parameter wholeItemsOnly: the bytes are known to be cut short (``FeedParser/parseCut(_:url:contentType:limits:note:)``):
    ///   an item whose object is not closed is dropped rather than read with the fields it has so far.
    static func parse(_ bytes: [UInt8], url: String?, wholeItemsOnly: Bool = false) -> FeedDocument {
        var doc = FeedDocument(encoding: "utf-8")
        if let offset = JSONNesting.tooDeep(bytes) {
            doc.bozo = true
            doc.bozoException = JSONNesting.message(offset: offset)
            return doc
        }
        var object: Any?
        var truncation: String?
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let reason = "invalid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")"
            // A document cut short keeps the items that were complete before the cut.
            // Cut inside the top-level object (one closer) or its items array (two): no value open inside an item.
            let ends = completeValueEnds(bytes).filter { !wholeItemsOnly || $0.closers.count <= 2 }
            for cut in ends.suffix(4).reversed() {
                if let repaired = try? JSONSerialization.jsonObject(with: Data(bytes[..<cut.offset] + cut.closers)) {
                    object = repaired
                    truncation = reason + "; read up to byte \(cut.offset), where the last complete value ends"
                    break
                }
            }
            if object == nil {
                doc.bozo = true
                doc.bozoException = reason
                return doc
            }
        }
        guard let top = object as? [String: Any] else {
            doc.bozo = true
            doc.bozoException = "a JSON document that is not an object"
            return doc
        }
        let wire = JSONFeedWire(top)
        var problems = wire.problems
        if let truncation { problems.insert(truncation, at: 0) }
        let version = wire.version?.trimmingSpaces() ?? ""
        if version.hasPrefix("https://jsonfeed.org/version/1.1") || version.hasPrefix("http://jsonfeed.org/version/1.1") {
            doc.format = .json11
        } else if version.hasPrefix("https://jsonfeed.org/version/1") || version.hasPrefix("http://jsonfeed.org/version/1") {
            doc.format = .json1
        } else if top["items"] is [Any] {
            // A feed in all but its version ("1.0", or none): read it as JSON Feed 1, and say so.
            doc.format = .json1
            problems.insert(version.isEmpty ? "no JSON Feed version; read as JSON Feed 1 for its items"
                                            : "version '\(version)' is not a JSON Feed version; read as JSON Feed 1 for its items", at: 0)
        } else {
            doc.format = .unknown
            doc.bozo = true
            doc.bozoException = "a JSON document without a JSON Feed version"
            return doc
        }
        if !problems.isEmpty {
            doc.bozo = true
            doc.bozoException = problems.prefix(8).joined(separator: "; ")
        }
        let base = url
        func resolve(_ s: String?) -> String? {
            guard let s = s?.trimmingSpaces(), !s.isEmpty else { return nil }
            return URLResolver.resolve(s, against: base)
        }
        var feed = FeedMetadata()
        if let t = wire.title { feed.title = TextConstruct(.plain, t.trimmingSpaces(), language: wire.language) }
        if let d = wire.description { feed.subtitle = TextConstruct(.plain, d.trimmingSpaces(), language: wire.language) }
        if let home = resolve(wire.home_page_url) {
            feed.link = home
            feed.links.append(Link(rel: "alternate", href: home, type: "text/html"))
        }
        if let self_ = resolve(wire.feed_url) {
            feed.links.append(Link(rel: "self", href: self_, type: "application/feed+json"))
        }
        feed.language = wire.language
        feed.authors = persons(wire.authors, wire.author, resolve: resolve)
        feed.author = feed.authors.first.flatMap(FeedText.display)
        doc.feed = feed

        doc.entries = (wire.items ?? []).map { item in
            var entry = FeedEntry()
            let lang = item.language ?? wire.language
            entry.id = item.id
            if let t = item.title { entry.title = TextConstruct(.plain, t.trimmingSpaces(), language: lang) }
            if let link = resolve(item.url) {
                entry.link = link
                entry.links.append(Link(rel: "alternate", href: link, type: "text/html"))
            }
            if let external = resolve(item.external_url) {
                entry.links.append(Link(rel: "related", href: external))
                if entry.link == nil { entry.link = external }
            }
            if let html = item.content_html { entry.content.append(TextConstruct(.html, html.trimmingSpaces(), language: lang)) }
            if let text = item.content_text { entry.content.append(TextConstruct(.plain, text.trimmingSpaces(), language: lang)) }
            if let s = item.summary { entry.summary = TextConstruct(.plain, s.trimmingSpaces(), language: lang) }
            entry.published = item.date_published
            entry.updated = item.date_modified
            entry.authors = persons(item.authors, item.author, resolve: resolve)
            entry.author = entry.authors.first.flatMap(FeedText.display)
            entry.tags = (item.tags ?? []).filter { !$0.isEmpty }.map { Tag(term: $0) }
            for attachment in item.attachments ?? [] {
                guard let href = resolve(attachment.url) else { continue }
                let enclosure = Enclosure(href: href, length: attachment.size_in_bytes, type: attachment.mime_type)
                entry.enclosures.append(enclosure)
                entry.links.append(Link(rel: "enclosure", href: href, type: enclosure.type, title: attachment.title, length: enclosure.length))
            }
            entry.language = item.language
            return entry
        }
        return doc
    }

    /// Where values end inside the document (just after a `}` or `]` outside strings, at depth 2 or more), each with
    /// the brackets that would close what is still open there: cutting at one gives a well-formed document that keeps
    /// every value before it.
    static func completeValueEnds(_ bytes: [UInt8]) -> [(offset: Int, closers: [UInt8])] {
        var ends: [(offset: Int, closers: [UInt8])] = []
        var open: [UInt8] = []
        var inString = false
        var escaped = false
        for (i, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): open.append(UInt8(ascii: "}"))
            case UInt8(ascii: "["): open.append(UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard open.last == b else { return ends }
                open.removeLast()
                if !open.isEmpty { ends.append((i + 1, open.reversed())) }
            default: break
            }
        }
        return ends
    }

    private static func persons(_ many: [JSONFeedWire.Author]?, _ one: JSONFeedWire.Author?, resolve: (String?) -> String?) -> [Person] {
        let list = many ?? (one.map { [$0] } ?? [])
        return list.map { Person(name: $0.name?.trimmingSpaces(), href: resolve($0.url)) }.filter { !$0.isEmpty }
    }
}
