import Foundation
import RegWatchCore
import RegWatchTestSupport
import Testing
@testable import RegWatchIngest

/// Any bytes give a document (maybe bozo) and never a crash (Miniflux `FuzzParse`).
@Suite("HTML robustness")
struct HTMLRobustnessTests {
    /// Parses and extracts, checking the invariants every result must keep.
    func check(_ bytes: [UInt8], contentType: String? = nil, _ note: @autoclosure () -> String) {
        let doc = HTMLBriefParser.parse(bytes, url: "https://fuzz.example/page", contentType: contentType)
        #expect(doc.format == .html, "\(note())")
        #expect(doc.entries.count <= 1, "\(note())")
        if let entry = doc.entries.first {
            for section in entry.sections { #expect(!section.heading.isEmpty, "\(note())") }
        }
        _ = try? HTMLBriefParser.mainText(bytes)
        _ = HTMLListPage.parse(bytes, url: nil, config: HTMLListPageConfig(item: "//li|//article"))
    }

    @Test("a page nested 100,000 levels deep parses without overflowing the stack, keeps what comes first, and says why")
    func deepNesting() throws {
        for tag in ["div", "b", "blockquote", "table"] {
            let depth = 100_000
            var page = "<html><body><div class=\"article\"><p>The first paragraph says the regulator banned the app, "
            page += "citing national security, in a short order published on Friday evening.</p>"
            page += String(repeating: "<\(tag)>", count: depth) + "deep text" + String(repeating: "</\(tag)>", count: depth)
            page += "</div></body></html>"
            let doc = HTMLBriefParser.parse(Array(page.utf8), url: nil, contentType: nil)
            #expect(doc.bozo, "nested \(tag)")
            #expect(doc.bozoException?.contains("nested deeper than 256 levels") == true, "nested \(tag)")
            let text = try HTMLBriefParser.mainText(Array(page.utf8))
            #expect(text.contains("the regulator banned the app"), "nested \(tag)")
            // Unclosed tags too.
            let unclosed = "<html><body>" + String(repeating: "<\(tag) class=\"x\">", count: depth) + "text"
            check(Array(unclosed.utf8), "unclosed \(tag)")
        }
    }

    @Test("random bytes never crash the parser")
    func randomBytes() {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        for round in 0..<300 {
            let count = Int.random(in: 0...3000, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            check(bytes, "seed 0x5EED0001 round \(round)")
        }
    }

    @Test("random tag soup (unbalanced tags, bad attributes, entities, CDATA, comments) never crashes")
    func tagSoup() {
        let pieces = ["<div>", "</div>", "<p class=\"a b\">", "</p>", "<table><tr><td>", "</td>", "</table>", "<ul><li>",
                      "</li>", "<a href=\"/x?a=1&amp;b=2\">", "</a>", "<br>", "<br/>", "<h2>Why it matters</h2>",
                      "<script>if (a < b) {}</script>", "<style>p{}</style>", "<!-- c -->", "<![CDATA[x]]>", "&nbsp;",
                      "&#0;", "&#x110000;", "&bogus;", "&", "<", ">", "\"", "<img src=x onerror=1>", "<meta charset=\"utf-16\">",
                      "<svg><text>t</text></svg>", "<noscript><p>n</p></noscript>", "<body>", "</body>", "<html>", "<?xml?>",
                      "<!DOCTYPE html>", "Lorem ipsum, dolor sit amet. ", "\u{0}", "é", "日本語", "\u{FEFF}", "<time datetime=\"2026-13-45\">",
                      "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":[1,{\"name\":null}]}</script>",
                      "<script type=\"application/ld+json\">{[}</script>", "<h1>", "</h1>", "<form><input>", "<iframe src=//youtube.com/x>"]
        var rng = SeededGenerator(seed: 0x5EED_0002)
        for round in 0..<300 {
            var page = ""
            for _ in 0..<Int.random(in: 0...200, using: &rng) { page += pieces.randomElement(using: &rng)! }
            var bytes = Array(page.utf8)
            if !bytes.isEmpty && Bool.random(using: &rng) { bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng))) }
            check(bytes, "seed 0x5EED0002 round \(round)")
        }
    }

    @Test("every truncation of a real brief parses")
    func truncations() throws {
        let bytes = try htmlFixture("brief_sections.html")
        for end in stride(from: 0, through: bytes.count, by: 37) { check(Array(bytes[..<end]), "truncated at \(end)") }
    }

    @Test("pages without <body>, empty pages and non-HTML text give a document, not a crash")
    func oddPages() {
        let pages = ["", " ", "<p>Only a paragraph, no html, head or body.</p>", "<html><head><title>t</title></head></html>",
                     "<frameset><frame src=a></frameset>", "plain text, not HTML at all", "<?xml version=\"1.0\"?><rss/>",
                     "\u{FEFF}<html><body>bom</body></html>"]
        for page in pages { check(Array(page.utf8), "page \(page.debugDescription)") }
        let doc = HTMLBriefParser.parse(Array("<p>Only a paragraph, no html, head or body.</p>".utf8), url: nil, contentType: nil)
        #expect(doc.entries.first?.content.first?.value.contains("Only a paragraph") == true)
    }

    @Test("wrong, unknown and lying charsets fall back without crashing")
    func wrongCharsets() throws {
        let page = try htmlFixture("brief_sections.html")
        for contentType in ["text/html; charset=utf-16", "text/html; charset=x-unknown-charset", "text/html; charset=shift_jis",
                            "text/html; charset=\"\"", "text/html; charset=utf-32be", "text/html; charset=iso-2022-jp"] {
            check(page, contentType: contentType, contentType)
        }
        let windows = try htmlFixture("brief_windows1252.html")
        check(windows, contentType: "text/html; charset=utf-8", "1252 bytes labelled utf-8")
        let labelled = HTMLBriefParser.parse(windows, url: nil, contentType: "text/html; charset=utf-8")
        #expect(labelled.bozo)
        #expect(labelled.bozoException?.contains("UTF-8") == true)
        let undeclared = Array("<html><body><p>caf\u{E9}</p></body></html>".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        #expect(HTMLBriefParser.parse(undeclared, url: nil, contentType: nil).encoding == "windows-1252")
    }
}
