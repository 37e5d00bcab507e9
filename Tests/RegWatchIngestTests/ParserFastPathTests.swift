import Foundation
import RegWatchCore
import RegWatchTestSupport
import Testing
@testable import RegWatchIngest

/// The parser's fast paths must give exactly what the general code gives: each test pins one shortcut against the
/// slow path it skips, or against the value libxml2 itself produces.
@Suite("Parser fast paths")
struct ParserFastPathTests {
    // MARK: CDATA sections read in place

    private func rss(_ item: String) -> [UInt8] {
        Array("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title><item>\(item)</item></channel></rss>\n".utf8)
    }

    @Test("joins CDATA sections with the text around them, as libxml2 does with NOCDATA")
    func cdataJoinsText() throws {
        let doc = FeedParser.parse(rss("<title>before <![CDATA[<in> & out]]> after</title><description><![CDATA[<p>one</p>]]><![CDATA[<p>two</p>]]></description>"))
        #expect(!doc.bozo)
        let item = try #require(doc.entries.first)
        #expect(item.title?.value == "before <in> & out after")
        #expect(item.summary?.value == "<p>one</p><p>two</p>")
    }

    @Test("turns a carriage return inside CDATA into a line feed, as XML's line-end rule says")
    func cdataLineEnds() throws {
        let doc = FeedParser.parse(rss("<title><![CDATA[a\r\nb\rc]]></title>"))
        #expect(try #require(doc.entries.first).title?.value == "a\nb\nc")
    }

    @Test("flags CDATA that holds a control character, or that sits after the root element", arguments: [
        "<title><![CDATA[a\u{01}b]]></title>",
        "<title>x</title></item></channel></rss><![CDATA[tail]]><rss><channel><item>",
    ])
    func cdataStillChecked(item: String) {
        #expect(FeedParser.parse(rss(item)).bozo)
    }

    @Test("ignores a processing instruction that imitates a rewritten section")
    func cdataMarkerInDocument() throws {
        let doc = FeedParser.parse(rss("<title><?rw-cdata 0 5?>Own</title><description><![CDATA[d]]></description>"))
        let item = try #require(doc.entries.first)
        #expect(item.title?.value == "Own")
        #expect(item.summary?.value == "d")
        let prolog = "<?rw-cdata 0 5?><rss version=\"2.0\"><channel><item><title><![CDATA[Mine]]></title></item></channel></rss>"
        let second = FeedParser.parse(Array(prolog.utf8))
        #expect(!second.bozo)
        #expect(second.entries.first?.title?.value == "Mine")
    }

    @Test("escapes CDATA inside XHTML content like any other text")
    func cdataInXHTML() throws {
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">a <![CDATA[<b> & c]]> d</div></content></entry></feed>"
        let doc = FeedParser.parse(Array(atom.utf8))
        #expect(try #require(doc.entries.first).content.first?.value == "a &lt;b&gt; &amp; c d")
    }

    @Test("rewrites only the sections inside the root element")
    func cdataRewriteScope() throws {
        #expect(CDATASections.rewrite(Array("<rss><title>no sections</title></rss>".utf8)) == nil)
        let rewritten = try #require(CDATASections.rewrite(Array("<?xml version=\"1.0\"?><!-- <![CDATA[c]]> --><a><![CDATA[xy]]></a>".utf8)))
        #expect(String(decoding: rewritten.document, as: UTF8.self) == "<?xml version=\"1.0\"?><!-- <![CDATA[c]]> --><a><?rw-cdata 55 2?></a>")
    }

    // MARK: Escaped text decoded by us

    @Test("decodes the escaped text of a leaf element exactly as libxml2 reads it, and leaves the rest to libxml2")
    func escapedTextAgainstLibxml2() throws {
        // Each document is parsed twice: as written, where the title's text follows its start tag and may be
        // decoded by EscapedText, and with an empty comment before the text, which keeps libxml2 reading it.
        let pieces = ["&lt;p&gt;", "&lt;/p&gt;", "&amp;", "&amp;#8217;", "&quot;", "&apos;", "&#8217;", "&#x201C;", "&#x1F600;",
                      "&#65;", "&#0065;", "&#X41;", "&#x;", "&#;", "&#0;", "&#1;", "&#13;", "&#xD800;", "&#xFFFE;", "&#1114112;",
                      "&#99999999999;", "&nbsp;", "&eacute;", "&bogus;", "&", "&amp", "&lt", "]]>", "]]", ">", "\r\n", "\t",
                      "\u{01}", "\u{FFFE}", "Zürich", "Роскомнадзор", "监管", "plain ascii words ", " ", "\n", "é"]
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let decoded = FeedParser.parse(rss("<title>\(text)</title><description>\(text)</description>"))
            let kept = FeedParser.parse(rss("<title><!---->\(text)</title><description><!---->\(text)</description>"))
            #expect(decoded.entries.count == kept.entries.count, "\(text)")
            #expect(decoded.entries.first?.title == kept.entries.first?.title, "\(text)")
            #expect(decoded.entries.first?.summary == kept.entries.first?.summary, "\(text)")
            #expect(decoded.bozo == kept.bozo, "\(text)")
            // The comment moves columns in libxml2's messages; the messages are otherwise the same.
            let digits = { (s: String?) in s.map { String($0.filter { !$0.isNumber }) } }
            #expect(digits(decoded.bozoException) == digits(kept.bozoException), "\(text)")
        }
    }

    @Test("decodes escaped HTML, numeric references and non-ASCII text into the side buffer")
    func escapedTextRewrite() throws {
        let long = "&lt;p&gt;It&amp;#8217;s Z&#252;rich &#x2014; &quot;a&quot; &amp; b&lt;/p&gt;"
        let rewritten = try #require(CDATASections.rewrite(Array("<a><b>\(long)</b><c>plain ascii text, long enough</c></a>".utf8)))
        #expect(String(decoding: rewritten.document, as: UTF8.self) == "<a><b><?rw-text 0 37?></b><c>plain ascii text, long enough</c></a>")
        #expect(String(decoding: rewritten.decoded, as: UTF8.self) == "<p>It&#8217;s Zürich — \"a\" & b</p>")
        let doc = FeedParser.parse(rss("<description>\(long)</description>"))
        #expect(!doc.bozo)
        #expect(doc.entries.first?.summary?.value == "<p>It&#8217;s Zürich — \"a\" &amp; b</p>")
    }

    @Test("leaves text to libxml2 when it is short, plain ASCII, mixed with markup, or holds a reference XML does not define")
    func escapedTextLeftAlone() {
        for text in ["short &amp; one", "plain ascii text without any reference", "&lt;b&gt; then <i>markup</i> after it",
                     "an undefined &nbsp; reference here", "a bare & ampersand in this text", "a carriage\r\nreturn &amp; more"] {
            let rewritten = CDATASections.rewrite(Array("<a><b>\(text)</b></a>".utf8))
            #expect(rewritten == nil, "\(text)")
        }
    }

    // MARK: HTML values already in normal form

    @Test("hands back HTML unchanged only when the full rewrite would produce the same bytes")
    func normalFormCheck() {
        let pieces = ["<p>", "</p>", "</p >", "<a href=\"https://x.example/a?b=1&amp;c=2\">", "<a href=\"/rel\">", "<a href=rel>",
                      "<br />", "<br>", "<br/>", "<img src=\"a.png\" alt=\"x\"/>", "<img alt=\"x\" src=\"a.png\" />", "&amp;", "&",
                      "&nbsp;", "&#X41;", "&#x41;", "&#65;", "text", " ", "\n", "<", ">", "<!-- c -->", "<!-- open",
                      "<b class=\"k\" id=\"i\">", "<b id=\"i\" class=\"k\">", "<b id=\"i\" id=\"j\">", "<svg>", "<math>",
                      "<use xlink:href=\"#a\">", "\"", "<p  a=\"1\">", "<p a='1'>", "<p\ta=\"1\">", "<!DOCTYPE html>",
                      "<hr/>", "<input disabled>", "<P CLASS=\"x\">", "<p a=\"1 > 2\">", "<p a=\"AT&T\">", "<![CDATA[x]]>",
                      "<p/>", "<x:y z=\"1\">", "é", "<a HREF=\"rel\">"]
        var rng = SeededGenerator(seed: 7)
        for base in [nil, "https://example.org/dir/page.html"] as [String?] {
            for _ in 0..<4000 {
                let html = (0..<Int.random(in: 1...10, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
                let full = MarkupNormalizer.rewrite(html, usableBase: base)
                #expect(MarkupNormalizer.normalize(html, base: base) == full, "\(html)")
            }
        }
    }

    // MARK: Links, namespaces, threads

    @Test("joins absolute-path references exactly as the general resolver does", arguments: [
        "/a/b.html", "/a/b?x=1&y=2#f", "/", "/a/./b", "/a/../b", "//other.example/x", "/.hidden", "/a b",
    ])
    func absolutePaths(reference: String) {
        for base in ["https://example.org/dir/page.html", "HTTP://Example.org", "https://example.org?q#f", "urn:x:y", "https://h.example/p/"] {
            let general = URLResolver.resolveByParts(reference, against: base)
            #expect(URLResolver.resolve(reference, against: base) == general, "\(reference) against \(base)")
            if let fast = URLResolver.resolveAbsolutePath(reference, against: base) { #expect(fast == general) }
        }
    }

    @Test("matches namespace URIs as bytes the same way as strings", arguments: [
        "http://purl.org/dc/elements/1.1/", "http://purl.org/rss/1.0/modules/content/", "http://www.w3.org/2005/Atom",
        "http://purl.org/rss/1.0/", "http://search.yahoo.com/mrss", "http://backend.userland.com/rss2", "HTTP://PURL.ORG/DC/ELEMENTS/1.1/",
        "http://www.w3.org/2005/Atom/", "http://purl.org/dc/terms", "http://example.org/ns", "",
    ])
    func namespaceBytes(uri: String) {
        let fromBytes = uri.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: uri.utf8.count + 1) { Namespace(href: $0) } }
        #expect(fromBytes == Namespace(uri))
    }

    @Test("counts the same documents and items with one thread and with two")
    func threadsAgree() throws {
        let samples = Fixture.repository.appendingPathComponent("Feeds/samples").path
        let one = try ParseCounter.run(paths: [samples], jobs: 1)
        let two = try ParseCounter.run(paths: [samples], jobs: 2)
        #expect(one.documents > 0)
        #expect(one.documents == two.documents)
        #expect(one.items == two.items)
        #expect(one.bozo == two.bozo)
    }
}
