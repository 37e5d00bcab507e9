import Foundation
import GRDB
import RegWatchCore
import Testing
@testable import RegWatchStore

private func draft(_ guid: String?, link: String?, title: String, text: String, hash: String? = nil) -> ArticleDraft {
    ArticleDraft(guidIdentity: guid.map { "guid:\($0)" }, fallbackIdentity: link.map { "link:\($0)" } ?? "hash:\(title)",
                 guid: guid, canonicalURL: link, title: title, published: nil, authors: ["Ann"], text: text,
                 contentHash: hash ?? "\(title)|\(text)", sketch: TextSketch(title: title, text: text))
}

private let story = """
    The European Commission opened a formal investigation into the cloud licensing practices of a large \
    software vendor on Tuesday, saying customers were locked into its platform by restrictive terms. \
    Regulators will examine whether bundling of security tools harmed competitors across the single market. \
    The company said it would cooperate fully and believed its contracts complied with competition law.
    """

@Suite("RegWatchStore")
struct RegWatchStoreTests {
    @Test("applies the migrations in order and creates the full-text index")
    func migrations() throws {
        let store = try RegWatchStore()
        #expect(try store.appliedMigrations().prefix(2) == ["v1-feeds-articles-runs", "v2-feed-listed-url"])
        let tables = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for name in ["feed", "article", "articleBand", "articleFTS", "pullRun"] { #expect(tables.contains(name)) }
    }

    @Test("opens a file store in WAL mode and reopens it without re-running migrations")
    func fileStoreIsWAL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let store = try RegWatchStore(path: path)
        let mode = try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        try store.ensureFeed(url: "https://a.example/feed", tags: ["eu"], options: [:])
        let again = try RegWatchStore(path: path)
        #expect(try again.feeds().map(\.url) == ["https://a.example/feed"])
        #expect(try again.integrityCheck() == "ok")
    }

    @Test("optimize gives the planner statistics for the tables a pull filled, and leaves the store sound")
    func optimizeKeepsStatistics() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rw-optimize-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try RegWatchStore(path: path)
        let feed = try store.ensureFeed(url: "a", tags: [], options: [:])
        let items = (0..<50).map { draft("\($0)", link: "https://a.example/\($0)", title: "Item \($0)", text: "Text \($0) about a ban on apps.") }
        _ = try store.apply(feed: feed, articles: items)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") } == 0)
        try store.optimize()
        let analysed = try store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT tbl FROM sqlite_stat1") }
        #expect(analysed.contains("article"))
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("ensureFeed inserts once and updates tags and options")
    func ensureFeed() throws {
        let store = try RegWatchStore()
        let a = try store.ensureFeed(url: "f.xml", tags: ["x"], options: ["interval": "2h"])
        let b = try store.ensureFeed(url: "f.xml", tags: ["x", "y"], options: [:])
        #expect(a.id == b.id)
        #expect(try store.feed(url: "f.xml")?.tagList == ["x", "y"])
        #expect(try store.feed(url: "f.xml")?.optionMap == [:])
        #expect(try store.removeFeed(url: "f.xml"))
        #expect(try store.feeds().isEmpty)
    }

    @Test("storing the same items twice adds no rows, and an edited item updates its row")
    func idempotentAndEdits() throws {
        let store = try RegWatchStore()
        let feed = try store.ensureFeed(url: "a", tags: [], options: [:])
        let items = [draft("1", link: "https://a.example/1", title: "One", text: story),
                     draft("2", link: "https://a.example/2", title: "Two", text: "Other text about a ban on apps.")]
        #expect(try store.apply(feed: feed, articles: items).inserted == 2)
        let second = try store.apply(feed: feed, articles: items)
        #expect(second.inserted == 0 && second.updated == 0)
        var edited = items[1]
        edited.title = "Two (corrected)"
        edited.contentHash = "changed"
        #expect(try store.apply(feed: feed, articles: [edited]).updated == 1)
        let rows = try store.articles(ArticleQuery())
        #expect(rows.count == 2)
        #expect(rows.contains { $0.title == "Two (corrected)" })
    }

    @Test("links the same canonical URL in another feed to the first article seen")
    func canonicalDuplicates() throws {
        let store = try RegWatchStore()
        let feeds = try (0..<3).map { try store.ensureFeed(url: "feed\($0)", tags: [], options: [:]) }
        for (i, feed) in feeds.enumerated() {
            _ = try store.apply(feed: feed, articles: [draft("g\(i)", link: "https://news.example/story", title: "Title \(i)",
                                                              text: "Different words number \(i) here.")])
        }
        let rows = try store.articles(ArticleQuery()).sorted { $0.id < $1.id }
        #expect(rows[0].duplicateOf == nil)
        #expect(rows[1].duplicateOf?.id == rows[0].id)
        #expect(rows[2].duplicateOf?.id == rows[0].id)
        #expect(rows[2].duplicateOf?.url == "https://news.example/story")
    }

    @Test("links a near-identical text in another feed but not in the same feed")
    func nearDuplicates() throws {
        let store = try RegWatchStore()
        let a = try store.ensureFeed(url: "a", tags: [], options: [:])
        let b = try store.ensureFeed(url: "b", tags: [], options: [:])
        _ = try store.apply(feed: a, articles: [draft("1", link: "https://a.example/x", title: "EU opens cloud probe", text: story)])
        _ = try store.apply(feed: a, articles: [draft("2", link: "https://a.example/y", title: "EU opens cloud probe", text: story)])
        let excerpt = String(story.prefix(200))
        let r = try store.apply(feed: b, articles: [
            draft("3", link: "https://b.example/z", title: "EU opens cloud probe", text: story + " Reporting by staff."),
            draft("4", link: "https://b.example/w", title: "EU opens probe into cloud licensing", text: excerpt),
            draft("5", link: "https://b.example/v", title: "Unrelated", text: "A football club won a cup final after extra time and penalties in the rain."),
        ])
        #expect(r.duplicates == 2)
        let rows = try store.articles(ArticleQuery()).sorted { $0.id < $1.id }
        #expect(rows[1].duplicateOf == nil, "same feed is never a cross-feed duplicate")
        #expect(rows[2].duplicateOf?.id == rows[0].id)
        #expect(rows[3].duplicateOf?.id == rows[0].id)
        #expect(rows[4].duplicateOf == nil)
        #expect(try store.articles({ var q = ArticleQuery(); q.duplicatesOnly = true; return q }()).count == 2)
    }

    @Test("switches a feed to links when it rotates GUIDs, without duplicating rows")
    func rotatingGUIDs() throws {
        let store = try RegWatchStore()
        var feed = try store.ensureFeed(url: "a", tags: [], options: [:])
        let first = (1...4).map { draft("r1-\($0)", link: "https://a.example/\($0)", title: "T\($0)", text: "text \($0)") }
        _ = try store.apply(feed: feed, articles: first)
        let rotated = (1...4).map { draft("r2-\($0)", link: "https://a.example/\($0)", title: "T\($0)", text: "text \($0)") }
        let result = try store.apply(feed: feed, articles: rotated)
        #expect(result.switchedToLinks)
        #expect(result.inserted == 0)
        feed = try #require(try store.feed(url: "a"))
        #expect(feed.identityMode == "link")
        #expect(try store.articles(ArticleQuery()).count == 4)
    }

    @Test("searches title and text through the full-text index")
    func search() throws {
        let store = try RegWatchStore()
        let feed = try store.ensureFeed(url: "a", tags: [], options: [:])
        _ = try store.apply(feed: feed, articles: [
            draft("1", link: nil, title: "Cloud probe", text: story),
            draft("2", link: nil, title: "Football", text: "The match ended in a draw."),
        ])
        var q = ArticleQuery()
        q.search = "licensing"
        #expect(try store.articles(q).map(\.title) == ["Cloud probe"])
        q.search = "draw"
        #expect(try store.articles(q).map(\.title) == ["Football"])
    }

    @Test("stats count feeds, failing feeds, articles and duplicates")
    func stats() throws {
        let store = try RegWatchStore()
        var a = try store.ensureFeed(url: "a", tags: [], options: [:])
        let b = try store.ensureFeed(url: "b", tags: [], options: [:])
        _ = try store.apply(feed: a, articles: [draft("1", link: "https://x.example/1", title: "A", text: "alpha beta")])
        _ = try store.apply(feed: b, articles: [draft("2", link: "https://x.example/1", title: "B", text: "gamma delta")])
        a.lastError = "boom"
        try store.save(a)
        let stats = try store.stats()
        #expect(stats.feeds == 2 && stats.feedsFailing == 1 && stats.articles == 2 && stats.duplicateArticles == 1)
        #expect(stats.events == 0)
    }

    @Test("a second lock on the same store fails at once with --no-wait and names the holder")
    func lock() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rw-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        var held: StoreLock? = try StoreLock(storePath: path, wait: false)
        #expect(StoreLock.holder(storePath: path) == getpid())
        #expect {
            _ = try StoreLock(storePath: path, wait: false)
        } throws: { error in
            guard let e = error as? StoreError, case .locked(let pid) = e.kind else { return false }
            return pid == getpid() && e.description.contains("\(getpid())")
        }
        _ = held
        held = nil
        #expect((try? StoreLock(storePath: path, wait: false)) != nil)
    }
}
