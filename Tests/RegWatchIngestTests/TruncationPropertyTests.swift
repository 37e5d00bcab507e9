import Foundation
import RegWatchCore
import RegWatchTestSupport
import Testing
@testable import RegWatchIngest

/// Generated documents of every feed format, cut at random places or with junk in front: the parser never
/// crashes, and every item that ends before the cut (all of them, with junk) is read with its title and link.
@Suite("Truncated and prefixed feeds")
struct TruncationPropertyTests {
    enum Format: String, CaseIterable, Sendable {
        case rss20, rss10, rss090, atom10, atom03, json11
    }

    /// A generated document, with where each item ends and what it must read as.
    struct Generated {
        var bytes: [UInt8]
        /// Offset just past each item's last byte.
        var itemEnds: [Int]
        var titles: [String]
        var links: [String]
    }

    static func generate(_ format: Format, rng: inout SeededGenerator) -> Generated {
        let words = ["Regulator", "fines", "app", "store", "over", "data", "transfers", "court", "halts", "ban", "chip", "rules"]
        let count = 2 + Int(rng.next() % 6)
        var titles: [String] = []
        var links: [String] = []
        var itemTexts: [String] = []
        for i in 0..<count {
            let picked = (0..<(3 + Int(rng.next() % 5))).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            let title = "\(i): " + picked.joined(separator: " ") + (rng.next() % 2 == 0 ? " & partners" : "")
            let link = "https://gen.example/story?id=\(i)&src=\(format.rawValue)"
            titles.append(title)
            links.append(link)
            let body = "<p>" + picked.reversed().joined(separator: " ") + " &amp; more</p>"
            let cdata = rng.next() % 3 == 0
            switch format {
            case .rss20, .rss10, .rss090:
                let description = cdata ? "<![CDATA[\(body)]]>" : escape(body)
                itemTexts.append("<item><title>\(escape(title))</title><link>\(escape(link))</link><description>\(description)</description></item>")
            case .atom10, .atom03:
                let date = format == .atom10 ? "<updated>2026-07-0\(1 + i % 9)T10:00:00Z</updated>" : "<modified>2026-07-0\(1 + i % 9)T10:00:00Z</modified>"
                let content = cdata ? "<content type=\"html\"><![CDATA[\(body)]]></content>" : "<summary type=\"html\">\(escape(body))</summary>"
                itemTexts.append("<entry><title>\(escape(title))</title><link rel=\"alternate\" href=\"\(escape(link))\"/><id>urn:gen:\(i)</id>\(date)\(content)</entry>")
            case .json11:
                itemTexts.append("{\"id\": \"\(i)\", \"title\": \(json(title)), \"url\": \(json(link)), \"content_html\": \(json(body)), \"tags\": [\"a\", \"b\"], \"authors\": [{\"name\": \"Desk\"}]}")
            }
        }
        let head: String
        let separator: String
        let tail: String
        switch format {
        case .rss20:
            head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Gen &amp; Co</title><link>https://gen.example/</link>\n"
            separator = "\n"
            tail = "\n</channel></rss>\n"
        case .rss10:
            head = "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">\n<channel rdf:about=\"https://gen.example/\"><title>Gen</title><link>https://gen.example/</link><description>d</description></channel>\n"
            separator = "\n"
            tail = "\n</rdf:RDF>\n"
        case .rss090:
            head = "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\">\n<channel><title>Gen</title><link>https://gen.example/</link><description>d</description></channel>\n"
            separator = "\n"
            tail = "\n</rdf:RDF>\n"
        case .atom10:
            head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Gen</title><id>urn:gen</id><updated>2026-07-01T00:00:00Z</updated>\n"
            separator = "\n"
            tail = "\n</feed>\n"
        case .atom03:
            head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Gen</title><modified>2026-07-01T00:00:00Z</modified>\n"
            separator = "\n"
            tail = "\n</feed>\n"
        case .json11:
            head = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Gen\", \"items\": [\n"
            separator = ",\n"
            tail = "\n]}\n"
        }
        var bytes = Array(head.utf8)
        var ends: [Int] = []
        for (i, text) in itemTexts.enumerated() {
            if i > 0 { bytes += Array(separator.utf8) }
            bytes += Array(text.utf8)
            ends.append(bytes.count)
        }
        bytes += Array(tail.utf8)
        return Generated(bytes: bytes, itemEnds: ends, titles: titles, links: links)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func json(_ s: String) -> String {
        String(decoding: try! JSONEncoder().encode(s), as: UTF8.self)
    }

    /// The items of `doc` that read as item `i` of `generated`.
    static func missing(_ doc: FeedDocument, _ generated: Generated, upTo cut: Int) -> [Int] {
        generated.itemEnds.indices.filter { i in
            generated.itemEnds[i] <= cut && !doc.entries.contains { entry in
                entry.link == generated.links[i] && entry.title.map { ArticlePlain.text($0) } == generated.titles[i]
            }
        }
    }

    @Test("a document cut anywhere keeps every item that ends before the cut", arguments: Format.allCases)
    func truncations(_ format: Format) {
        var rng = SeededGenerator(seed: 13_000 + UInt64(Format.allCases.firstIndex(of: format)!))
        for round in 0..<40 {
            let generated = Self.generate(format, rng: &rng)
            let cut = Int(rng.next() % UInt64(generated.bytes.count + 1))
            let doc = FeedParser.parse(Array(generated.bytes[..<cut]))
            let lost = Self.missing(doc, generated, upTo: cut)
            #expect(lost.isEmpty, "\(format) round \(round), cut at \(cut) of \(generated.bytes.count): lost items \(lost)")
            if cut < generated.bytes.count - 2 && cut > 0 {
                #expect(doc.bozo, "\(format) round \(round): a cut document is flagged")
            }
        }
    }

    @Test("a document known to be cut reads exactly the items that end before the cut, none cut short",
          arguments: Format.allCases)
    func knownCuts(_ format: Format) {
        var rng = SeededGenerator(seed: 13_300 + UInt64(Format.allCases.firstIndex(of: format)!))
        for round in 0..<40 {
            let generated = Self.generate(format, rng: &rng)
            let cut = Int(rng.next() % UInt64(generated.bytes.count))
            let doc = FeedParser.parse(Array(generated.bytes[..<cut]), cutAt: cut)
            let whole = generated.itemEnds.filter { $0 <= cut }.count
            #expect(Self.missing(doc, generated, upTo: cut).isEmpty, "\(format) round \(round), cut at \(cut)")
            #expect(doc.entries.count == whole, "\(format) round \(round), cut at \(cut): \(doc.entries.map(\.link))")
            #expect(doc.bozo && doc.bozoException?.contains("cut") == true)
        }
    }

    @Test("a document over the parser's own limit is cut like one a fetch cut")
    func overTheLimit() {
        var rng = SeededGenerator(seed: 13_400)
        var generated = Self.generate(.rss20, rng: &rng)
        while generated.itemEnds.count < 3 { generated = Self.generate(.rss20, rng: &rng) }
        let limit = generated.itemEnds[1] + 20
        let doc = FeedParser.parse(generated.bytes, limits: FeedParser.Limits(maxBytes: limit))
        #expect(doc.entries.count == 2)
        #expect(doc.bozoException?.contains("limit") == true)
    }

    @Test("junk in front of a document loses no item and no entity", arguments: Format.allCases)
    func leadingJunk(_ format: Format) {
        var rng = SeededGenerator(seed: 13_100 + UInt64(Format.allCases.firstIndex(of: format)!))
        let xmlJunk = ["\n", "\n\n\n", "  \t\n", "\u{FEFF}  ", "\u{FEFF}\n", "<!-- cache -->\n", "\r\n", "PHP Notice: undefined index\n"]
        let jsonJunk = ["\n", "  \n\t", "\u{FEFF}", "\u{FEFF}  \n"]
        for round in 0..<20 {
            let generated = Self.generate(format, rng: &rng)
            let choices = format == .json11 ? jsonJunk : xmlJunk
            let junk = choices[Int(rng.next() % UInt64(choices.count))]
            let doc = FeedParser.parse(Array(junk.utf8) + generated.bytes)
            let lost = Self.missing(doc, generated, upTo: generated.bytes.count)
            #expect(lost.isEmpty, "\(format) round \(round), junk \(junk.debugDescription): lost items \(lost)")
            #expect(doc.entries.count == generated.itemEnds.count)
        }
    }

    @Test("random bytes and random cuts of random junk never crash the parser")
    func noise() {
        var rng = SeededGenerator(seed: 13_200)
        let pieces = ["<", ">", "<?xml version=\"1.0\"?>", "<rss>", "<item>", "</item>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                      "<entry>", "{", "}", "[", "]", "\"items\":", "&amp;", "&", "<![CDATA[", "]]>", "<!--", "-->", "\u{FEFF}", "text", "\n"]
        for _ in 0..<300 {
            let text = (0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            _ = FeedParser.parse(Array(text.utf8))
        }
    }
}

/// A title as a reader shows it: markup stripped when it is HTML.
enum ArticlePlain {
    static func text(_ t: TextConstruct) -> String {
        guard t.isMarkup else { return t.value }
        return t.value.replacingOccurrences(of: "&amp;", with: "&")
    }
}
