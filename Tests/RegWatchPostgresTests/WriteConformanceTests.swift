// The write half of the conformance suite (issue 15): the same articles and extractions written through
// `StoreWriting` into a SQLite store and a PostgreSQL store must leave the same events, links, entity counts and watch
// items, whatever arrives, in whatever order, with edits and duplicates among them.
import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchPostgres
import RegWatchStore
import RegWatchTestSupport
import Testing

/// A day in July 2026, at noon UTC.
func julyDay(_ day: Int) -> Date { Date(timeIntervalSince1970: 1_782_864_000 + Double(day - 1) * 86_400 + 43_200) }

/// A small deterministic generator (SplitMix64), so a failing seed can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One article of the generated stream and the events and watch sentences its text is taken to state.
struct GeneratedArticle {
    var feed: String
    var guid: String
    var url: String
    var day: Int
    var title: String
    var events: [ExtractedEvent]
    var watch: [WatchItem]

    var text: String { events.map(\.evidence).joined(separator: " ") + " " + watch.map(\.text).joined(separator: " ") }

    var draft: ArticleDraft {
        ArticleDraft(guidIdentity: "guid:\(guid)", fallbackIdentity: "link:\(url)", guid: guid, canonicalURL: url, title: title,
                     published: julyDay(day), authors: [], text: text,
                     contentHash: "h-\(guid)-\(events.map(\.evidence).joined().hashValue & 0xffff)-\(events.count)", sketch: nil)
    }
}

enum StreamMaker {
    static let actors: [String?] = ["Anthropic", "Italy", "Government of Denmark", "Montana", nil]
    static let targets = ["ByteDance", "Ant Group", "DeepSeek", "RedNote", "Kimi"]
    static let products: [String?] = [nil, nil, "Claude Code", "VPN"]
    static let types: [EventKind] = [.ban, .block, .block, .workaround, .lift, .restriction]

    static func event(_ g: inout SeededGenerator, tag: String) -> ExtractedEvent {
        let type = types.randomElement(using: &g)!
        var actor = actors.randomElement(using: &g)!
        var named = Array(targets.shuffled(using: &g).prefix(Int.random(in: 0...2, using: &g)))
        if type == .workaround {
            // Who gets around a block: one of the blocked, around the blocker.
            actor = targets.randomElement(using: &g)
            named = [actors.compactMap { $0 }.randomElement(using: &g)!]
        }
        let product = products.randomElement(using: &g)!
        let status: EventStatus = Bool.random(using: &g) ? .inEffect : .proposed
        return ExtractedEvent(type: type, status: status, actor: actor, targets: named, product: product, countries: ["US"],
                              evidence: "\(actor ?? "Someone") \(type.rawValue)s \(named.joined(separator: ", ")) \(tag).")
    }

    /// `count` articles over six weeks, some of them copies of earlier ones in another feed (same link, same text).
    static func stream(seed: UInt64, count: Int) -> [GeneratedArticle] {
        var g = SeededGenerator(state: seed)
        var articles: [GeneratedArticle] = []
        for i in 0..<count {
            if i > 3, Int.random(in: 0..<6, using: &g) == 0, var copy = articles.randomElement(using: &g) {
                copy.feed = copy.feed == "a.example" ? "b.example" : "a.example"
                copy.guid = "copy-\(i)"
                articles.append(copy)
                continue
            }
            let events = (0..<Int.random(in: 0...2, using: &g)).map { event(&g, tag: "in story \(i) (\($0))") }
            let watch = Int.random(in: 0..<3, using: &g) == 0
                ? [WatchItem(text: "Expect \(targets.randomElement(using: &g)!) to appeal.", entities: [], date: nil)] : []
            articles.append(GeneratedArticle(feed: ["a.example", "b.example", "c.example"].randomElement(using: &g)!,
                                             guid: "g\(i)", url: "https://news.example/\(i)", day: Int.random(in: 1...42, using: &g),
                                             title: "Story \(i)", events: events, watch: watch))
        }
        return articles
    }

    /// Some articles edited: other events (or none) under the same identity.
    static func edits(seed: UInt64, of articles: [GeneratedArticle]) -> [GeneratedArticle] {
        var g = SeededGenerator(state: seed ^ 0xED17)
        return articles.filter { !$0.guid.hasPrefix("copy") }.shuffled(using: &g).prefix(articles.count / 5).map { article in
            var edited = article
            edited.events = (0..<Int.random(in: 0...2, using: &g)).map { event(&g, tag: "edited \(article.guid) (\($0))") }
            return edited
        }
    }
}

/// Writes `articles` through `StoreWriting` as a pull and its extraction do, a few articles per transaction.
func write(_ articles: [GeneratedArticle], into store: any StoreWriting, batch: Int, now: Date) throws {
    var start = 0
    while start < articles.count {
        let slice = articles[start..<min(articles.count, start + batch)]
        for article in slice {
            let feed = try store.ensureFeed(url: article.feed, tags: [], options: [:], now: now)
            _ = try store.apply(feed: feed, articles: [article.draft], now: now)
        }
        let pending = try store.pendingArticles(limit: 1000)
        let extractions = pending.map { pending -> ArticleExtraction in
            if let root = pending.duplicateOfId, pending.sameTextAsOriginal {
                return ArticleExtraction(articleId: pending.id, contentHash: pending.contentHash, content: .copy(of: root))
            }
            let article = slice.last { $0.title == pending.title } ?? articles.last { $0.title == pending.title }
            return ArticleExtraction(articleId: pending.id, contentHash: pending.contentHash,
                                     content: .extracted(events: article?.events ?? [], watch: article?.watch ?? []))
        }
        _ = try store.saveExtractions(extractions, options: MergeOptions(), alertableBefore: now, parties: LiteralParties())
        start += batch
    }
}

/// Everything the stored events say, without article ids (they follow arrival order on both engines alike, but are
/// not what is compared here).
func eventState(_ store: any StoreReading) throws -> String {
    let events = try store.events(matching: EventQuery())
    var lines = [try canonical(events), try canonical(store.companies(since: nil, limit: nil)),
                 try canonical(store.watchItems(from: nil, to: nil))]
    var stats = try store.stats()
    stats.storeBytes = 0
    stats.lastPull = nil
    lines.append(try canonical(stats))
    let counts = try store.eventCounts()
    lines.append("\(counts.events) events, \(counts.mentions) mentions, \(counts.watchItems) watch items")
    return lines.joined(separator: "\n")
}

@Suite("The store conformance suite, writing: pull and extraction leave the same events on both engines",
       .enabled(if: PostgresTestServer.available, PostgresTestServer.skipMessage))
struct WriteConformanceTests {
    @Test("generated articles, duplicates and edits give the same events, links and counts", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func sameEvents(seed: UInt64) throws {
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        let postgres = try PostgresStore(url: url, migrate: true)
        defer { postgres.close() }
        let sqlite = try RegWatchStore()
        let articles = StreamMaker.stream(seed: seed, count: 60)
        let edits = StreamMaker.edits(seed: seed, of: articles)
        for store in [sqlite, postgres] as [any StoreWriting] {
            try write(articles, into: store, batch: 7, now: julyDay(50))
            try write(edits, into: store, batch: 5, now: julyDay(51))
        }
        let expected = try eventState(sqlite)
        #expect(try eventState(postgres) == expected)
        // The stream is rich enough to test something: links, copies and merged sources.
        let events = try sqlite.events(matching: EventQuery())
        #expect(events.contains { !$0.related.isEmpty })
        #expect(events.contains { $0.sourceCount > 1 })
        #expect(try sqlite.articles(ArticleQuery()).contains { $0.duplicateOf != nil })
    }

    @Test("pulling the same articles twice adds nothing on PostgreSQL either")
    func idempotent() throws {
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        let postgres = try PostgresStore(url: url, migrate: true)
        defer { postgres.close() }
        let articles = StreamMaker.stream(seed: 9, count: 30)
        try write(articles, into: postgres, batch: 10, now: julyDay(50))
        let once = try eventState(postgres)
        try write(articles, into: postgres, batch: 10, now: julyDay(50))
        #expect(try eventState(postgres) == once)
    }

    @Test("regwatch pull into PostgreSQL stores the samples as into SQLite")
    func cliPull() throws {
        guard regwatchBinary != nil else { Issue.record("no regwatch binary: build with 'swift build --build-tests'"); return }
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        let stores = try SampleStores.shared.get()
        let pulled = try runRegwatch(["pull", "--quiet", "--store", url.description], directory: SampleStores.repositoryRoot)
        #expect(pulled.code == 0, "\(pulled.stderr)")
        let postgres = try PostgresStore(url: url, migrate: false)
        defer { postgres.close() }
        #expect(try eventState(postgres) == eventState(stores.sqlite))
        // Which of two duplicates was stored first follows the order the pull's fetches ended in, on either engine:
        // duplicates are compared as unordered pairs of feed and URL, and the original of a pair is listed only in
        // its pair (listed alone too, it told which article won the race).
        // The two copies of a pair may share their canonical URL (one story in two feeds), so the other copy is found by
        // its id, never by its URL.
        func listing(_ store: any StoreReading) throws -> [String] {
            let articles = try store.articles(ArticleQuery())
            let named = Dictionary(articles.map { ($0.id, "\($0.feed) \($0.canonicalURL ?? "")") }, uniquingKeysWith: { first, _ in first })
            let originals = Set(articles.compactMap { $0.duplicateOf?.id })
            return articles.compactMap { article -> String? in
                let name = named[article.id] ?? "?"
                guard let other = article.duplicateOf?.id else { return originals.contains(article.id) ? nil : name }
                let pair = [name, named[other] ?? "?"].sorted().joined(separator: " = ")
                return "duplicates: \(pair) (\(article.duplicateReason ?? "-"))"
            }.sorted()
        }
        #expect(try listing(postgres) == listing(stores.sqlite))
        // The CLI's own output, as a user reads it: the same digest and events on both engines.
        for command in [["events"], ["digest"], ["companies"], ["watch"], ["timeline", "--company", "Anthropic"]] {
            let onSQLite = try runRegwatch(command + ["--store", stores.sqlite.path], directory: SampleStores.repositoryRoot)
            let onPostgres = try runRegwatch(command + ["--store", url.description], directory: SampleStores.repositoryRoot)
            #expect(onPostgres.code == 0 && onPostgres.stdout == onSQLite.stdout, "regwatch \(command.joined(separator: " "))")
        }
        // Pulls share the lock; a pull with --no-wait while a reextract holds it exits 4, naming the holder.
        #expect(try postgres.takePullLock(wait: false, shared: true))
        let shared = try runRegwatch(["pull", "--quiet", "--no-wait", "--store", url.description], directory: SampleStores.repositoryRoot)
        #expect(shared.code == 0, "\(shared.stderr)")
        let reextracting = try PostgresStore(url: url, migrate: false)
        defer { reextracting.close() }
        postgres.close()
        #expect(try reextracting.takePullLock(wait: true, shared: false))  // once the closed session's shared hold is gone
        let blocked = try runRegwatch(["pull", "--quiet", "--no-wait", "--force", "--store", url.description],
                                      directory: SampleStores.repositoryRoot)
        #expect(blocked.code == 4 && blocked.stderr.contains("locked by another reextract (server process"), "\(blocked.stderr)")
    }
}
