import Foundation
import RegWatchFeedList
import RegWatchPipeline
import RegWatchStore
import RegWatchTestSupport
import Synchronization
import Testing

private let errorPage = """
    <!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head>
    <body><h1>Service temporarily unavailable</h1><p>The server is down for maintenance. Please try again later;
    our engineers are working on it and expect the site to be back within the hour.</p></body></html>
    """

/// Whether the server has broken down (serves the error page).
private final class Outage: Sendable {
    private let state: Mutex<Bool>
    init(_ broken: Bool) { state = Mutex(broken) }
    var broken: Bool { state.withLock { $0 } }
    func start() { state.withLock { $0 = true } }
}

@Suite("A feed that answers with an HTML error page", .serialized)
struct HTMLErrorPageTests {
    let feedBody = rss(items: [(guid: "a1", link: "https://example.org/a1", title: "Ban on apps", text: story(1))])

    /// Serves the feed until `broken` is set, then the error page with status 200.
    private func serve(_ outage: Outage, feed: String) -> FeedServer.Handler {
        { _ in
            outage.broken
                ? ServedResponse(headers: [("Content-Type", "text/html; charset=utf-8")], errorPage)
                : ServedResponse(headers: [("Content-Type", "application/rss+xml")], feed)
        }
    }

    @Test("a source that has served a feed and answers 200 with an HTML page fails, naming the page, and stores nothing")
    func errorPageAfterFeed() async throws {
        let store = try temporaryStore()
        let outage = Outage(false)
        try await FeedServer.with(serve(outage, feed: feedBody)) { server in
            let url = server.url("/feed")
            #expect(try await pull(store, [url]).articlesNew == 1)
            #expect(try store.feed(url: url)?.format == "rss20")
            outage.start()
            let second = try await pull(store, [url])
            #expect(second.failed == 1 && second.articlesNew == 0)
            #expect(second.failures.first?.contains("served an HTML page ('Service temporarily unavailable') instead of a feed (it served RSS 2.0 until now)") == true,
                    "\(second.failures)")
            #expect(second.failures.first?.contains("add type=html") == true)
            #expect(try store.stats().articles == 1)
            let feed = try #require(try store.feed(url: url))
            #expect(feed.errorCount == 1 && feed.format == "rss20")
        }
    }

    @Test("an HTML page is read as a brief when the line says type=html, or when the source has only served pages")
    func pagesWhereExpected() async throws {
        let store = try temporaryStore()
        let outage = Outage(true)
        try await FeedServer.with(serve(outage, feed: feedBody)) { server in
            let typed = FeedSource(url: server.url("/typed"), options: ["type": "html"])
            let untyped = FeedSource(url: server.url("/untyped"))
            let summary = try await pull(store, [typed, untyped])
            #expect(summary.failed == 0, "\(summary.failures)")
            #expect(try store.feed(url: untyped.url)?.format == "html")
        }
    }

    @Test("type=feed refuses an HTML page even on the first pull")
    func declaredFeed() async throws {
        let store = try temporaryStore()
        let outage = Outage(true)
        try await FeedServer.with(serve(outage, feed: feedBody)) { server in
            let summary = try await pull(store, [FeedSource(url: server.url("/feed"), options: ["type": "feed"])])
            #expect(summary.failed == 1)
            #expect(summary.failures.first?.contains("its line says type=feed") == true, "\(summary.failures)")
        }
    }
}
