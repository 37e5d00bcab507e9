import Foundation
import RegWatchCore
import RegWatchFeedList
import RegWatchFetch
import RegWatchPipeline
import RegWatchStore
import RegWatchTestSupport
import Synchronization
import Testing

/// The body limits collected by a reader, in the order the feeds were parsed.
private final class SeenLimits: Sendable {
    let values = Mutex<[Int]>([])
}

@Suite("One body limit: the feed's own max_bytes, on the decoded body", .serialized)
struct MaxBytesTests {
    let big = rss(items: (1...40).map { (guid: "g\($0)", link: "https://example.org/\($0)", title: "T\($0)", text: story($0)) })

    @Test("a gzip feed under its own max_bytes is read though it is over the default cap")
    func gzipUnderOwnLimit() async throws {
        let store = try temporaryStore()
        let zipped = gzipStored(Array(big.utf8))
        #expect(big.utf8.count > 16 * 1024)
        try await FeedServer.with({ _ in ServedResponse(headers: [("Content-Encoding", "gzip")], body: zipped) }) { server in
            let source = FeedSource(url: server.url("/f"), options: ["max_bytes": "64k"])
            let summary = try await pull(store, [source]) { $0.policy.maxBodyBytes = 4096 }
            #expect(summary.failed == 0, "\(summary.failures)")
            #expect(summary.articlesNew == 40)
        }
    }

    @Test("a gzip feed over its own max_bytes is cut at that limit of its decoded body, and the feed says so")
    func gzipOverOwnLimit() async throws {
        let store = try temporaryStore()
        let zipped = gzipStored(Array(big.utf8))
        try await FeedServer.with({ _ in ServedResponse(headers: [("Content-Encoding", "gzip")], body: zipped) }) { server in
            let source = FeedSource(url: server.url("/f"), options: ["max_bytes": "8k"])
            let summary = try await pull(store, [source]) { $0.policy.maxBodyBytes = 64 * 1024 }
            #expect(summary.failed == 0, "\(summary.failures)")
            try expectCut(store, summary, url: server.url("/f"), limit: 8192, of: big)
        }
    }

    @Test("a document over its feed's max_bytes keeps the items before the cut, and the feed records the cut")
    func cutKeepsItemsBeforeTheCut() async throws {
        let store = try temporaryStore()
        let body = big
        try await FeedServer.with({ _ in ServedResponse(body) }) { server in
            let source = FeedSource(url: server.url("/f"), options: ["max_bytes": "8k"])
            #expect(body.utf8.count > 8192)
            let summary = try await pull(store, [source])
            #expect(summary.failed == 0, "\(summary.failures)")
            #expect(summary.updated == 1)
            try expectCut(store, summary, url: server.url("/f"), limit: 8192, of: body)
            let feed = try #require(try store.feed(url: server.url("/f")))
            #expect(feed.lastError == nil)
            #expect(feed.errorCount == 0, "a cut is no failure: the feed is not backed off")
        }
    }

    @Test("a body that never ends is cut at max_bytes at once, instead of failing or holding the pull")
    func endlessBodyIsCut() async throws {
        let store = try temporaryStore()
        // An open channel whose items never stop coming: the document has no end.
        let head = rss(items: (1...10).map { (guid: "g\($0)", link: "https://example.org/\($0)", title: "T\($0)", text: story($0)) })
            .replacingOccurrences(of: "</channel></rss>\n", with: "")
        let filler = Array(#"<item><title>More</title><link>https://example.org/more</link><description>again and again</description></item>"#.utf8)
        try await FeedServer.with({ _ in ServedResponse(body: Array(head.utf8), endless: filler) }) { server in
            let source = FeedSource(url: server.url("/f"), options: ["max_bytes": "64k"])
            let started = ContinuousClock.now
            let summary = try await pull(store, [source]) { $0.policy.requestTimeout = 20 }
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(summary.failed == 0, "\(summary.failures)")
            #expect(server.requests.count == 1)
            #expect(summary.articlesNew >= 10)
            #expect(try store.feed(url: server.url("/f"))?.cutAt == 64 * 1024)
            #expect(summary.cut.count == 1)
        }
    }

    @Test("a gzip bomb never inflates without bound: cut at max_bytes with its items, or refused as a bomb")
    func gzipBomb() async throws {
        let store = try temporaryStore()
        let head = rss(items: (1...10).map { (guid: "g\($0)", link: "https://example.org/\($0)", title: "T\($0)", text: story($0)) })
            .replacingOccurrences(of: "</channel></rss>\n", with: "")
        // 32 MB of spaces after the items (blank text inside <channel>), 200 KB on the wire: past the decompression
        // limit of this pull (16 MB and twice 64 KB).
        let bomb = RegWatchTestSupport.gzipBomb(prefix: Array(head.utf8), byte: 0x20, run: 32 << 20)
        #expect(bomb.count < 250_000)
        try await FeedServer.with({ _ in ServedResponse(headers: [("Content-Encoding", "gzip")], body: bomb) }) { server in
            let source = FeedSource(url: server.url("/f"), options: ["max_bytes": "64k"])
            let started = ContinuousClock.now
            let summary = try await pull(store, [source]) { $0.policy.maxBodyBytes = 64 * 1024 }
            #expect(ContinuousClock.now - started < .seconds(20))
            // Which comes first is a race between the body loop and the decoder, which inflates a network read ahead
            // of it: the feed's own cut (the 10 items kept), or the decompression limit (16 MB and twice 64 KB).
            if summary.failed == 1 {
                #expect(summary.failures.first?.contains("refused as a compression bomb") == true, "\(summary.failures)")
                #expect(summary.failures.first?.contains("\(16 << 20 + 2 * 64 * 1024) bytes") == true, "\(summary.failures)")
            } else {
                #expect(summary.articlesNew == 10)
                #expect(try store.feed(url: server.url("/f"))?.cutAt == 64 * 1024)
            }
        }
    }

    @Test("a raised max_bytes reads the whole document at the next pull though the server would answer 304")
    func raisedLimitReadsAgain() async throws {
        let store = try temporaryStore()
        let body = big
        try await FeedServer.with({ request in
            request.headers["if-none-match"] == "\"v1\"" ? ServedResponse(status: 304)
                : ServedResponse(headers: [("ETag", "\"v1\"")], body)
        }) { server in
            let url = server.url("/f")
            let first = try await pull(store, [FeedSource(url: url, options: ["max_bytes": "8k"])])
            #expect(first.cut.count == 1)
            // Same limit: the conditional GET goes on, and the stored document is still the cut one.
            let same = try await pull(store, [FeedSource(url: url, options: ["max_bytes": "8k"])])
            #expect(same.notModified == 1)
            #expect(server.requests.last?.headers["if-none-match"] == "\"v1\"")
            #expect(try store.feed(url: url)?.cutAt == 8192)
            // Raised: read without validators, whole this time.
            let raised = try await pull(store, [FeedSource(url: url, options: ["max_bytes": "1M"])])
            #expect(server.requests.last?.headers["if-none-match"] == nil)
            #expect(raised.updated == 1 && raised.cut.isEmpty)
            #expect(try store.stats().articles == 40)
            #expect(try store.feed(url: url)?.cutAt == nil)
        }
    }

    @Test("the parser reads up to the feed's own limit, so a body the fetch accepted is never cut")
    func parserLimitIsTheFeeds() async throws {
        let store = try temporaryStore()
        let seen = SeenLimits()
        let recording = FeedReader(
            parse: { bytes, url, contentType, options, maxBytes, cutAt in
                seen.values.withLock { $0.append(maxBytes) }
                return FeedReader.standard.parse(bytes, url, contentType, options, maxBytes, cutAt)
            },
            fullText: FeedReader.standard.fullText)
        let body = big
        try await FeedServer.with({ _ in ServedResponse(body) }) { server in
            let own = FeedSource(url: server.url("/own"), options: ["max_bytes": "100M"])
            let plain = FeedSource(url: server.url("/plain"))
            var options = PullOptions()
            options.force = true
            options.jobs = 1
            options.policy.maxBodyBytes = 2 * 1024 * 1024
            options.policy.largestFeedMaxBytes = 100 << 20
            let chosen = options
            let summary = try await FeedFetcher.withFetcher(policy: chosen.policy) { fetcher in
                try await FeedPuller(store: store, fetcher: fetcher, options: chosen, reader: recording).pull([own, plain])
            }
            #expect(summary.failed == 0)
            #expect(seen.values.withLock { $0.sorted() } == [2 * 1024 * 1024, 100 << 20])
        }
    }
}

/// The pull stored the items of `document` that end within `limit` bytes, and only those; the feed records the cut,
/// and the summary's message names the feed, the limit and what to do.
private func expectCut(_ store: RegWatchStore, _ summary: PullSummary, url: String, limit: Int, of document: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
    let bytes = Array(document.utf8)
    var whole = 0
    var from = 0
    while let end = bytes.firstRange(of: Array("</item>".utf8), in: from..<bytes.count), end.upperBound <= limit {
        whole += 1
        from = end.upperBound
    }
    #expect(whole > 0, sourceLocation: sourceLocation)
    #expect(summary.articlesNew == whole, "the items that end before the cut", sourceLocation: sourceLocation)
    let feed = try #require(try store.feed(url: url), sourceLocation: sourceLocation)
    #expect(feed.cutAt == limit, sourceLocation: sourceLocation)
    #expect(summary.cut.count == 1, sourceLocation: sourceLocation)
    let message = summary.cut.first ?? ""
    for part in [url, "cut at \(limit) bytes", "raise max_bytes="] {
        #expect(message.contains(part), "\(message)", sourceLocation: sourceLocation)
    }
}

extension [UInt8] {
    fileprivate func firstRange(of needle: [UInt8], in range: Range<Int>) -> Range<Int>? {
        guard needle.count <= range.count else { return nil }
        for i in range.lowerBound...(range.upperBound - needle.count) where self[i..<(i + needle.count)].elementsEqual(needle) {
            return i..<(i + needle.count)
        }
        return nil
    }
}

@Suite("regwatch pull and feeds status: a document cut at max_bytes", .serialized,
       .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
struct CutDocumentCommandTests {
    @Test("pull warns naming the feed and its limit, stores the items before the cut and exits 0; feeds status shows the cut")
    func cutShownByTheCLI() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let feed = dir.appendingPathComponent("big.xml")
        try Data(rss(items: (1...40).map { (guid: "g\($0)", link: "https://example.org/\($0)", title: "T\($0)", text: story($0)) }).utf8)
            .write(to: feed)
        let feeds = dir.appendingPathComponent("feeds.txt").path
        try Data("\(feed.path) max_bytes=4k\n".utf8).write(to: URL(fileURLWithPath: feeds))
        let store = dir.appendingPathComponent("store.sqlite").path

        let pulled = try runRegwatch(["pull", "--store", store, "--feeds", feeds])
        #expect(pulled.code == 0, "\(pulled.stderr)")
        #expect(pulled.stderr.contains("\(feed.path): document cut at 4096 bytes"), "\(pulled.stderr)")
        #expect(pulled.stderr.contains("raise max_bytes="), "\(pulled.stderr)")
        #expect(pulled.stdout.contains("1 documents cut at their max_bytes"), "\(pulled.stdout)")
        let quiet = try runRegwatch(["pull", "--store", store, "--feeds", feeds, "--quiet", "--force"])
        #expect(quiet.code == 0 && quiet.stdout.isEmpty)

        let table = try runRegwatch(["feeds", "status", "--store", store])
        #expect(table.code == 0, "\(table.stderr)")
        let row = table.stdout.split(separator: "\n").first { $0.contains("big.xml") } ?? ""
        #expect(row.contains(" cut ") && row.contains("cut at 4096 bytes"), "\(table.stdout)")

        let json = try runRegwatch(["feeds", "status", "--store", store, "--format", "json"])
        let entries = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.first?["cut_at_bytes"] as? Int == 4096, "\(json.stdout)")
        #expect((entries?.first?["cut"] as? String)?.contains("raise max_bytes=") == true)
    }
}
