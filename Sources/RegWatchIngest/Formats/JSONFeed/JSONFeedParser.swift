// JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/ (1.0: https://www.jsonfeed.org/version/1/)
import Foundation
import RegWatchCore

/// The JSON Feed document as the spec names its fields.
struct JSONFeedWire: Decodable {
    struct Author: Decodable {
        var name: String?
        var url: String?
    }

    struct Attachment: Decodable {
        var url: String?
        var mime_type: String?
        var title: String?
        var size_in_bytes: FlexibleString?
    }

    struct Item: Decodable {
        var id: FlexibleString?
        var url: String?
        var external_url: String?
        var title: String?
        var content_html: String?
        var content_text: String?
        var summary: String?
        var date_published: String?
        var date_modified: String?
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
}

/// A string the wild writes as a number too (`"id": 2`, `"size_in_bytes": 12000000`).
struct FlexibleString: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { value = s }
        else if let i = try? c.decode(Int64.self) { value = String(i) }
        else if let d = try? c.decode(Double.self) { value = String(d) }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a string or a number") }
    }
}

/// JSON Feed bytes → `FeedDocument`, through Foundation's JSON decoder.
enum JSONFeedParser {
    static func parse(_ bytes: [UInt8], url: String?) -> FeedDocument {
        var doc = FeedDocument(encoding: "utf-8")
        let wire: JSONFeedWire
        if let offset = JSONNesting.tooDeep(bytes) {
            doc.bozo = true
            doc.bozoException = JSONNesting.message(offset: offset)
            return doc
        }
        do {
            wire = try JSONDecoder().decode(JSONFeedWire.self, from: Data(bytes))
        } catch {
            doc.bozo = true
            doc.bozoException = "invalid JSON: \(describe(error))"
            return doc
        }
        let version = wire.version?.trimmingSpaces() ?? ""
        if version.hasPrefix("https://jsonfeed.org/version/1.1") || version.hasPrefix("http://jsonfeed.org/version/1.1") {
            doc.format = .json11
        } else if version.hasPrefix("https://jsonfeed.org/version/1") || version.hasPrefix("http://jsonfeed.org/version/1") {
            doc.format = .json1
        } else {
            doc.format = .unknown
            doc.bozo = true
            doc.bozoException = "a JSON document without a JSON Feed version"
            return doc
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
            entry.id = item.id?.value
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
            entry.published = item.date_published.flatMap(DateParser.parse)
            entry.updated = item.date_modified.flatMap(DateParser.parse)
            entry.authors = persons(item.authors, item.author, resolve: resolve)
            entry.author = entry.authors.first.flatMap(FeedText.display)
            entry.tags = (item.tags ?? []).filter { !$0.isEmpty }.map { Tag(term: $0) }
            for attachment in item.attachments ?? [] {
                guard let href = resolve(attachment.url) else { continue }
                let enclosure = Enclosure(href: href, length: attachment.size_in_bytes?.value, type: attachment.mime_type)
                entry.enclosures.append(enclosure)
                entry.links.append(Link(rel: "enclosure", href: href, type: enclosure.type, title: attachment.title, length: enclosure.length))
            }
            entry.language = item.language
            return entry
        }
        return doc
    }

    private static func persons(_ many: [JSONFeedWire.Author]?, _ one: JSONFeedWire.Author?, resolve: (String?) -> String?) -> [Person] {
        let list = many ?? (one.map { [$0] } ?? [])
        return list.map { Person(name: $0.name?.trimmingSpaces(), href: resolve($0.url)) }.filter { !$0.isEmpty }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.underlyingError.map { "\($0.localizedDescription)" } ?? c.debugDescription
        case DecodingError.typeMismatch(_, let c): return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}
