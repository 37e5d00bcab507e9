import Foundation
import RegWatchCore
import Testing
@testable import RegWatchIngest

/// Reads a fixture from `Fixtures/html/`, next to this file.
func htmlFixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/html").appendingPathComponent(name)
    return [UInt8](try Data(contentsOf: url))
}

@Suite("HTML brief pages")
struct HTMLBriefParserTests {
    static let pageURL = "https://policy.example/news/2026/07/messaging-block?utm=feed"

    @Test("keeps the article body and drops navigation, share bar, newsletter box, related links, comments and footer")
    func mainTextIsTheArticleOnly() throws {
        let text = try HTMLBriefParser.mainText(try htmlFixture("brief_sections.html"), url: Self.pageURL)
        #expect(text.contains("ordered all mobile carriers to block access to the messaging app Chatter"))
        #expect(text.contains("A court hearing on the company's appeal is set for July 15"))
        #expect(text.contains("- About 12 million people use the app"))
        #expect(text.contains("We will comply with any lawful order"))
        for boilerplate in ["Home", "About us", "Share on X", "newsletter every morning", "Ministry drafts new VPN rules",
                            "outrageous", "All rights reserved", "cookies", "should never appear", "color: red"] {
            #expect(!text.contains(boilerplate), "boilerplate leaked: \(boilerplate)")
        }
    }

    @Test("detects a page without DOCTYPE or <html> by its first element, and still reads a feed behind a comment",
          arguments: ["<head><title>Brief</title></head><body><article><p>The agency fined the platform on Monday.</p></article></body>",
                      "<body><div><p>The agency fined the platform on Monday.</p></div></body>",
                      "  <div class=\"brief\"><p>The agency fined the platform on Monday.</p></div>"])
    func sniffsBarePages(page: String) {
        let doc = FeedParser.parse(Array(page.utf8), url: "https://agency.example/b")
        #expect(doc.format == .html)
        #expect(doc.entries.first?.content.first?.value.contains("fined the platform") == true)
        let feed = FeedParser.parse(Array("<!-- generated --><rss version=\"2.0\"><channel><title>t</title></channel></rss>".utf8))
        #expect(feed.format == .rss20)
    }

    @Test("reads title, canonical URL, dates, authors, site name, language and description from the page's metadata")
    func metadata() throws {
        let doc = HTMLBriefParser.parse(try htmlFixture("brief_sections.html"), url: Self.pageURL, contentType: "text/html")
        #expect(doc.format == .html)
        #expect(!doc.bozo)
        #expect(doc.encoding == "utf-8")
        let entry = try #require(doc.entries.first)
        #expect(doc.entries.count == 1)
        // JSON-LD headline wins over og:title and <title>.
        #expect(entry.title?.value == "Regulator orders carriers to block messaging app over data-localisation law")
        #expect(entry.link == "https://policy.example/news/2026/07/messaging-block")
        #expect(entry.published.map(DateParser.iso8601) == "2026-07-03T07:30:00Z")
        #expect(entry.updated.map(DateParser.iso8601) == "2026-07-03T11:00:00Z")
        #expect(entry.authors.map(\.name) == ["Ana Ruiz", "Lee Min"])
        #expect(entry.author == "Ana Ruiz, Lee Min")
        #expect(doc.feed.siteName == "Policy Desk")
        #expect(entry.language == "en-GB")
        #expect(entry.description == "The telecom regulator told carriers to block the app within 48 hours.")
        let content = try #require(entry.content.first)
        #expect(content.type == "text/html")
        #expect(content.value.contains("<h2>Why it matters</h2>"))
        #expect(!content.value.contains("<script"))
    }

    @Test("turns the headings of a brief into named sections")
    func sectionsFromHeadings() throws {
        let doc = HTMLBriefParser.parse(try htmlFixture("brief_sections.html"), url: nil, contentType: nil)
        let sections = try #require(doc.entries.first?.sections)
        #expect(sections.map(\.heading) == ["What happened", "Why it matters", "What to watch next"])
        #expect(sections[0].text.contains("ignored three notices since January"))
        #expect(sections[1].text.contains("first enforcement of the data-localisation law"))
        #expect(sections[1].text.contains("- VPN downloads rose sharply"))
        #expect(sections[2].text.contains("court hearing"))
        #expect(!sections[2].text.contains("Ministry drafts"))
        #expect(sections.map { BriefSectionKind(heading: $0.heading) } == [.whatHappened, .whyItMatters, .whatToWatch])
    }

    @Test("cuts sections at bold lead-ins such as \"Why it matters:\" and reads a date written in the page")
    func sectionsFromLeadIns() throws {
        let doc = HTMLBriefParser.parse(try htmlFixture("brief_leadin_paragraphs.html"), url: nil, contentType: nil)
        let entry = try #require(doc.entries.first)
        #expect(entry.sections.map(\.heading) == ["Why it matters", "What's next", "The bottom line"])
        #expect(entry.sections[0].text.hasPrefix("PayNow handled about a fifth"))
        #expect(entry.sections.map { BriefSectionKind(heading: $0.heading) } == [.whyItMatters, .whatsNext, .bottomLine])
        // No JSON-LD or meta title: the single <h1> is the title; no metadata date: "Published 14 August 2026".
        #expect(entry.title?.value == "Central bank lifts ban on payment app after compliance review")
        #expect(entry.published.map(DateParser.iso8601) == "2026-08-14T00:00:00Z")
    }

    @Test(arguments: [
        ("What to watch", BriefSectionKind.whatToWatch), ("WHAT TO WATCH NEXT:", .whatToWatch),
        ("What’s next", .whatsNext), ("The bottom line", .bottomLine), ("Key takeaways", .keyTakeaways),
        ("Why it matters", .whyItMatters), ("What happened?", .whatHappened),
    ])
    func sectionKinds(heading: String, kind: BriefSectionKind) {
        #expect(BriefSectionKind(heading: heading) == kind)
    }

    @Test("an ordinary heading is not a brief section kind")
    func ordinaryHeading() {
        #expect(BriefSectionKind(heading: "Market reaction in Asia") == nil)
    }

    @Test("strips the site name from <title> when nothing better names the article")
    func titleWithoutSiteSuffix() throws {
        let page = "<html><head><title>Court blocks the streaming tax | Daily Ledger</title></head><body><h2>x</h2><h2>y</h2><p>"
            + String(repeating: "The court blocked the tax on streaming services, citing the constitution. ", count: 10)
            + "</p></body></html>"
        let doc = HTMLBriefParser.parse(Array(page.utf8), url: nil, contentType: nil)
        #expect(doc.entries.first?.title?.value == "Court blocks the streaming tax")
    }

    @Test("decodes a windows-1252 page declared in <meta>, and the Content-Type charset wins over <meta>")
    func charsets() throws {
        let bytes = try htmlFixture("brief_windows1252.html")
        let doc = HTMLBriefParser.parse(bytes, url: nil, contentType: nil)
        #expect(doc.encoding == "windows-1252")
        let text = try HTMLBriefParser.mainText(bytes)
        #expect(text.contains("fined the café chain 40,000 €"))
        let asLatin9 = HTMLBriefParser.parse(bytes, url: nil, contentType: "text/html; charset=iso-8859-15")
        #expect(asLatin9.encoding == "iso-8859-15")
    }

    @Test("keeps &amp; in a link that follows &nbsp;")
    func ampersandAfterNbsp() throws {
        let page = "<html><body><div class=\"article\"><p>Caf&eacute;&nbsp;news: the regulator&nbsp;said on Monday that the review, which began in May, would take a further six weeks to complete.</p>"
            + "<p>Read <a href=\"/report?a=1&amp;b=2\">the report</a> and the statement issued on Monday, with the annex and the list of companies concerned.</p></div></body></html>"
        let doc = HTMLBriefParser.parse(Array(page.utf8), url: "https://agency.example/news/", contentType: nil)
        let html = try #require(doc.entries.first?.content.first?.value)
        #expect(html.contains("href=\"https://agency.example/report?a=1&amp;b=2\""))
        #expect(html.contains("Café\u{A0}news"))
    }

    @Test("uses JSON-LD articleBody when the page body has no text of its own")
    func articleBodyFallback() throws {
        let doc = HTMLBriefParser.parse(try htmlFixture("brief_jsonld_body_only.html"), url: nil, contentType: nil)
        let entry = try #require(doc.entries.first)
        #expect(entry.title?.value == "Le régulateur lève l'interdiction de l'application de covoiturage")
        #expect(entry.authors.map(\.name) == ["Claire Martin"])
        #expect(entry.language == "fr-FR")
        let text = try HTMLBriefParser.mainText(try htmlFixture("brief_jsonld_body_only.html"))
        #expect(text.contains("a levé mardi l'interdiction"))
        #expect(text.contains("suivi trimestriel"))
    }

    @Test("a page over the size bound gives bozo with the limit and what to do, and --text's API throws")
    func sizeBound() throws {
        let bytes = try htmlFixture("brief_sections.html")
        let options = HTMLParseOptions(maxBytes: 1000)
        let doc = HTMLBriefParser.parse(bytes, url: "https://policy.example/big", contentType: nil, options: options)
        #expect(doc.bozo)
        #expect(doc.entries.isEmpty)
        let message = try #require(doc.bozoException)
        #expect(message.contains("https://policy.example/big"))
        #expect(message.contains("1000 bytes"))
        #expect(message.contains("raise the limit"))
        #expect(throws: HTMLParseError.self) { try HTMLBriefParser.mainText(bytes, options: options) }
    }

    @Test("extraction is deterministic")
    func deterministic() throws {
        let bytes = try htmlFixture("brief_sections.html")
        let first = HTMLBriefParser.parse(bytes, url: Self.pageURL, contentType: nil)
        let second = HTMLBriefParser.parse(bytes, url: Self.pageURL, contentType: nil)
        #expect(first == second)
    }

    @Test("merges a fetched page into a teaser entry without overwriting what the feed gave")
    func mergeFullText() throws {
        var teaser = FeedEntry()
        teaser.title = TextConstruct(.plain, "Feed title")
        teaser.content = [TextConstruct(.html, "<p>Teaser only.</p>")]
        let article = try HTMLBriefParser.extract(try htmlFixture("brief_sections.html"), url: Self.pageURL, contentType: nil)
        let merged = HTMLBriefParser.merge(article, into: teaser)
        #expect(merged.title?.value == "Feed title")
        #expect(merged.summary?.value == "<p>Teaser only.</p>")
        #expect(merged.content.first?.value.contains("What to watch next") == true)
        #expect(merged.sections.count == 3)
        #expect(merged.authors.map(\.name) == ["Ana Ruiz", "Lee Min"])
    }
}
