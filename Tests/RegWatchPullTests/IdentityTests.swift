import Foundation
import RegWatchPipeline
import RegWatchStore
import RegWatchTestSupport
import Synchronization
import Testing

@Suite("Article identity and duplicates", .serialized)
struct IdentityTests {
    @Test("identifies items without GUIDs by canonical link, then by title and date, without duplicates on re-pull")
    func missingGUIDs() async throws {
        let store = try temporaryStore()
        let version = Mutex(0)
        try await FeedServer.with({ _ in
            // The body changes on each pull (a tracking parameter), so it is parsed every time.
            let n = version.withLock { $0 += 1; return $0 }
            return ServedResponse(rss(items: [
                (guid: nil, link: "https://example.org/a?utm_source=rss&pull=\(n % 1)", title: "Linked", text: story(1)),
                (guid: nil, link: nil, title: "No link, no GUID \(n > 100 ? "x" : "")", text: "body \(n)"),
            ]))
        }) { server in
            #expect(try await pull(store, [server.url("/f")]).articlesNew == 2)
            let second = try await pull(store, [server.url("/f")])
            #expect(second.articlesNew == 0)
            let rows = try store.articles(ArticleQuery())
            #expect(rows.count == 2)
            #expect(rows.contains { $0.canonicalURL == "https://example.org/a?pull=0" })
        }
    }

    @Test("switches away from GUIDs when a feed reuses one GUID for many items")
    func reusedGUID() async throws {
        let store = try temporaryStore()
        let items = (1...4).map { (guid: Optional("same-guid"), link: Optional("https://example.org/\($0)"), title: "Item \($0)", text: story($0)) }
        try await FeedServer.with({ _ in ServedResponse(rss(items: items)) }) { server in
            let summary = try await pull(store, [server.url("/f")])
            #expect(summary.articlesNew == 4)
            #expect(try store.feed(url: server.url("/f"))?.identityMode == "link")
            server.handle { _ in ServedResponse(rss(title: "changed", items: items)) }
            #expect(try await pull(store, [server.url("/f")]).articlesNew == 0)
            #expect(try store.articles(ArticleQuery()).count == 4)
        }
    }

    @Test("switches away from GUIDs when a feed rotates them, and adds no rows")
    func rotatingGUIDs() async throws {
        let store = try temporaryStore()
        let round = Mutex(0)
        try await FeedServer.with({ _ in
            let r = round.withLock { $0 += 1; return $0 }
            return ServedResponse(rss(items: (1...5).map {
                (guid: "session-\(r)-\($0)", link: "https://example.org/\($0)", title: "Item \($0)", text: story($0))
            }))
        }) { server in
            #expect(try await pull(store, [server.url("/f")]).articlesNew == 5)
            let second = try await pull(store, [server.url("/f")])
            #expect(second.articlesNew == 0)
            #expect(try store.feed(url: server.url("/f"))?.identityMode == "link")
            #expect(try await pull(store, [server.url("/f")]).articlesNew == 0)
            #expect(try store.articles(ArticleQuery()).count == 5)
        }
    }

    @Test("an edited item updates its row instead of adding one")
    func editedItem() async throws {
        let store = try temporaryStore()
        let title = Mutex("Ministry proposes app ban")
        try await FeedServer.with({ _ in
            ServedResponse(rss(items: [(guid: "e1", link: "https://example.org/e1", title: title.withLock { $0 }, text: story(3))]))
        }) { server in
            _ = try await pull(store, [server.url("/f")])
            title.withLock { $0 = "Ministry proposes app ban (updated)" }
            let second = try await pull(store, [server.url("/f")])
            #expect(second.articlesNew == 0 && second.articlesUpdated == 1)
            let rows = try store.articles(ArticleQuery())
            #expect(rows.map(\.title) == ["Ministry proposes app ban (updated)"])
        }
    }

    @Test("links the same story in three feeds to the first one seen")
    func sameStoryInThreeFeeds() async throws {
        let store = try temporaryStore()
        let text = """
            Denmark's digital agency banned Chinese AI chatbots on government phones and laptops on Thursday, \
            citing the risk that conversations with officials could be stored on servers in China. Norway said \
            it was considering a similar ban, and Swedish ministers asked their security service for advice.
            """
        try await FeedServer.with({ request in
            switch request.path {
            case "/wire": ServedResponse(rss(items: [(guid: "w1", link: "https://wire.example/denmark-ban", title: "Denmark bans Chinese chatbots on state devices", text: text),
                                                     (guid: "w2", link: "https://wire.example/other", title: "Storm hits coast", text: story(7))]))
            case "/syndicated": ServedResponse(rss(items: [(guid: "s1", link: "https://wire.example/denmark-ban?utm_source=partner&utm_medium=rss#top",
                                                           title: "Denmark bans Chinese chatbots", text: "Syndicated: " + text)]))
            default: ServedResponse(rss(items: [(guid: "b1", link: "https://blog.example/2026/denmark", title: "Denmark bans Chinese chatbots on state devices",
                                                 text: text + " Our view: expect other Nordic governments to follow.")]))
            }
        }) { server in
            _ = try await pull(store, [server.url("/wire")])
            _ = try await pull(store, [server.url("/syndicated"), server.url("/blog")]) { $0.jobs = 1 }
            let rows = try store.articles(ArticleQuery()).sorted { $0.id < $1.id }
            let original = try #require(rows.first { $0.canonicalURL == "https://wire.example/denmark-ban" && $0.feed.hasSuffix("/wire") })
            let copies = rows.filter { $0.duplicateOf != nil }
            #expect(copies.count == 2)
            #expect(copies.allSatisfy { $0.duplicateOf?.id == original.id })
            #expect(copies.allSatisfy { $0.duplicateOf?.url == "https://wire.example/denmark-ban" })
            #expect(rows.first { $0.title == "Storm hits coast" }?.duplicateOf == nil)
        }
    }

    @Test("pulls local paths and file URLs")
    func localFiles() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("feed.xml").path
        try Data(rss(items: [(guid: "l1", link: "https://example.org/l1", title: "Local", text: story(4))]).utf8)
            .write(to: URL(fileURLWithPath: path))
        let store = try temporaryStore()
        let summary = try await pull(store, [path, URL(fileURLWithPath: path).absoluteString, dir.appendingPathComponent("missing.xml").path])
        #expect(summary.updated == 2)
        #expect(summary.failed == 1)
        #expect(summary.failures.first?.contains("no such file") == true)
        #expect(try store.feed(url: path)?.lastStatus == 0)
    }
}

@Suite("Canonical URLs")
struct CanonicalURLTests {
    @Test("drops fragments and tracking parameters, keeps the rest", arguments: [
        ("https://Example.ORG/a?utm_source=x&utm_medium=y&id=3#frag", "https://example.org/a?id=3"),
        ("https://example.org/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4", "https://example.org/a"),
        ("http://example.org:80/b?q=vpn&msclkid=9", "http://example.org/b?q=vpn"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org:8443/c", "https://example.org:8443/c"),
    ])
    func canonical(_ pair: (String, String)) {
        #expect(CanonicalURL.canonicalize(pair.0) == pair.1)
    }
}
