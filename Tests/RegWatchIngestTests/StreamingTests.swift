import CLibXML2
import Foundation
import RegWatchCore
import Testing
@testable import RegWatchIngest

/// Large XML documents are read item by item (`XMLDocument.withStream`, issue 14) instead of as one tree; both must
/// read every document the same. Here every document is read both ways: streamed whatever its size, and as a tree.
@Suite("Streaming: a document read item by item reads as its whole tree")
struct StreamingTests {
    static let streamed = FeedParser.Limits(streamAbove: 0)
    static let tree = FeedParser.Limits(streamAbove: .max)

    /// Both readings, and whether the stream could stand for the tree.
    static func both(_ bytes: [UInt8], url: String? = "https://stream.example/feed.xml") -> (stream: FeedDocument, tree: FeedDocument) {
        (FeedParser.parse(bytes, url: url, limits: streamed), FeedParser.parse(bytes, url: url, limits: tree))
    }

    static let documents: [(String, String)] = [
        ("channel metadata after the items, xml:base and xml:lang on the way",
         """
         <?xml version="1.0"?><rss version="2.0" xml:base="https://base.example/a/" xml:lang="fr"><channel xml:base="sub/">
         <item xml:base="/items/"><title>One</title><link>one.html</link><guid>1</guid></item>
         <!-- a comment --><?pi between?>
         <item><title>Two &amp; more</title><link>two.html</link><description><![CDATA[<p>Body</p>]]></description></item>
         <title>Late title</title><language>de</language><ttl>30</ttl></channel><item><title>Root-level item</title></item></rss>
         """),
        ("entities declared in the document's own DTD",
         """
         <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY who "the regulator"><!ENTITY both "&who; and &who;">]>
         <rss version="2.0"><channel><title>&who;</title><item><title>Fine by &both;</title></item></channel></rss>
         """),
        ("RSS 0.91 Netscape, told by its DOCTYPE",
         """
         <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
         <rss version="0.91"><channel><title>N</title><item><title>A</title><link>https://n.example/a</link></item></channel></rss>
         """),
        ("RSS 1.0 with items beside the channel",
         """
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
         <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link><dc:language>en</dc:language></channel>
         <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><dc:date>2026-07-07T10:00:00Z</dc:date></item>
         <item rdf:about="https://r.example/2"><title>Two</title></item></rdf:RDF>
         """),
        ("RSS 0.90",
         """
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
         <channel><title>Old</title><link>https://o.example/</link></channel><item><title>I</title><link>https://o.example/i</link></item></rdf:RDF>
         """),
        ("Atom 1.0 with xhtml content and a feed-level author",
         """
         <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title type="html">A &amp;amp; B</title><id>urn:f</id>
         <author><name>Desk</name></author><link href="https://a.example/"/>
         <entry><title>E1</title><id>urn:e1</id><updated>2026-07-07T10:00:00Z</updated>
         <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b></p></div></content></entry>
         <entry><title>E2</title><id>urn:e2</id><link rel="alternate" href="/e2"/><summary>S</summary></entry></feed>
         """),
        ("Atom 0.3",
         """
         <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old atom</title><modified>2026-07-01T00:00:00Z</modified>
         <entry><title>E</title><issued>2026-07-01T00:00:00Z</issued><id>e</id></entry></feed>
         """),
        ("a bare channel root, an empty channel, an empty root",
         "<channel><title>Bare</title><item><title>A</title></item><channel/></channel>"),
        ("an empty rss root", "<rss version=\"2.0\"/>"),
        ("a root that is not a feed", "<html><body><p>Not a feed</p></body></html>"),
        ("an undeclared namespace prefix (not namespace-well-formed)",
         "<rss version=\"2.0\"><channel><item><title>A</title><dc:creator>x</dc:creator></item><item><title>B</title></item></channel></rss>"),
        ("junk after the root", "<rss version=\"2.0\"><channel><item><title>A</title></item></channel></rss><rss/>"),
        ("a document cut short", "<rss version=\"2.0\"><channel><item><title>A</title></item><item><title>B"),
    ]

    @Test("hand-written documents read the same streamed and as a tree", arguments: documents)
    func handWritten(_ document: (String, String)) {
        let (stream, tree) = Self.both(Array(document.1.utf8))
        #expect(stream == tree, "\(document.0)")
    }

    @Test("an ill-formed document, even one only not namespace-well-formed, is not streamed")
    func illFormedFallsBack() {
        for text in ["<rss><channel><item><dc:creator>x</dc:creator></item></channel></rss>", "<rss><channel></rss>",
                     "<rss/><rss/>", "<rss>&undefined;</rss>", ""] {
            #expect(XMLDocument.withStream(Array(text.utf8)) { _, _ in true } == nil, "\(text)")
        }
        #expect(XMLDocument.withStream(Array("<rss version=\"2.0\"><channel/></rss>".utf8)) { _, _ in true } == true)
    }

    @Test("every fixture, sample and conformance document reads the same streamed and as a tree")
    func corpus() throws {
        var folders = [Fixture.root.path, Fixture.repository.appendingPathComponent("Feeds/samples").path]
        let conformance = Fixture.shared.appendingPathComponent("conformance/feedparser")
        if FileManager.default.fileExists(atPath: conformance.path) { folders.append(conformance.path) }
        let files = try ParseCounter.files(under: folders)
        var differ: [String] = []
        var streamable = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            if XMLDocument.withStream(bytes, { _, _ in true }) != nil { streamable += 1 }
            let (stream, tree) = Self.both(bytes)
            if stream != tree { differ.append(file) }
        }
        #expect(differ.isEmpty, "\(differ.count) of \(files.count) differ: \(differ.prefix(10))")
        #expect(streamable > files.count / 3, "only \(streamable) of \(files.count) documents could be streamed")
    }

    @Test("a streamed document frees each item once it is read: the items before it are gone")
    func itemsAreFreed() {
        var text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
        for i in 0..<2_000 { text += "<item><title>Item \(i)</title><link>https://f.example/\(i)</link></item>\n" }
        text += "</channel></rss>"
        struct Counting: XMLChildVisitor {
            var items = 0
            var mostBefore = 0
            mutating func enters(_ node: XMLNode, depth: Int) -> Bool { node.named("channel") }
            mutating func element(_ node: XMLNode, depth: Int) {
                guard node.named("item") else { return }
                items += 1
                // The siblings still alive before this item: with the whole tree, every item read so far.
                var before = 0
                var sibling = node.ptr.pointee.prev
                while let s = sibling { before += 1; sibling = s.pointee.prev }
                mostBefore = max(mostBefore, before)
            }
        }
        let counted = XMLDocument.withStream(Array(text.utf8)) { _, stream -> Counting in
            var visitor = Counting()
            _ = stream.visitChildren(&visitor)
            return visitor
        }
        #expect(counted?.items == 2_000)
        #expect((counted?.mostBefore ?? .max) <= 4, "\(counted?.mostBefore ?? -1) siblings alive before an item")
    }

    @Test("the rules for every format change the entries in place, never a copy of them all")
    func finalizeDoesNotCopy() {
        var entry = FeedEntry()
        entry.content = [TextConstruct(.html, "<p>Body</p>")]
        var document = FeedDocument(entries: Array(repeating: entry, count: 1_000))
        let before = document.entries.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let after = FeedParser.finalize(consume document)
        #expect(after.entries.first?.summary?.value == "<p>Body</p>")
        #expect(after.entries.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == before)
        document = after
    }
}
