import Foundation
import RegWatchCore
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

    @Test("a gzip feed over its own max_bytes fails with a message naming that limit")
    func gzipOverOwnLimit() async throws {
        let store = try temporaryStore()
        let zipped = gzipStored(Array(big.utf8))
        try await FeedServer.with({ _ in ServedResponse(headers: [("Content-Encoding", "gzip")], body: zipped) }) { server in
            let source = FeedSource(url: server.url("/f"), options: ["max_bytes": "8k"])
            let summary = try await pull(store, [source]) { $0.policy.maxBodyBytes = 64 * 1024 }
            #expect(summary.failed == 1)
            #expect(summary.failures.first?.contains("larger than 8192 bytes") == true, "\(summary.failures)")
        }
    }

    @Test("the parser reads up to the feed's own limit, so a body the fetch accepted is never cut")
    func parserLimitIsTheFeeds() async throws {
        let store = try temporaryStore()
        let seen = SeenLimits()
        let recording = FeedReader(
            parse: { bytes, url, contentType, options, maxBytes in
                seen.values.withLock { $0.append(maxBytes) }
                return FeedReader.standard.parse(bytes, url, contentType, options, maxBytes)
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
