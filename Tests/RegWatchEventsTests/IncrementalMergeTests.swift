import Foundation
import GRDB
import RegWatchCore
@testable import RegWatchStore
import RegWatchTestSupport
import Testing

/// Stores every story's article first, then saves all their extractions in one transaction: the reference that
/// merging batch by batch must reproduce.
func loadAtOnce(_ stories: [Story], into store: RegWatchStore, now: Date = july(20),
                parties: any PartyResolving = LiteralParties()) throws {
    var eventsOf: [String: [ExtractedEvent]] = [:]
    for story in stories {
        let feed = try store.ensureFeed(url: story.feed, tags: [], options: [:], now: now)
        _ = try store.apply(feed: feed, articles: [story.draft], now: now)
        eventsOf[story.draft.contentHash] = story.events
    }
    let extractions = try store.pendingArticles(limit: 10_000).map { article in
        ArticleExtraction(articleId: article.id, contentHash: article.contentHash,
                          content: article.duplicateOfId.flatMap { article.sameTextAsOriginal ? .copy(of: $0) : nil }
                              ?? .extracted(events: eventsOf[article.contentHash] ?? [], watch: []))
    }
    try store.saveExtractions(extractions, parties: parties)
}

/// Stories drawn from a few names, so that blocks, workarounds and lifts keep meeting: the events they make merge
/// and link in many ways.
func tangledStories(seed: UInt64, count: Int) -> [Story] {
    var rng = SeededGenerator(seed: seed)
    func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    let companies = ["ByteDance", "Tencent", "Huawei", "Alibaba"]
    let blockers = ["Anthropic", "OpenAI", "United States"]
    let products = [nil, nil, "Claude Code", "ChatGPT"]
    let circumventers = ["ByteDance", "Tencent", "Chinese firms", "ByteDance; Tencent", "developers in China"]
    return (0..<count).map { i in
        let events: [ExtractedEvent] = (0..<(1 + Int(rng.next() % 2))).map { _ in
            let targets = Array(Set([pick(companies), pick(companies)])).sorted().prefix(1 + Int(rng.next() % 2))
            switch rng.next() % 5 {
            case 0, 1:
                return ExtractedEvent(type: pick([EventKind.block, .ban, .restriction]), actor: pick(blockers), targets: Array(targets),
                                      product: pick(products), evidence: "Blocked \(i).")
            case 2, 3:
                return ExtractedEvent(type: .workaround, actor: pick(circumventers), targets: [pick(blockers + companies)],
                                      product: pick(products), method: [pick(["VPN", "proxy"])], evidence: "Worked around \(i).")
            default:
                return ExtractedEvent(type: .lift, actor: pick(blockers), targets: Array(targets), product: pick(products),
                                      evidence: "Lifted \(i).")
            }
        }
        // Words of its own, so that no story reads as a duplicate of another.
        let text = (0..<30).map { _ in "w\(rng.next() % 5_000)" }.joined(separator: " ")
        return Story(feed: "\(pick(["a", "b", "c"])).example", guid: "\(i)", day: 1 + Int(rng.next() % 60), events: events, text: text)
    }
}

@Suite("Merging into a stored history")
struct IncrementalMergeTests {
    @Test("merging article by article, in any order, gives the events and links of merging everything at once",
          arguments: [1, 2, 3, 4, 5, 6])
    func incrementalEqualsAtOnce(seed: Int) throws {
        let stories = tangledStories(seed: UInt64(seed), count: 60)
        let reference = try RegWatchStore()
        try loadAtOnce(stories, into: reference)
        let expected = try everything(reference)
        #expect(expected.contains { !$0.related.isEmpty })
        #expect(expected.contains { $0.sourceCount > 1 && $0.type == .workaround })

        var rng = SeededGenerator(seed: UInt64(seed) * 31)
        let store = try RegWatchStore()
        try load(stories.shuffled(using: &rng), into: store)
        #expect(try everything(store) == expected)
        #expect(try store.companies() == reference.companies())
    }

    @Test("a workaround finds an earlier one through a product that is not that event's most common product")
    func workaroundThroughMinorProduct() throws {
        func workaround(_ actor: String, _ target: String, _ product: String) -> ExtractedEvent {
            ExtractedEvent(type: .workaround, actor: actor, targets: [target], product: product, method: ["VPN"],
                           evidence: "\(actor) reached \(product) through VPNs.")
        }
        let stories = [
            // One event (shared target): its products are Claude Code once and ChatGPT twice, so its product is ChatGPT.
            Story(feed: "a.example", guid: "1", day: 1, events: [workaround("ByteDance", "Anthropic", "Claude Code")]),
            Story(feed: "b.example", guid: "2", day: 2, events: [workaround("ByteDance", "Anthropic", "ChatGPT")]),
            Story(feed: "c.example", guid: "3", day: 3, events: [workaround("ByteDance", "Anthropic", "ChatGPT")]),
            // Nothing in common with it but Claude Code.
            Story(feed: "d.example", guid: "4", day: 4, events: [workaround("Chinese firms", "United States", "Claude Code")]),
        ]
        let store = try RegWatchStore()
        try load(stories, into: store)
        let events = try everything(store)
        #expect(events.count == 1)
        #expect(events.first?.sourceCount == 4)
    }

    @Test("an article about something else leaves the stored events as they are")
    func unrelatedArticleWritesOneEvent() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 1, events: [block("Anthropic", ["ByteDance"])]),
            Story(feed: "a.example", guid: "2", day: 2, events: [block("Anthropic", ["Huawei"])]),
            Story(feed: "a.example", guid: "3", day: 2, events: [ExtractedEvent(type: .workaround, actor: "ByteDance",
                                                                                 targets: ["Anthropic"], evidence: "ByteDance used VPNs.")]),
        ], into: store)
        let before = try everything(store)
        let feed = try store.ensureFeed(url: "b.example", tags: [], options: [:], now: july(20))
        _ = try store.apply(feed: feed, articles: [ArticleDraft(
            guidIdentity: "guid:4", fallbackIdentity: "link:4", guid: "4", canonicalURL: "https://b.example/4", title: "Story 4",
            published: july(3), authors: [], text: "Anthropic blocked Huawei.", contentHash: "h4", sketch: nil)], now: july(20))
        let pending = try #require(try store.pendingArticles(limit: 10).first)
        let report = try store.saveExtractions([ArticleExtraction(articleId: pending.id, contentHash: pending.contentHash,
                                                                  content: .extracted(events: [block("Anthropic", ["Huawei"])], watch: []))])
        // Only the Huawei block gained a source; the ByteDance block and its workaround were left as they were.
        #expect(report.eventsWritten == 1)
        let after = try everything(store)
        #expect(after.count == 3)
        #expect(after.filter { $0.sourceCount == 2 }.map(\.targets) == [["Huawei"]])
        #expect(after.filter { $0.sourceCount == 1 } == before.filter { !$0.targets.contains("Huawei") })
    }

    @Test("an edited article is extracted again, and the event it no longer states goes")
    func editedArticleIsExtractedAgain() throws {
        let store = try RegWatchStore()
        try load([Story(feed: "a.example", guid: "1", day: 1, events: [block("Anthropic", ["ByteDance"])])], into: store)
        let feed = try store.ensureFeed(url: "a.example", tags: [], options: [:], now: july(21))
        _ = try store.apply(feed: feed, articles: [ArticleDraft(
            guidIdentity: "guid:1", fallbackIdentity: "link:1", guid: "1", canonicalURL: "https://a.example/1", title: "Story 1",
            published: july(1), authors: [], text: "Anthropic blocked Huawei, not ByteDance.", contentHash: "h-1-edited", sketch: nil)],
            now: july(21))
        let pending = try store.pendingArticles(limit: 10)
        #expect(pending.map(\.contentHash) == ["h-1-edited"])
        let article = try #require(pending.first)
        try store.saveExtractions([ArticleExtraction(articleId: article.id, contentHash: article.contentHash,
                                                     content: .extracted(events: [block("Anthropic", ["Huawei"])], watch: []))])
        #expect(try everything(store).map(\.targets) == [["Huawei"]])
        #expect(try store.pendingArticles(limit: 10).isEmpty)
        #expect(try store.companies().map(\.name).sorted() == ["Anthropic", "Huawei"])
    }

    @Test("migration v4 keys each mention's product in lowercase, beyond ASCII too")
    func productKeyMigration() throws {
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue, upTo: "v3-events-mentions")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO feed (url, listedURL, createdAt) VALUES ('f', 'f', '2026-07-01')")
            try db.execute(sql: """
                INSERT INTO article (id, feedId, identity, text, firstSeenAt, contentHash) VALUES (1, 1, 'guid:1', '', '2026-07-01', 'h')
                """)
            for (i, product) in ["Claude Code", "ÉLAN Cloud", nil].enumerated() {
                try db.execute(sql: """
                    INSERT INTO mention (articleId, extractedFromId, ordinal, type, status, actorKey, targets, product, countries,
                        method, evidence, confidence, at, stableKey) VALUES (1, 1, ?, 'workaround', 'in_effect', '', '[]', ?, '[]', '[]', '', 1, '2026-07-01', ?)
                    """, arguments: [i, product, "k\(i)"])
            }
        }
        try StoreMigrations.migrator.migrate(queue)
        let keys = try queue.read { db in try String?.fetchAll(db, sql: "SELECT productKey FROM mention ORDER BY ordinal") }
        #expect(keys == ["claude code", "élan cloud", nil])
        let plan = try queue.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT DISTINCT eventId FROM mention
                WHERE type = 'workaround' AND productKey = ? AND at >= ? AND at <= ? AND eventId IS NOT NULL
                """, arguments: ["claude code", "2026-06-01", "2026-08-01"]).map { $0["detail"] as String }.joined()
        }
        #expect(plan.contains("mention_on_workaround_productKey"))
    }
}
