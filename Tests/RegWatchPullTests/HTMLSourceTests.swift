import Foundation
import GRDB
import RegWatchCore
import RegWatchFeedList
import RegWatchIngest
import RegWatchPipeline
import RegWatchStore
import RegWatchTestSupport
import Synchronization
import Testing

/// A regulator's press-release index: one `<li class="release">` per brief, with site chrome around them.
private func pressIndex(_ numbers: [Int]) -> String {
    var html = """
        <!DOCTYPE html><html><head><title>Press releases | Agency</title></head><body>
        <nav><a href="/">Home</a> <a href="/about">About the agency</a></nav>
        <h1>Press releases</h1><ul class="releases">
        """
    for n in numbers {
        html += """
            <li class="release"><a href="/press/\(n)">Release \(n): agency acts on messaging platform</a>
            <time datetime="2026-07-\(String(format: "%02d", n))T09:00:00Z">\(n) July 2026</time>
            <p class="teaser">Short teaser \(n).</p></li>
            """
    }
    return html + "</ul><footer>© Agency. Cookie settings. Subscribe to our newsletter.</footer></body></html>"
}

/// A brief page: navigation, a share bar and a footer around the article, which has sections.
private func briefPage(_ n: Int, edition: Int = 1) -> String {
    """
    <!DOCTYPE html><html lang="en"><head><title>Release \(n) | Agency</title>
    <meta property="og:title" content="Release \(n): agency acts on messaging platform"></head><body>
    <header><nav><a href="/">Home</a><a href="/press">Press</a><a href="/contact">Contact</a></nav></header>
    <div class="share"><a href="https://social.example/share">Share</a></div>
    <article><h1>Release \(n): agency acts on messaging platform</h1>
    <p>The Data Protection Agency of country \(n) ordered a messaging platform to stop transferring user data to \
    servers abroad, the agency said on Monday, edition \(edition).</p>
    <p>The order follows an inquiry opened in the spring after complaints from consumer groups, and gives the \
    company thirty days to comply or face a fine of up to four percent of its turnover.</p>
    <h2>What to watch</h2>
    <p>The company can appeal the order before the administrative court within two months.</p>
    </article>
    <aside class="related"><h3>Related</h3><ul><li><a href="/press/99">Another release</a></li></ul></aside>
    <footer>© Agency. Cookie settings. Subscribe to our newsletter.</footer></body></html>
    """
}

private func storedText(_ store: RegWatchStore) throws -> [String: String] {
    try store.read { db in
        var texts: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT canonicalURL, text FROM article") {
            texts[row["canonicalURL"] ?? ""] = row["text"]
        }
        return texts
    }
}

@Suite("Web pages as sources: list pages and full text", .serialized)
struct HTMLSourceTests {
    @Test("a list page configured with XPath gives one article per listed brief, and full_text=yes reads each page once")
    func listPageWithFullText() async throws {
        let store = try temporaryStore()
        let listed = Mutex([1, 2, 3])
        let edition = Mutex(1)
        try await FeedServer.with({ request in
            if request.path == "/press" {
                return ServedResponse(headers: [("Content-Type", "text/html; charset=utf-8")], pressIndex(listed.withLock { $0 }))
            }
            let n = Int(request.path.split(separator: "/").last ?? "") ?? 0
            return ServedResponse(headers: [("Content-Type", "text/html")], briefPage(n, edition: edition.withLock { $0 }))
        }) { server in
            let source = FeedSource(url: server.url("/press"), options: [
                "type": "html", "item": "//li[@class='release']", "date": ".//time/@datetime", "summary": "p.teaser",
                "full_text": "yes",
            ])
            let first = try await pull(store, [source])
            #expect(first.failed == 0, "\(first.failures)")
            #expect(first.articlesNew == 3)
            #expect(first.pagesFetched == 3)
            let texts = try storedText(store)
            let page2 = try #require(texts[server.url("/press/2")])
            #expect(page2.contains("ordered a messaging platform to stop transferring user data"))
            #expect(page2.contains("What to watch\n"), "headings stay lines of their own: \(page2)")
            #expect(!page2.contains("Cookie settings") && !page2.contains("About the agency") && !page2.contains("Short teaser"))
            let rows = try store.articles(ArticleQuery())
            #expect(Set(rows.compactMap(\.title)) == Set((1...3).map { "Release \($0): agency acts on messaging platform" }))
            #expect(rows.allSatisfy { $0.published != nil })

            // Pulled again, the list is read again but no page is fetched a second time.
            let second = try await pull(store, [source])
            #expect(second.articlesNew == 0 && second.articlesUpdated == 0 && second.pagesFetched == 0)
            #expect(server.requests(to: "/press/1").count == 1)
            #expect(try storedText(store) == texts, "the stored full text is not replaced by the teaser")

            // A new brief on the list: only its page is fetched.
            listed.withLock { $0 = [1, 2, 3, 4] }
            edition.withLock { $0 = 2 }
            let third = try await pull(store, [source])
            #expect(third.articlesNew == 1 && third.pagesFetched == 1)
            #expect(server.requests(to: "/press/4").count == 1 && server.requests(to: "/press/2").count == 1)
            #expect(try storedText(store)[server.url("/press/4")]?.contains("edition 2") == true)
        }
    }

    @Test("a teaser feed with full_text=yes stores each page's main text; a failed page keeps the teaser and is retried")
    func teaserFeed() async throws {
        let store = try temporaryStore()
        let pageTwoUp = Mutex(false)
        try await FeedServer.with({ request in
            switch request.path {
            case "/feed":
                return ServedResponse(rss(items: (1...2).map {
                    (guid: "item-\($0)", link: "/page/\($0)", title: "Release \($0)", text: "Teaser \($0) only.")
                }))  // relative links: resolved against the feed's URL
            case "/page/2" where !pageTwoUp.withLock({ $0 }):
                return ServedResponse(status: 503, "down for maintenance")
            default:
                let n = Int(request.path.split(separator: "/").last ?? "") ?? 0
                return ServedResponse(headers: [("Content-Type", "text/html")], briefPage(n))
            }
        }) { server in
            let source = FeedSource(url: server.url("/feed"), options: ["full_text": "yes"])
            let first = try await pull(store, [source])
            #expect(first.failed == 0 && first.articlesNew == 2)
            #expect(first.pageFailures.count == 1)
            #expect(first.pageFailures.first?.contains("/page/2") == true)
            var texts = try storedText(store)
            #expect(texts[server.url("/page/1")]?.contains("stop transferring user data") == true)
            #expect(texts[server.url("/page/2")] == "Teaser 2 only.")

            pageTwoUp.withLock { $0 = true }
            let second = try await pull(store, [source])
            #expect(second.articlesNew == 0 && second.articlesUpdated == 1 && second.pagesFetched == 1 && second.pageFailures.isEmpty)
            texts = try storedText(store)
            #expect(texts[server.url("/page/2")]?.contains("stop transferring user data") == true)
            #expect(server.requests(to: "/page/1").count == 1)

            let third = try await pull(store, [source])
            #expect(third.articlesUpdated == 0 && third.pagesFetched == 0)
            #expect(server.requests(to: "/page/2").count == 2)
        }
    }

    @Test("with full_text=yes, an item page longer than the feed's max_bytes keeps the teaser instead of half a page")
    func pageOverTheLimit() async throws {
        let store = try temporaryStore()
        let padding = String(repeating: "<p>Unrelated sidebar text.</p>", count: 400)
        try await FeedServer.with({ request in
            switch request.path {
            case "/feed":
                return ServedResponse(rss(items: [(guid: "item-1", link: "/page/1", title: "Release 1", text: "Teaser 1 only.")]))
            default:
                return ServedResponse(headers: [("Content-Type", "text/html")], padding + briefPage(1))
            }
        }) { server in
            let source = FeedSource(url: server.url("/feed"), options: ["full_text": "yes", "max_bytes": "8k"])
            let summary = try await pull(store, [source])
            #expect(summary.failed == 0 && summary.articlesNew == 1 && summary.cut.isEmpty)
            #expect(summary.pageFailures.first?.contains("larger than 8192 bytes") == true, "\(summary.pageFailures)")
            #expect(try storedText(store)[server.url("/page/1")] == "Teaser 1 only.")
        }
    }

    @Test("item pages past the per-pull cap are stored as teasers and read at the next pull, even when the list sends a 304")
    func pageCap() async throws {
        let store = try temporaryStore()
        try await FeedServer.with({ request in
            if request.path == "/press" {
                if request.headers["if-none-match"] == "\"v1\"" { return ServedResponse(status: 304) }
                return ServedResponse(headers: [("Content-Type", "text/html"), ("ETag", "\"v1\"")], pressIndex([1, 2, 3]))
            }
            let n = Int(request.path.split(separator: "/").last ?? "") ?? 0
            return ServedResponse(headers: [("Content-Type", "text/html")], briefPage(n))
        }) { server in
            let source = FeedSource(url: server.url("/press"), options: ["type": "html", "item": "li.release", "full_text": "yes"])
            let first = try await pull(store, [source]) { $0.pagesPerFeed = 2 }
            #expect(first.articlesNew == 3 && first.pagesFetched == 2)
            let second = try await pull(store, [source]) { $0.pagesPerFeed = 2 }
            #expect(second.pagesFetched == 1 && second.articlesUpdated == 1)
            #expect(try storedText(store).values.allSatisfy { $0.contains("stop transferring user data") })
            let third = try await pull(store, [source]) { $0.pagesPerFeed = 2 }
            #expect(third.notModified == 1 && third.pagesFetched == 0)
            #expect((1...3).allSatisfy { server.requests(to: "/press/\($0)").count == 1 })
        }
    }

    @Test("a list page whose item expression selects nothing fails the feed, naming item= and what to do")
    func emptyListPage() async throws {
        let store = try temporaryStore()
        try await FeedServer.with({ _ in ServedResponse(headers: [("Content-Type", "text/html")], pressIndex([1, 2])) }) { server in
            let source = FeedSource(url: server.url("/press"), options: ["type": "html", "item": "//li[@class='news']"])
            let summary = try await pull(store, [source])
            #expect(summary.failed == 1 && summary.articlesNew == 0)
            let message = try #require(summary.failures.first)
            #expect(message.contains(server.url("/press")) && message.contains("item=//li[@class='news']")
                    && message.contains("regwatch parse --source"), "\(message)")
        }
    }

    @Test("type=html without item reads the page as one brief")
    func singlePage() async throws {
        let store = try temporaryStore()
        try await FeedServer.with({ _ in ServedResponse(headers: [("Content-Type", "text/html")], briefPage(7)) }) { server in
            let summary = try await pull(store, [FeedSource(url: server.url("/brief"), options: ["type": "html"])])
            #expect(summary.failed == 0 && summary.articlesNew == 1)
            let text = try #require(try storedText(store).values.first)
            #expect(text.contains("country 7") && !text.contains("Cookie settings"))
        }
    }

    @Test("the feed list checks list-page options on load, naming the file and line")
    func listOptions() throws {
        let good = try FeedList.parse("""
            https://agency.example/press type=html item="//li[@class='release']" title=a.title link=a date=time full_text=yes
            """)
        #expect(good.first?.options["item"] == "//li[@class='release']")
        #expect(throws: FeedListError.self) { try FeedList.parse("https://agency.example/press item=li.release", file: "feeds.txt") }
        do {
            _ = try FeedList.parse("# list\nhttps://agency.example/press item=li.release", file: "feeds.txt")
        } catch {
            #expect("\(error)".hasPrefix("feeds.txt:2: ") && "\(error)".contains("type=html"))
        }
        do {
            _ = try FeedList.parse("https://agency.example/press type=html item=li:nth-child(2n)", file: "feeds.txt")
            Issue.record("an unsupported selector was accepted")
        } catch {
            #expect("\(error)".contains("bad value 'li:nth-child(2n)' for item"))
        }
    }

    @Test("SourceReader reads the same bytes as a feed, a brief page or a list page, as the options say")
    func sourceReader() {
        let page = Array(pressIndex([1, 2]).utf8)
        let asPage = SourceReader.read(page, url: "https://agency.example/press", contentType: "text/html", options: [:])
        #expect(asPage.format == .html && asPage.entries.count == 1)
        let asList = SourceReader.read(page, url: "https://agency.example/press", contentType: "text/html",
                                       options: ["type": "html", "item": "li.release", "date": "time"])
        #expect(asList.entries.map(\.link) == ["https://agency.example/press/1", "https://agency.example/press/2"])
        #expect(asList.entries.first?.published != nil)
        let feed = Array(rss(items: [(guid: "a", link: "https://example.org/a", title: "A", text: "text")]).utf8)
        #expect(SourceReader.read(feed, url: nil, contentType: nil, options: ["type": "feed"]).format == .rss20)
    }

    @Test("`regwatch parse --source` tries a list page's options on a saved page", .enabled(if: regwatchBinary != nil, "build the CLI first"))
    func parseSourceCLI() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("press-\(UUID().uuidString).html")
        try Data(pressIndex([1, 2]).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try RegWatchProcess(["parse", "--json", "--url", "https://agency.example/press",
                                       "--source", "type=html item=//li[@class='release'] date=.//time/@datetime", file.path])
        let result = run.wait()
        #expect(result.code == 0, "\(result.stderr)")
        let output = run.stdout.fileHandleForReading.readDataToEndOfFile()
        let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.compactMap { $0["link"] as? String } == ["https://agency.example/press/1", "https://agency.example/press/2"])
    }
}
