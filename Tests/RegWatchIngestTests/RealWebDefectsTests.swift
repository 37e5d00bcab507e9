import Foundation
import RegWatchCore
import Testing
@testable import RegWatchIngest

/// Feeds as servers really send them (issue 13): each test reads a small document of ours that reproduces one way
/// a real capture went wrong.
@Suite("Feeds as the web serves them")
struct RealWebDefectsTests {
    static func parse(_ fixture: String, prefix: [UInt8] = [], contentType: String? = nil) throws -> FeedDocument {
        FeedParser.parse(prefix + (try Fixture.bytes(fixture)), url: "https://feeds.example/feed", contentType: contentType)
    }

    // MARK: 1. Text before the XML declaration

    @Test("blank lines, a BOM and spaces, a comment or a warning before <?xml ...?> keep &amp; &lt; &gt; &quot;, and stay bozo",
          arguments: ["\n\n", "\u{FEFF}   ", "<!-- cached page -->\n", "\r\n  \n", "Warning: headers already sent\n"])
    func junkBeforeDeclaration(_ junk: String) throws {
        let clean = try Self.parse("rss/rss20_entities_in_values.xml")
        let doc = try Self.parse("rss/rss20_entities_in_values.xml", prefix: Array(junk.utf8))
        #expect(!clean.bozo)
        #expect(doc.bozo)
        #expect(doc.bozoException?.contains("before the XML declaration") == true, "\(doc.bozoException ?? "")")
        #expect(doc.format == .rss20)
        #expect(doc.feed.title?.value == "Red, Whine, & Blue Policy Notes")
        #expect(doc.entries.count == 2)
        let item = try #require(doc.entries.first)
        #expect(item.title?.value == "Court hears AT&T \"net neutrality\" appeal")
        #expect(item.link == "https://notes.example/read?id=7&ref=rss")
        #expect(item.summary?.value == "<p>The appeal <b>opens</b> on Monday &amp; runs two days.</p>")
        #expect(doc.entries[1].title?.value == "Second item & a numeric reference")
        #expect(doc.entries.map(\.link) == clean.entries.map(\.link))
        #expect(doc.entries.map(\.summary) == clean.entries.map(\.summary))
    }

    // MARK: 2. Unclosed elements

    @Test("an unclosed <itunes:category> before the items loses none of them")
    func unclosedCategory() throws {
        let doc = try Self.parse("rss/rss20_unclosed_itunes_category.xml")
        #expect(doc.bozo)
        #expect(doc.feed.title?.value == "Policy Hour")
        #expect(doc.entries.map(\.link) == ["https://podcast.example/12", "https://podcast.example/13", "https://podcast.example/14"])
        #expect(doc.entries.first?.title?.value == "Episode 12: export rules")
    }

    @Test("a stray <b> in a title keeps its item's link and every later item")
    func strayBold() throws {
        let doc = try Self.parse("rss/rss20_stray_bold_in_title.xml")
        #expect(doc.bozo)
        #expect(doc.entries.map(\.link) == ["https://trade.example/a", "https://trade.example/b", "https://trade.example/c"])
        let first = try #require(doc.entries.first)
        #expect(first.title?.value.contains("Chip rules") == true)
        #expect(first.title?.value.contains("trade.example") == false, "the link is not swallowed by the title")
        #expect(first.summary?.value == "New licence checks.")
    }

    @Test("an unclosed element before Atom entries loses none of them")
    func unclosedAtom() throws {
        let doc = try Self.parse("atom/atom10_unclosed_element_before_entries.atom")
        #expect(doc.bozo)
        #expect(doc.format == .atom10)
        #expect(doc.entries.map(\.id) == ["urn:docket:1", "urn:docket:2"])
    }

    // MARK: 3. JSON Feed fields of unexpected types

    @Test("a string tags, a string author, an object attachments and a numeric date keep the document, flagged")
    func jsonOddTypes() throws {
        let doc = try Self.parse("json/jsonfeed11_odd_field_types.json")
        #expect(doc.format == .json11)
        #expect(doc.bozo)
        #expect(doc.entries.count == 4)
        #expect(doc.entries[0].tags.map(\.term) == ["privacy", "fines"])
        #expect(doc.entries[1].author == "Desk Editor")
        #expect(doc.entries[2].enclosures == [Enclosure(href: "https://wire.example/3.mp3", type: "audio/mpeg")])
        #expect(doc.entries[3].id == "4")
        #expect(doc.entries[3].published.map(DateParser.iso8601) == "2026-07-03T12:00:00Z")
        for field in ["items[0].tags", "items[1].author", "items[2].attachments", "items[3].date_published"] {
            #expect(doc.bozoException?.contains(field) == true, "\(field): \(doc.bozoException ?? "")")
        }
    }

    @Test("a JSON document with items and a version that is not a jsonfeed.org URL is read, flagged")
    func jsonOtherVersion() throws {
        let doc = try Self.parse("json/jsonfeed_version_1_0.json")
        #expect(doc.bozo)
        #expect(doc.format == .json1)
        #expect(doc.bozoException?.contains("'1.0'") == true)
        #expect(doc.entries.map(\.link) == ["https://almost.example/a", "https://almost.example/b"])
    }

    @Test("a JSON Feed cut short keeps the items completed before the cut")
    func jsonTruncated() throws {
        let bytes = try Fixture.bytes("json/jsonfeed11_odd_field_types.json")
        let text = String(decoding: bytes, as: UTF8.self)
        let cut = text.range(of: "\"Attachments as one")!.lowerBound
        let doc = FeedParser.parse(Array(text[..<cut].utf8))
        #expect(doc.bozo)
        #expect(doc.entries.map(\.id) == ["1", "2"])
    }

    // MARK: 4. Atom inside HTML

    @Test("an Atom feed wrapped in <html><body> is read as Atom, flagged")
    func wrappedAtom() throws {
        let doc = try Self.parse("atom/atom10_wrapped_in_html.html")
        #expect(doc.format == .atom10)
        #expect(doc.bozo)
        #expect(doc.feed.title?.value == "Wrapped Feed")
        #expect(doc.entries.map(\.link) == ["https://wrapped.example/1", "https://wrapped.example/2"])
    }

    // MARK: 5. Dates, out-of-line content, media and podcast summaries

    @Test("atom:published, atom:updated and dc:date inside an RSS item are its dates")
    func foreignDates() throws {
        let doc = try Self.parse("rss/rss20_atom_and_dc_dates.xml")
        #expect(!doc.bozo)
        #expect(doc.entries[0].published.map(DateParser.iso8601) == "2026-07-03T09:00:00Z")
        #expect(doc.entries[0].updated.map(DateParser.iso8601) == "2026-07-04T10:30:00Z")
        #expect(doc.entries[1].updated.map(DateParser.iso8601) == "2026-07-05T06:15:00Z")
    }

    @Test("Atom <content src> is a reference, not the item's text or summary")
    func contentSrc() throws {
        let doc = try Self.parse("atom/atom10_content_src.atom")
        let entry = try #require(doc.entries.first)
        #expect(!doc.bozo)
        #expect(entry.content.first?.src == "https://media.hosted.example/hearing.mp4")
        #expect(entry.content.first?.value == "")
        #expect(entry.summary == nil)
        let json = ContractJSON.render(doc)
        #expect(json.contains("\"src\":\"https://media.hosted.example/hearing.mp4\""))
    }

    @Test("media:description and itunes:summary are the summary only when nothing else is")
    func mediaAndPodcastSummaries() throws {
        let doc = try Self.parse("rss/rss20_media_itunes_summary.xml")
        #expect(doc.entries.map { $0.summary?.value } == [
            "Minister explains the chip rules.", "Two lawyers on the app store ruling.", "The real summary.",
        ])
        #expect(doc.entries[2].content.isEmpty, "a later description is the summary, not content")
    }

    // MARK: 6. Charset contradicted by the bytes

    @Test("ISO-8859-1 declared over UTF-8 bytes reads UTF-8, flagged, instead of mojibake")
    func mojibake() throws {
        let doc = try Self.parse("rss/rss20_latin1_declared_utf8_bytes.xml")
        #expect(doc.bozo)
        #expect(doc.encoding == "utf-8")
        #expect(doc.entries.first?.title?.value == "Brøndby fined by the Danish Competition Authority")
        #expect(doc.entries.first?.summary?.value.contains("Malmö") == true)
        // The same declared in the HTTP header.
        let viaHeader = try Self.parse("rss/rss20_latin1_declared_utf8_bytes.xml", contentType: "application/rss+xml; charset=iso-8859-1")
        #expect(viaHeader.entries.first?.title?.value.hasPrefix("Brøndby") == true)
        // Real Latin-1 bytes are still read as Latin-1.
        let latin1 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Br".utf8)
            + [0xF8] + Array("ndby</title></item></channel></rss>".utf8)
        let real = FeedParser.parse(latin1)
        #expect(!real.bozo)
        #expect(real.encoding == "iso-8859-1")
        #expect(real.entries.first?.title?.value == "Brøndby")
    }

    // MARK: 7. Link and category attributes, Atom 0.3, RSS 0.90

    @Test("Atom link hreflang, length, title and type, and category label and scheme, are in the contract JSON")
    func linkAttributes() throws {
        let doc = try Self.parse("atom/atom10_link_and_category_attributes.atom")
        let entry = try #require(doc.entries.first)
        #expect(entry.links == [
            Link(rel: "alternate", href: "https://attrs.example/de/1", type: "text/html", title: "Urteil", hreflang: "de"),
            Link(rel: "enclosure", href: "https://attrs.example/1.pdf", type: "application/pdf", title: "Full ruling", length: "48213"),
        ])
        #expect(entry.tags == [Tag(term: "antitrust", scheme: "https://attrs.example/topics", label: "Antitrust law")])
        let json = ContractJSON.render(doc)
        for fragment in ["\"hreflang\":\"de\"", "\"title\":\"Urteil\"", "\"length\":\"48213\"", "\"label\":\"Antitrust law\"",
                         "\"scheme\":\"https://attrs.example/topics\""] {
            #expect(json.contains(fragment), "\(fragment)")
        }
    }

    @Test("atom:link and atom:category inside RSS keep their attributes, in the channel and in items")
    func atomVocabularyInRSS() throws {
        let doc = try Self.parse("rss/rss20_atom_links_and_categories.xml")
        #expect(!doc.bozo)
        #expect(doc.feed.links.last == Link(rel: "self", href: "https://mixed.example/feed.xml", type: "application/rss+xml",
                                            title: "This feed", hreflang: "en"))
        #expect(doc.feed.tags == [Tag(term: "policy", scheme: "https://mixed.example/sections", label: "Policy desk")])
        let item = try #require(doc.entries.first)
        #expect(item.links.last == Link(rel: "related", href: "https://mixed.example/de/1", type: "text/html", title: "Urteil",
                                        hreflang: "de", length: "5120"))
        #expect(item.tags == [Tag(term: "fines", scheme: "https://mixed.example/topics", label: "Fines and penalties")])
    }

    @Test("Atom 0.3 links keep their attributes too")
    func atom03Links() throws {
        let doc = try Self.parse("atom/atom03_link_attributes.atom")
        #expect(doc.format == .atom03)
        #expect(doc.entries.first?.links == [
            Link(rel: "alternate", href: "https://old.example/fr/1", type: "text/html", title: "Décision", hreflang: "fr"),
        ])
    }

    @Test("RSS 0.90 is detected with its namespace written without the final slash, and its items read")
    func rss090() throws {
        let doc = try Self.parse("rdf/rss090_namespace_without_slash.rdf")
        #expect(doc.format == .rss090)
        #expect(doc.feed.title?.value == "Old Netscape")
        #expect(doc.entries.map(\.link) == ["https://old.example/1", "https://old.example/2"])
    }
}
