import Foundation
import RegWatchCore
import Testing
@testable import RegWatchIngest

/// Fixtures sit next to this file, found through `#filePath`.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// The repository root (for `Feeds/samples`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared` beside the repository, when this checkout has it.
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
}

@Suite("Feed formats")
struct FeedFormatTests {
    @Test("detects the format from the content, never the file name", arguments: [
        ("<rss version=\"2.0\"><channel/></rss>", FeedFormat.rss20),
        ("<rss version=\"0.91\"><channel/></rss>", .rss091u),
        ("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel/></rss>", .rss091n),
        ("<rss version=\"0.92\"><channel/></rss>", .rss092),
        ("<rss><channel/></rss>", .rss),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel/></rdf:RDF>", .rss10),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel/></rdf:RDF>", .rss090),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", .atom10),
        ("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"/>", .atom03),
        ("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[]}", .json1),
        ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}", .json11),
        ("<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>", .html),
        ("<note><to>nobody</to></note>", .unknown),
    ])
    func detection(source: String, expected: FeedFormat) {
        #expect(FeedParser.parse(Array(source.utf8)).format == expected)
    }

    @Test("reads an RSS 2.0 item with every field, resolving links against xml:base")
    func rssItem() throws {
        let doc = FeedParser.parse(try Fixture.bytes("rss/rss20_relative_links.xml"))
        #expect(!doc.bozo)
        #expect(doc.feed.title?.value == "Agency & Partners")
        #expect(doc.feed.language == "en-gb")
        #expect(doc.feed.ttlMinutes == 120)
        let item = try #require(doc.entries.first)
        #expect(item.link == "https://agency.example/news/2026/07/probe.html")
        #expect(item.id == "agency-2026-07-probe")
        #expect(item.published.map(DateParser.iso8601) == "2026-07-03T13:30:00Z")
        #expect(item.authors.first == Person(name: "Press Office", email: "press@agency.example"))
        #expect(item.author == "press@agency.example (Press Office)")
        #expect(item.tags == [Tag(term: "investigations", scheme: "https://agency.example/topics")])
        #expect(item.summary?.type == "text/html")
        #expect(item.summary?.value == "<p>The regulator <a href=\"https://agency.example/news/detail.html\">opened</a> a probe.</p>")
        #expect(item.content.first?.value == "<p>Full text with <b>bold</b> and AT&amp;T.</p>")
        #expect(item.enclosures == [Enclosure(href: "https://agency.example/files/probe.pdf", length: "12345", type: "application/pdf")])
        #expect(item.source == EntrySource(title: "Wire Service", href: "https://wire.example/rss"))
        let second = doc.entries[1]
        #expect(second.link == "https://agency.example/news/2", "a permalink GUID stands in for a missing link")
        #expect(second.updated.map(DateParser.iso8601) == "2026-07-04T08:00:00Z")
        #expect(second.author == "Jane Doe")
    }

    @Test("drops the wrapping div of Atom XHTML content and inherits xml:lang")
    func atomXHTML() throws {
        let doc = FeedParser.parse(try Fixture.bytes("atom/atom10_xhtml_content.atom"))
        #expect(!doc.bozo)
        #expect(doc.format == .atom10)
        #expect(doc.feed.title?.value == "Brief &lt;daily&gt;")
        #expect(doc.feed.link == "https://brief.example/")
        #expect(doc.feed.links.last == Link(rel: "self", href: "https://brief.example/feed.atom", type: "application/atom+xml"))
        #expect(doc.feed.authors.first?.href == "https://brief.example/about")
        let entry = try #require(doc.entries.first)
        #expect(entry.content.first?.value == "<p>See <a href=\"https://brief.example/more.html\">more</a>.</p>")
        #expect(entry.content.first?.language == "fr")
        #expect(entry.published.map(DateParser.iso8601) == "2026-07-04T00:00:00Z")
        #expect(entry.tags.first == Tag(term: "block", scheme: "https://brief.example/types", label: "Block"))
    }

    @Test("reads RSS 1.0 items beside the channel, identified by rdf:about")
    func rdf() throws {
        let doc = FeedParser.parse(try Fixture.bytes("rdf/rss10_basic.rdf"))
        #expect(doc.format == .rss10)
        #expect(doc.feed.language == "en")
        #expect(doc.entries.count == 1)
        #expect(doc.entries[0].id == "https://desk.example/a")
    }

    @Test("reads JSON Feed with numeric ids, authors and attachments")
    func jsonFeed() throws {
        let doc = FeedParser.parse(try Fixture.bytes("json/jsonfeed11_basic.json"), url: "https://roundup.example/feed.json")
        #expect(doc.format == .json11)
        #expect(doc.feed.links.contains(Link(rel: "self", href: "https://roundup.example/feed.json", type: "application/feed+json")))
        let item = try #require(doc.entries.first)
        #expect(item.id == "42")
        #expect(item.link == "https://roundup.example/2026/07/a")
        #expect(item.enclosures.first?.length == "99")
        #expect(item.summary?.value == "<p>Hi</p>", "content stands in for a missing summary")
    }

    @Test("invalid JSON is bozo with a reason")
    func invalidJSON() {
        let doc = FeedParser.parse(Array("{\"version\": ".utf8))
        #expect(doc.bozo)
        #expect(doc.bozoException?.contains("invalid JSON") == true)
    }
}

@Suite("Encodings")
struct EncodingTests {
    @Test("the Content-Type charset wins over the XML declaration")
    func httpCharsetWins() {
        let bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>caf".utf8) + [0xE9] + Array("</title></channel></rss>".utf8)
        let doc = FeedParser.parse(bytes, contentType: "application/rss+xml; charset=windows-1252")
        #expect(doc.encoding == "windows-1252")
        #expect(doc.feed.title?.value == "café")
        #expect(!doc.bozo)
    }

    @Test("a UTF-16 byte-order mark is honoured and reported with its byte order")
    func utf16() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><title>年</title></channel></rss>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        let doc = FeedParser.parse(bytes)
        #expect(doc.encoding == "utf-16le")
        #expect(doc.feed.title?.value == "年")
    }

    @Test("bytes that do not decode fall back to windows-1252 and set bozo")
    func fallback() {
        let bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>".utf8) + [0x93, 0x68, 0x69, 0x94] + Array("</title></channel></rss>".utf8)
        let doc = FeedParser.parse(bytes)
        #expect(doc.bozo)
        #expect(doc.encoding == "windows-1252")
        #expect(doc.feed.title?.value == "\u{201C}hi\u{201D}")
    }

    @Test("the charset parameter is read with quotes and spaces", arguments: [
        ("text/xml; charset=\"us-ascii\"", "us-ascii"), ("text/xml;charset= 'UTF-8'", "utf-8"), ("text/xml", nil),
    ])
    func charsetParameter(header: String, expected: String?) {
        #expect(CharsetDecoder.charset(fromContentType: header) == expected)
    }
}

@Suite("Dates")
struct DateTests {
    @Test("normalizes the date forms feeds write to UTC", arguments: [
        ("Thu, 02 Jul 2026 12:00:00 GMT", "2026-07-02T12:00:00Z"),
        ("Thu, 2 Jul 26 12:00:00 +0200", "2026-07-02T10:00:00Z"),
        ("2 Jul 2026 12:00 EDT", "2026-07-02T16:00:00Z"),
        ("Thu, 02 Jul 2026 12:00:00 Z", "2026-07-02T12:00:00Z"),
        ("Thu, 02 Jul 2026 12:00:00 N", "2026-07-02T11:00:00Z"),
        ("Thu, 02 Jul 99 12:00:00 GMT", "1999-07-02T12:00:00Z"),
        ("2026-07-02T12:00:00Z", "2026-07-02T12:00:00Z"),
        ("2026-07-02T12:00:00.123+05:30", "2026-07-02T06:30:00Z"),
        ("2026-07-02T12:00Z", "2026-07-02T12:00:00Z"),
        ("2026-07-02 12:00:00", "2026-07-02T12:00:00Z"),
        ("2026-07-02", "2026-07-02T00:00:00Z"),
        ("2026-07", "2026-07-01T00:00:00Z"),
        ("20260702T120000Z", "2026-07-02T12:00:00Z"),
    ])
    func parses(raw: String, expected: String) {
        #expect(DateParser.parse(raw).map(DateParser.iso8601) == expected)
    }

    @Test("an unreadable date is omitted", arguments: ["yesterday", "2026-13-45", "", "Thu, 31 Feb 2026 00:00:00 GMT"])
    func rejects(raw: String) {
        #expect(DateParser.parse(raw) == nil)
    }
}

@Suite("Authors and URLs")
struct AuthorTests {
    static let authorForms: [(String, Person)] = [
        ("Jane Doe (jane@example.com)", Person(name: "Jane Doe", email: "jane@example.com")),
        ("jane@example.com (Jane Doe)", Person(name: "Jane Doe", email: "jane@example.com")),
        ("Jane Doe <jane@example.com>", Person(name: "Jane Doe", email: "jane@example.com")),
        ("jane@example.com", Person(email: "jane@example.com")),
        ("Jane Doe", Person(name: "Jane Doe")),
    ]

    @Test("splits RSS author forms into name and email", arguments: authorForms)
    func split(raw: String, expected: Person) {
        #expect(FeedText.person(fromRSS: raw) == expected)
    }

    @Test("resolves references as RFC 3986 does", arguments: [
        ("g", "http://a/b/c/d;p?q", "http://a/b/c/g"),
        ("../g", "http://a/b/c/d;p?q", "http://a/b/g"),
        ("//g", "http://a/b/c/d;p?q", "http://g"),
        ("?y", "http://a/b/c/d;p?q", "http://a/b/c/d;p?y"),
        ("#s", "http://a/b/c/d;p?q", "http://a/b/c/d;p?q#s"),
        ("/x/../y", "https://e.example/a/", "https://e.example/y"),
        ("https://other.example/", "http://a/", "https://other.example/"),
        ("rel.html", "javascript:alert(1)", "rel.html"),
    ])
    func resolves(ref: String, base: String, expected: String) {
        #expect(URLResolver.resolve(ref, against: base) == expected)
    }
}

@Suite("Bundled samples and conformance documents")
struct SampleTests {
    @Test("every bundled sample feed parses cleanly, with dated items")
    func samples() throws {
        let folder = Fixture.repository.appendingPathComponent("Feeds/samples")
        let files = try ParseCounter.files(under: [folder.path]).filter { !$0.hasSuffix(".md") }
        #expect(files.count >= 6)
        for file in files {
            let doc = try FeedFile.parse(file)
            #expect(!doc.bozo, "\(file): \(doc.bozoException ?? "")")
            #expect(doc.format != .unknown, "\(file)")
            #expect(!doc.entries.isEmpty, "\(file)")
            for entry in doc.entries {
                #expect(entry.published != nil || entry.updated != nil, "\(file): \(entry.id ?? "?") has no date")
                #expect(entry.title != nil, "\(file): \(entry.id ?? "?") has no title")
            }
        }
    }

    @Test("every conformance document (shared/conformance/feedparser) parses without a crash into valid JSON")
    func conformanceDocumentsParse() throws {
        let root = Fixture.shared.appendingPathComponent("conformance/feedparser")
        guard FileManager.default.fileExists(atPath: root.path) else {
            print("skipped: ../shared/conformance/feedparser is not beside this checkout")
            return
        }
        let files = try ParseCounter.files(under: [root.path]).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }
        #expect(files.count > 2000)
        for file in files {
            let doc = try FeedFile.parse(file)
            let json = ContractJSON.render(doc)
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(file)")
        }
    }
}
