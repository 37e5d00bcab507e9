import Foundation
import RegWatchFeedList
import RegWatchFetch
import RegWatchPipeline
import RegWatchStore
import RegWatchTestSupport
import Synchronization
import Testing

@Suite("Pull over HTTP against a local Hummingbird server", .serialized)
struct FetchBehaviourTests {
    let body = rss(items: [(guid: "a1", link: "https://example.org/a1", title: "Ban on apps", text: story(1)),
                           (guid: "a2", link: "https://example.org/a2", title: "Block lifted", text: story(2))])

    @Test("sends the ETag back as If-None-Match and parses nothing on 304")
    func etagRoundTrip() async throws {
        let store = try temporaryStore()
        let feedBody = body
        try await FeedServer.with({ request in
            request.headers["if-none-match"] == "\"v1\""
                ? ServedResponse(status: 304, headers: [("ETag", "\"v1\"")])
                : ServedResponse(headers: [("ETag", "\"v1\""), ("Content-Type", "application/rss+xml")], feedBody)
        }) { server in
            let first = try await pull(store, [server.url("/feed")])
            #expect(first.updated == 1 && first.articlesNew == 2)
            let second = try await pull(store, [server.url("/feed")])
            #expect(second.notModified == 1 && second.articlesNew == 0 && second.updated == 0)
            #expect(server.requests.last?.headers["if-none-match"] == "\"v1\"")
            #expect(server.requests.first?.headers["if-none-match"] == nil)
            #expect(try store.feed(url: server.url("/feed"))?.lastStatus == 304)
        }
    }

    @Test("sends Last-Modified back as If-Modified-Since and parses nothing on 304")
    func lastModifiedRoundTrip() async throws {
        let store = try temporaryStore()
        let stamp = "Tue, 07 Jul 2026 10:00:00 GMT"
        let feedBody = body
        try await FeedServer.with({ request in
            request.headers["if-modified-since"] == stamp
                ? ServedResponse(status: 304)
                : ServedResponse(headers: [("Last-Modified", stamp)], feedBody)
        }) { server in
            _ = try await pull(store, [server.url("/feed")])
            let second = try await pull(store, [server.url("/feed")])
            #expect(second.notModified == 1)
            #expect(server.requests.last?.headers["if-modified-since"] == stamp)
            #expect(try store.articles(ArticleQuery()).count == 2)
        }
    }

    @Test("does not parse an unchanged body that came without validators, and parses a changed one")
    func checksum() async throws {
        let store = try temporaryStore()
        let version = Mutex(1)
        try await FeedServer.with({ _ in
            let n = version.withLock { $0 }
            return ServedResponse(rss(items: (1...n).map { (guid: "g\($0)", link: "https://example.org/\($0)", title: "Story \($0)", text: story($0)) }))
        }) { server in
            #expect(try await pull(store, [server.url("/f")]).articlesNew == 1)
            #expect(try await pull(store, [server.url("/f")]).notModified == 1)
            version.withLock { $0 = 2 }
            let third = try await pull(store, [server.url("/f")])
            #expect(third.updated == 1 && third.articlesNew == 1)
        }
    }

    @Test("names RegWatch, its version and its URL in the User-Agent, and asks for gzip")
    func userAgent() async throws {
        let store = try temporaryStore()
        let feedBody = body
        try await FeedServer.with({ _ in ServedResponse(feedBody) }) { server in
            _ = try await pull(store, [server.url("/f")])
            let agent = try #require(server.requests.first?.headers["user-agent"])
            #expect(agent.hasPrefix("RegWatch/") && agent.contains("http"))
            #expect(server.requests.first?.headers["accept-encoding"]?.contains("gzip") == true)
        }
    }

    @Test("decodes a gzip-encoded body")
    func gzip() async throws {
        let store = try temporaryStore()
        let zipped = gzipStored(Array(body.utf8))
        try await FeedServer.with({ _ in ServedResponse(headers: [("Content-Encoding", "gzip")], body: zipped) }) { server in
            let summary = try await pull(store, [server.url("/f")])
            #expect(summary.updated == 1 && summary.articlesNew == 2, "\(summary.failures)")
        }
    }

    @Test("waits for the seconds of a 429 Retry-After")
    func retryAfterSeconds() async throws {
        let store = try temporaryStore()
        try await FeedServer.with({ _ in ServedResponse(status: 429, headers: [("Retry-After", "7200")], "slow down") }) { server in
            let summary = try await pull(store, [server.url("/f")])
            #expect(summary.failed == 1)
            let feed = try #require(try store.feed(url: server.url("/f")))
            let wait = try #require(feed.nextDueAt).timeIntervalSince(try #require(feed.lastAttemptAt))
            #expect(abs(wait - 7200) < 2)
            #expect(feed.lastError?.contains("429") == true)
        }
    }

    @Test("waits until the HTTP-date of a 503 Retry-After")
    func retryAfterDate() async throws {
        let store = try temporaryStore()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let when = Date().addingTimeInterval(3 * 3600)
        let header = formatter.string(from: when)
        try await FeedServer.with({ _ in ServedResponse(status: 503, headers: [("Retry-After", header)], "maintenance") }) { server in
            _ = try await pull(store, [server.url("/f")])
            let feed = try #require(try store.feed(url: server.url("/f")))
            #expect(abs(try #require(feed.nextDueAt).timeIntervalSince(when)) < 3)
        }
    }

    @Test("backs off exponentially with jitter, caps at 24 h, and never abandons a failing feed")
    func backoffNeverAbandons() async throws {
        #expect(FeedPuller.backoff(errors: 1, base: 300, cap: 86_400, jitter: 0) == 300)
        #expect(FeedPuller.backoff(errors: 2, base: 300, cap: 86_400, jitter: 0) == 600)
        #expect(FeedPuller.backoff(errors: 5, base: 300, cap: 86_400, jitter: 0) == 4800)
        #expect(FeedPuller.backoff(errors: 9, base: 300, cap: 86_400, jitter: 0.1) == 84_480)
        #expect(FeedPuller.backoff(errors: 40, base: 300, cap: 86_400, jitter: 0.1) == 86_400)
        let store = try temporaryStore()
        try await FeedServer.with({ _ in ServedResponse(status: 500, "boom") }) { server in
            var waits: [TimeInterval] = []
            for _ in 1...12 {
                _ = try await pull(store, [server.url("/f")])
                let feed = try #require(try store.feed(url: server.url("/f")))
                waits.append(try #require(feed.nextDueAt).timeIntervalSince(try #require(feed.lastAttemptAt)))
            }
            let feed = try #require(try store.feed(url: server.url("/f")))
            #expect(feed.errorCount == 12)
            #expect(feed.active, "a failing feed stays active")
            #expect(waits[0] >= 270 && waits[0] <= 330)
            #expect(waits[1] >= 540 && waits[1] <= 660)
            #expect(waits.allSatisfy { $0 <= 86_400 })
            #expect(waits.last == 86_400)
            // Once the server recovers, the feed is pulled and its count resets.
            server.handle { _ in ServedResponse(rss(items: [(guid: "x", link: "https://example.org/x", title: "Back", text: story(9))])) }
            _ = try await pull(store, [server.url("/f")])
            #expect(try store.feed(url: server.url("/f"))?.errorCount == 0)
        }
    }

    @Test("marks a 410 feed inactive with a message and skips it unless forced")
    func gone() async throws {
        let store = try temporaryStore()
        try await FeedServer.with({ _ in ServedResponse(status: 410, "gone") }) { server in
            _ = try await pull(store, [server.url("/f")])
            let feed = try #require(try store.feed(url: server.url("/f")))
            #expect(!feed.active)
            #expect(feed.inactiveReason?.contains("410") == true)
            let later = try await pull(store, [server.url("/f")], force: false)
            #expect(later.due == 0)
            #expect(server.requests.count == 1)
        }
    }

    @Test("cuts a body over the cap at the cap, with or without Content-Length, and after decompression")
    func oversize() async throws {
        let store = try temporaryStore()
        let big = rss(items: (1...60).map { (guid: "g\($0)", link: "https://example.org/\($0)", title: "T\($0)", text: story($0)) })
        try await FeedServer.with({ _ in ServedResponse(big) }) { server in
            let summary = try await pull(store, [server.url("/f")]) { $0.policy.maxBodyBytes = 4096 }
            #expect(summary.failed == 0)
            #expect(summary.cut.first?.contains("cut at 4096 bytes") == true, "\(summary.cut)")
            #expect(summary.articlesNew > 0 && summary.articlesNew < 60)
            #expect(try store.feed(url: server.url("/f"))?.cutAt == 4096)
            let gz = gzipStored(Array(big.utf8))
            server.handle { _ in ServedResponse(headers: [("Content-Encoding", "gzip")], body: gz) }
            let zippedStore = try temporaryStore()
            let zipped = try await pull(zippedStore, [server.url("/f")]) { $0.policy.maxBodyBytes = 4096 }
            #expect(zipped.cut.first?.contains("cut at 4096 bytes") == true, "the cap applies after decompression")
            #expect(zipped.articlesNew == summary.articlesNew)
            let fine = try await pull(store, [server.url("/f")])
            #expect(fine.cut.isEmpty)
            #expect(try store.stats().articles == 60)
            #expect(try store.feed(url: server.url("/f"))?.cutAt == nil)
        }
    }

    @Test("times out on a slow server and records the failure")
    func slowServer() async throws {
        let store = try temporaryStore()
        let feedBody = body
        try await FeedServer.with({ _ in ServedResponse(feedBody, delay: .seconds(4)) }) { server in
            let started = Date()
            let summary = try await pull(store, [server.url("/f")]) { $0.policy.requestTimeout = 1 }
            #expect(Date().timeIntervalSince(started) < 3.5)
            #expect(summary.failed == 1)
            #expect(summary.failures.first?.contains("timed out") == true)
            #expect(try store.feed(url: server.url("/f"))?.errorCount == 1)
        }
    }

    @Test("a body that trickles in past the deadline times out instead of holding the pull")
    func slowBody() async throws {
        let store = try temporaryStore()
        let feedBody = body
        // Headers at once, then one byte every 50 ms: each read is far within the read timeout, the whole body
        // far beyond the 1 s deadline.
        try await FeedServer.with({ _ in ServedResponse(feedBody, trickle: .milliseconds(50)) }) { server in
            let started = Date()
            let summary = try await pull(store, [server.url("/f")]) { $0.policy.requestTimeout = 1 }
            #expect(Date().timeIntervalSince(started) < 4)
            #expect(summary.failed == 1)
            #expect(summary.failures.first?.contains("timed out") == true)
        }
    }

    @Test("a feed fetched while another still trickles in is written without waiting for it")
    func finishedFeedsAreWrittenFirst() async throws {
        let store = try temporaryStore()
        let feedBody = body
        try await FeedServer.with({ request in
            request.path == "/slow" ? ServedResponse(feedBody, trickle: .milliseconds(20)) : ServedResponse(feedBody)
        }) { server in
            let pulling = Task { try await pull(store, [server.url("/slow"), server.url("/fast")]) { $0.policy.requestTimeout = 8 } }
            // The slow feed needs over 8 s; the fast one is written within a batch interval of arriving.
            try await Task.sleep(for: .seconds(2))
            let written = try store.stats().articles
            let summary = try await pulling.value
            #expect(written == 2)
            #expect(summary.failed == 1)
        }
    }

    @Test("a TLS handshake that fails is recorded on the feed with its reason, and retried with backoff")
    func tlsFailure() async throws {
        let store = try temporaryStore()
        let feedBody = body
        // The server speaks plain HTTP: an https:// client gets no TLS handshake from it.
        try await FeedServer.with({ _ in ServedResponse(feedBody) }) { server in
            let url = "https://127.0.0.1:\(server.port)/f"
            let summary = try await pull(store, [url]) { $0.policy.requestTimeout = 5 }
            #expect(summary.failed == 1 && summary.articlesNew == 0)
            let failure = try #require(summary.failures.first)
            #expect(failure.contains(url), "\(failure)")
            #expect(failure.contains("TLS failure") && failure.contains("check the URL's scheme and port"), "\(failure)")
            let feed = try #require(try store.feed(url: url))
            #expect(feed.errorCount == 1 && feed.active && feed.nextDueAt != nil)
        }
    }

    @Test("adopts a permanent redirect only after the same target on 3 consecutive pulls")
    func redirectAdoption() async throws {
        let store = try temporaryStore()
        let feedBody = body
        try await FeedServer.with({ request in
            request.path == "/old" ? ServedResponse(status: 301, headers: [("Location", "/new")]) : ServedResponse(feedBody)
        }) { server in
            let old = server.url("/old")
            for n in 1...2 {
                let s = try await pull(store, [old])
                #expect(s.failed == 0)
                let feed = try #require(try store.feed(url: old))
                #expect(feed.url == old)
                #expect(feed.redirectCount == n)
                #expect(feed.redirectNote?.contains("\(n) of 3") == true)
            }
            _ = try await pull(store, [old])
            let feed = try #require(try store.feed(url: old))
            #expect(feed.url == server.url("/new"))
            #expect(feed.listedURL == old)
            #expect(feed.redirectNote?.contains("moved permanently") == true)
            let before = server.requests(to: "/old").count
            _ = try await pull(store, [old])
            #expect(server.requests(to: "/old").count == before, "the adopted URL is fetched directly")
            #expect(try store.feeds().count == 1)
            #expect(try store.articles(ArticleQuery()).count == 2)
        }
    }

    @Test("a temporary redirect in between restarts the count")
    func redirectInterrupted() async throws {
        let store = try temporaryStore()
        let feedBody = body
        let permanent = Mutex(true)
        try await FeedServer.with({ request in
            if request.path == "/old" {
                return ServedResponse(status: permanent.withLock { $0 } ? 308 : 302, headers: [("Location", "/new")])
            }
            return ServedResponse(feedBody)
        }) { server in
            _ = try await pull(store, [server.url("/old")])
            _ = try await pull(store, [server.url("/old")])
            permanent.withLock { $0 = false }
            _ = try await pull(store, [server.url("/old")])
            permanent.withLock { $0 = true }
            _ = try await pull(store, [server.url("/old")])
            let feed = try #require(try store.feed(url: server.url("/old")))
            #expect(feed.url == server.url("/old"))
            #expect(feed.redirectCount == 1)
        }
    }

    @Test("stops after 5 redirects")
    func redirectLoop() async throws {
        let store = try temporaryStore()
        try await FeedServer.with({ request in
            let n = Int(request.path.dropFirst()) ?? 0
            return ServedResponse(status: 302, headers: [("Location", "/\(n + 1)")])
        }) { server in
            let summary = try await pull(store, [server.url("/0")])
            #expect(summary.failures.first?.contains("more than 5 redirects") == true)
            #expect(server.requests.count == 6)
        }
    }

    @Test("while every feed fails to connect, no error count grows")
    func networkDown() async throws {
        let store = try temporaryStore()
        let port = try await closedPort()
        let urls = ["http://127.0.0.1:\(port)/a", "http://127.0.0.1:\(port)/b"]
        let summary = try await pull(store, urls)
        #expect(summary.networkDown)
        #expect(summary.failed == 2)
        for url in urls {
            let feed = try #require(try store.feed(url: url))
            #expect(feed.errorCount == 0)
            #expect(feed.lastError?.hasPrefix("network down") == true)
        }
    }

    @Test("a feed that fails to connect while others answer does count the error")
    func oneHostDown() async throws {
        let store = try temporaryStore()
        let port = try await closedPort()
        let feedBody = body
        try await FeedServer.with({ _ in ServedResponse(feedBody) }) { server in
            let summary = try await pull(store, [server.url("/ok"), "http://127.0.0.1:\(port)/down"])
            #expect(!summary.networkDown)
            #expect(try store.feed(url: "http://127.0.0.1:\(port)/down")?.errorCount == 1)
            #expect(try store.feed(url: server.url("/ok"))?.errorCount == 0)
        }
    }

    @Test("a mix of good and broken feeds stores the good ones and reports each failure")
    func mixedPull() async throws {
        let store = try temporaryStore()
        let feedBody = body
        try await FeedServer.with({ request in
            switch request.path {
            case "/good": ServedResponse(feedBody)
            case "/error": ServedResponse(status: 500, "boom")
            case "/missing": ServedResponse(status: 404, "no")
            case "/garbage": ServedResponse("this is not a feed at all")
            default: ServedResponse(status: 404)
            }
        }) { server in
            let summary = try await pull(store, ["/good", "/error", "/missing", "/garbage"].map { server.url($0) })
            #expect(summary.updated == 1 && summary.failed == 3)
            #expect(summary.failures.count == 3)
            #expect(summary.failures.contains { $0.contains("/error") && $0.contains("500") })
            #expect(summary.failures.contains { $0.contains("/missing") && $0.contains("404") })
            #expect(summary.failures.contains { $0.contains("/garbage") && $0.contains("not a feed") })
            #expect(try store.articles(ArticleQuery()).count == 2)
            #expect(try store.stats().feedsFailing == 3)
        }
    }

    @Test("makes at most 2 requests at a time to one host")
    func perHostLimit() async throws {
        let store = try temporaryStore()
        let inFlight = Mutex((now: 0, peak: 0))
        let feedBody = body
        try await FeedServer.with({ _ in
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try? await Task.sleep(for: .milliseconds(150))
            inFlight.withLock { $0.now -= 1 }
            return ServedResponse(feedBody)
        }) { server in
            let summary = try await pull(store, (1...6).map { server.url("/f\($0)") }) { $0.jobs = 8 }
            #expect(summary.updated == 6)
            #expect(inFlight.withLock { $0.peak } == 2)
        }
    }

    @Test("a feed is due by its interval, Cache-Control max-age and RSS ttl, whichever is longest")
    func schedule() async throws {
        let store = try temporaryStore()
        try await FeedServer.with({ request in
            switch request.path {
            case "/maxage": ServedResponse(headers: [("Cache-Control", "public, max-age=10800")],
                                           rss(items: [(guid: "m", link: nil, title: "M", text: "m")]))
            case "/ttl": ServedResponse(rss(ttl: 240, items: [(guid: "t", link: nil, title: "T", text: "t")]))
            default: ServedResponse(rss(items: [(guid: "p", link: nil, title: "P", text: "p")]))
            }
        }) { server in
            let sources = [FeedSource(url: server.url("/maxage")), FeedSource(url: server.url("/ttl")),
                           FeedSource(url: server.url("/plain"), options: ["interval": "2h"])]
            _ = try await pull(store, sources, force: false)
            func wait(_ path: String) throws -> TimeInterval {
                let feed = try #require(try store.feed(url: server.url(path)))
                return try #require(feed.nextDueAt).timeIntervalSince(try #require(feed.lastAttemptAt))
            }
            #expect(abs(try wait("/maxage") - 10_800) < 1)
            #expect(abs(try wait("/ttl") - 14_400) < 1)
            #expect(abs(try wait("/plain") - 7200) < 1)
            let again = try await pull(store, sources, force: false)
            #expect(again.due == 0, "nothing is due right after a pull")
            #expect(server.requests.count == 3)
            let forced = try await pull(store, sources, force: true)
            #expect(forced.due == 3)
        }
    }

    @Test("an RSS ttl still sets the schedule after the feed answers 304, and a new document without one drops it")
    func ttlAcross304() async throws {
        let store = try temporaryStore()
        let withTTL = rss(ttl: 240, items: [(guid: "t", link: nil, title: "T", text: "t")])
        let withoutTTL = rss(items: [(guid: "t", link: nil, title: "T", text: "t")])
        let served = Mutex(withTTL)
        try await FeedServer.with({ request in
            let body = served.withLock { $0 }
            let etag = "\"\(body.utf8.count)\""
            return request.headers["if-none-match"] == etag
                ? ServedResponse(status: 304, headers: [("ETag", etag)])
                : ServedResponse(headers: [("ETag", etag)], body)
        }) { server in
            func wait() throws -> TimeInterval {
                let feed = try #require(try store.feed(url: server.url("/f")))
                return try #require(feed.nextDueAt).timeIntervalSince(try #require(feed.lastAttemptAt))
            }
            _ = try await pull(store, [server.url("/f")])
            #expect(abs(try wait() - 14_400) < 1)
            let second = try await pull(store, [server.url("/f")])
            #expect(second.notModified == 1)
            #expect(abs(try wait() - 14_400) < 1, "the 304 carries no ttl; the one remembered from the feed counts")
            served.withLock { $0 = withoutTTL }
            let third = try await pull(store, [server.url("/f")])
            #expect(third.updated == 1)
            #expect(try wait() < 14_400, "the feed dropped its ttl, so the default interval applies again")
        }
    }
}
