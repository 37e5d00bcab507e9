import Foundation
import RegWatchCore
import RegWatchTestSupport
import Testing
@testable import RegWatchIngest

/// Hostile XML is refused safely: bounded memory, no file or network access, a clear `bozo_exception`.
@Suite("Feed parser safety")
struct FeedParserSafetyTests {
    @Test("a billion-laughs document is refused without expanding the entities")
    func billionLaughs() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n"
        var previous = "lol"
        for level in 1...9 {
            let name = "lol\(level)"
            xml += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
            previous = name
        }
        xml += "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>x</title></item></channel></rss>"
        let before = ParseCounter.peakRSS()
        let doc = FeedParser.parse(Array(xml.utf8))
        let grown = ParseCounter.peakRSS() - before
        // 10^9 "lol"s would be 3 GB; the expansion budget caps any one value at 1 MB.
        #expect((doc.feed.title?.value.utf8.count ?? 0) <= XMLNode.expansionBudget)
        #expect(grown < 200 << 20)
        #expect(doc.bozo)
        #expect(doc.bozoException?.contains("entity") == true, "the reason names the entities: \(doc.bozoException ?? "")")
    }

    @Test("an external entity pointing at a local file is never read")
    func externalEntity() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-secret-\(UUID().uuidString).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
            <rss version="2.0"><channel><title>&xxe;</title><item><title>one</title><description>&xxe;</description></item></channel></rss>
            """
        let doc = FeedParser.parse(Array(xml.utf8))
        let json = ContractJSON.render(doc)
        #expect(!json.contains("TOP-SECRET-CONTENT"))
        #expect(doc.entries.count == 1)
    }

    @Test("a network entity is never fetched (NONET) and the document still parses")
    func networkEntity() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.dtd">]>
            <rss version="2.0"><channel><title>t &remote;</title></channel></rss>
            """
        let doc = FeedParser.parse(Array(xml.utf8))
        #expect(doc.format == .rss20)
        #expect(doc.feed.title?.value.hasPrefix("t") == true)
    }

    @Test("a 200 MB document is read only up to the bound, with a clear bozo_exception")
    func hugeDocument() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-huge-\(UUID().uuidString).xml")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? FileManager.default.removeItem(at: url) }
        handle.write(Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>big</title>".utf8))
        let item = Data(String(repeating: "<item><title>an item</title><description>some text here</description></item>", count: 1000).utf8)
        var written = 0
        while written < 200 << 20 {
            handle.write(item)
            written += item.count
        }
        handle.write(Data("</channel></rss>".utf8))
        try handle.close()

        let before = ParseCounter.peakRSS()
        let limits = FeedParser.Limits(maxBytes: 8 << 20)
        let doc = try FeedFile.parse(url.path, limits: limits)
        let grown = ParseCounter.peakRSS() - before
        #expect(doc.bozo)
        #expect(doc.bozoException?.contains("over the 8 MB limit") == true)
        #expect(doc.bozoException?.contains("200 MB") == true)
        #expect(doc.format == .rss20)
        #expect(doc.entries.count > 1000, "the part within the bound is still read")
        // Reading all 200 MB into a tree would take well over 1.5 GB; the bound keeps it to a small multiple of
        // 8 MB (other tests run alongside, so the margin is wide).
        #expect(grown < 350 << 20, "memory stays bounded: grew \(grown >> 20) MB")
    }

    @Test("an &amp; after an HTML entity survives (the libxml2 recover-mode trap)")
    func ampersandAfterNamedEntity() {
        let xml = """
            <rss version="2.0"><channel><title>A&nbsp;B</title>
            <item><title>x</title><link>http://example.org/get?a=1&amp;b=2</link><guid>http://example.org/?p=1&amp;q=2</guid></item>
            </channel></rss>
            """
        let doc = FeedParser.parse(Array(xml.utf8))
        #expect(doc.feed.title?.value == "A\u{A0}B")
        #expect(doc.entries.first?.link == "http://example.org/get?a=1&b=2")
        #expect(doc.entries.first?.id == "http://example.org/?p=1&q=2")
        #expect(doc.bozo, "HTML entities in XML are flagged")
    }

    @Test("random bytes give a document or a bozo flag, never a crash", arguments: 0..<200)
    func randomBytes(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let length = Int.random(in: 0..<2000, using: &rng)
        var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        // Half the cases start like a feed, so the parser gets past detection.
        if seed % 2 == 0 { bytes = Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>".utf8) + bytes }
        let doc = FeedParser.parse(bytes)
        _ = ContractJSON.render(doc)
        #expect(doc.encoding.isEmpty == false)
    }

    @Test("truncated feeds recover what precedes the cut, flagged bozo")
    func truncated() {
        let xml = "<rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><item><title>tw"
        let doc = FeedParser.parse(Array(xml.utf8))
        #expect(doc.bozo)
        #expect(doc.format == .rss20)
        #expect(doc.entries.first?.title?.value == "one")
    }

    @Test("deeply nested elements do not overflow the stack")
    func deepNesting() {
        let depth = 100_000
        let xml = "<rss version=\"2.0\"><channel><item><description>" + String(repeating: "<div>", count: depth) + "x"
            + String(repeating: "</div>", count: depth) + "</description></item></channel></rss>"
        let doc = FeedParser.parse(Array(xml.utf8))
        #expect(doc.format == .rss20)
        _ = ContractJSON.render(doc)
    }
}
