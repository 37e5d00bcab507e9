import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchExtract
import RegWatchPipeline
import RegWatchStore
import RegWatchTestSupport
import Testing

/// A day in July 2026, at noon UTC.
func july(_ day: Int) -> Date { Date(timeIntervalSince1970: 1_782_864_000 + Double(day - 1) * 86_400 + 43_200) }

/// An article of a feed, with the events its text is taken to state.
struct Story {
    var feed: String
    var guid: String
    var day: Int
    var events: [ExtractedEvent]
    var url: String? = nil
    var text: String = ""
}

extension Story {
    /// The story's article as a pull would store it; its content hash names the story.
    var draft: ArticleDraft {
        ArticleDraft(guidIdentity: "guid:\(guid)", fallbackIdentity: "link:\(url ?? guid)", guid: guid,
                     canonicalURL: url ?? "https://\(feed)/\(guid)", title: "Story \(guid)", published: july(day), authors: [],
                     text: text.isEmpty ? events.map(\.evidence).joined(separator: " ") : text,
                     contentHash: "h-\(guid)-\(events.count)", sketch: nil)
    }
}

/// Stores the stories' articles (feed by feed, in the given order) and their extractions, as a pull would.
@discardableResult
func load(_ stories: [Story], into store: RegWatchStore, alertableBefore: Date? = nil, now: Date = july(20),
          parties: any PartyResolving = LiteralParties()) throws -> ExtractionReport {
    var report = ExtractionReport()
    for story in stories {
        let feed = try store.ensureFeed(url: story.feed, tags: [], options: [:], now: now)
        _ = try store.apply(feed: feed, articles: [story.draft], now: now)
        let pending = try store.pendingArticles(limit: 100)
        let extractions = pending.map { article in
            // As EventIndexer does: only a word-for-word copy takes its original's mentions.
            if let root = article.duplicateOfId, article.sameTextAsOriginal {
                return ArticleExtraction(articleId: article.id, contentHash: article.contentHash, content: .copy(of: root))
            }
            return ArticleExtraction(articleId: article.id, contentHash: article.contentHash,
                                     content: .extracted(events: story.events, watch: []))
        }
        let r = try store.saveExtractions(extractions, alertableBefore: alertableBefore, parties: parties)
        report.articles += r.articles
        report.newEventIds += r.newEventIds
    }
    return report
}

func block(_ actor: String, _ targets: [String], product: String? = nil, status: EventStatus = .inEffect,
           _ evidence: String = "") -> ExtractedEvent {
    ExtractedEvent(type: .block, status: status, actor: actor, targets: targets, product: product, countries: ["US"],
                   evidence: evidence.isEmpty ? "\(actor) blocked \(targets.joined(separator: " and "))." : evidence)
}

func everything(_ store: RegWatchStore) throws -> [StoredEvent] { try store.events(matching: EventQuery()) }

@Suite("Merging stored events")
struct MergingTests {
    @Test("reports of one block by several outlets become one event with every source")
    func oneEventManySources() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [block("Anthropic", ["ByteDance", "Ant Financial"], product: "Claude Code")]),
            Story(feed: "b.example", guid: "2", day: 4, events: [block("Anthropic", ["ByteDance"])]),
            Story(feed: "c.example", guid: "3", day: 8, events: [block("Anthropic", [], product: "Claude Code")]),
        ], into: store)
        let events = try everything(store)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.sourceCount == 3)
        #expect(event.firstSeen == july(3))
        #expect(event.lastSeen == july(8))
        #expect(event.targets == ["ByteDance", "Ant Financial"])
        #expect(event.product == "Claude Code")
        #expect(event.sources.map(\.outlet) == ["a.example", "b.example", "c.example"])
        #expect(event.evidence == "Anthropic blocked ByteDance and Ant Financial.")
    }

    @Test("another actor, another type, nothing in common or more than the window apart make separate events")
    func separateEvents() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 1, events: [block("Anthropic", ["ByteDance"])]),
            Story(feed: "a.example", guid: "2", day: 2, events: [block("OpenAI", ["ByteDance"])]),
            Story(feed: "a.example", guid: "3", day: 2, events: [block("Anthropic", ["Huawei"])]),
            Story(feed: "a.example", guid: "4", day: 25, events: [block("Anthropic", ["ByteDance"])]),
            Story(feed: "a.example", guid: "5", day: 2, events: [ExtractedEvent(type: .ban, actor: "Anthropic", targets: ["ByteDance"],
                                                                                  evidence: "Anthropic banned ByteDance.")]),
        ], into: store)
        #expect(try everything(store).count == 5)
    }

    @Test("the window is configurable")
    func configurableWindow() throws {
        let mentions = [3, 10].enumerated().map { i, day in
            MentionValue(id: Int64(i), articleId: Int64(i), type: .ban, status: .inEffect, actor: "Italy", actorKey: "italy",
                         targets: ["ChatGPT"], product: nil, countries: ["IT"], method: [], evidence: "e\(i)", confidence: 0.9,
                         at: july(day), stableKey: "k\(i)")
        }
        #expect(EventMerger.cluster(mentions).count == 1)
        #expect(EventMerger.cluster(mentions, options: MergeOptions(window: 3 * 86_400)).count == 2)
    }

    @Test("the same articles pulled in different orders give identical events", arguments: [0, 1, 2, 3, 4])
    func orderIndependence(seed: Int) throws {
        let stories = [
            Story(feed: "a.example", guid: "1", day: 3, events: [block("Anthropic", ["ByteDance"], product: "Claude Code")]),
            Story(feed: "b.example", guid: "2", day: 5, events: [block("Anthropic", ["Ant Financial"], product: "Claude Code"),
                                                                 ExtractedEvent(type: .workaround, actor: "ByteDance", targets: ["Anthropic"],
                                                                                product: "Claude Code", method: ["VPN"],
                                                                                evidence: "ByteDance kept using Claude Code through VPNs.")]),
            Story(feed: "c.example", guid: "3", day: 12, events: [block("Anthropic", ["ByteDance"], status: .proposed)]),
            Story(feed: "d.example", guid: "4", day: 30, events: [ExtractedEvent(type: .lift, actor: "Anthropic", targets: ["ByteDance"],
                                                                                 evidence: "Anthropic restored access for ByteDance.")]),
            Story(feed: "e.example", guid: "5", day: 20, events: [block("Anthropic", ["ByteDance"])]),
            Story(feed: "a.example", guid: "6", day: 26, events: [block("OpenAI", ["ByteDance"])]),
        ]
        let reference = try RegWatchStore()
        try load(stories, into: reference)
        var generator = SeededGenerator(seed: UInt64(seed))
        let shuffled = stories.shuffled(using: &generator)
        let other = try RegWatchStore()
        try load(shuffled, into: other)
        #expect(try everything(other) == everything(reference))
        #expect(try everything(reference).count == 4)
    }

    @Test("a status change updates the event and keeps its history")
    func statusHistory() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 1, events: [ExtractedEvent(type: .ban, status: .proposed, actor: "Nepal", targets: ["Facebook"],
                                                                                 evidence: "Nepal plans to ban Facebook.")]),
            Story(feed: "b.example", guid: "2", day: 5, events: [ExtractedEvent(type: .ban, status: .inEffect, actor: "Nepal", targets: ["Facebook"],
                                                                                 evidence: "Nepal banned Facebook.")]),
        ], into: store)
        let event = try #require(try everything(store).first)
        #expect(event.status == .inEffect)
        #expect(event.statusHistory == [StatusChange(status: .proposed, at: july(1)), StatusChange(status: .inEffect, at: july(5))])
    }

    @Test("a lift is its own event linked to the ban it lifts, and a workaround to the block it circumvents")
    func relations() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 1, events: [ExtractedEvent(type: .ban, actor: "Nepal", targets: ["Facebook", "X"],
                                                                                 evidence: "Nepal banned Facebook and X.")]),
            Story(feed: "a.example", guid: "2", day: 3, events: [ExtractedEvent(type: .workaround, actor: "Nepalis", targets: ["Nepal"],
                                                                                 method: ["VPN"], evidence: "Nepalis turned to VPNs.")]),
            Story(feed: "b.example", guid: "3", day: 9, events: [ExtractedEvent(type: .lift, actor: "Nepal", targets: ["Facebook"],
                                                                                 evidence: "Nepal lifted its ban on Facebook.")]),
        ], into: store)
        let events = try everything(store)
        let ban = try #require(events.first { $0.type == .ban })
        let lift = try #require(events.first { $0.type == .lift })
        let workaround = try #require(events.first { $0.type == .workaround })
        #expect(lift.related == [RelatedEvent(id: ban.id, relation: .lifts)])
        #expect(workaround.related == [RelatedEvent(id: ban.id, relation: .circumvents)])
        #expect(Set(ban.related) == [RelatedEvent(id: lift.id, relation: .liftedBy), RelatedEvent(id: workaround.id, relation: .circumventedBy)])
    }

    @Test("links to a block survive when one of its workarounds gains a source")
    func linksSurviveRemerge() throws {
        let store = try RegWatchStore()
        func workaround(_ actor: String) -> ExtractedEvent {
            ExtractedEvent(type: .workaround, actor: actor, targets: ["Anthropic"], product: "Claude Code", method: ["VPN"],
                           evidence: "\(actor) reached Claude Code through VPNs.")
        }
        try load([
            Story(feed: "a.example", guid: "1", day: 1, events: [block("Anthropic", ["ByteDance", "Tencent"], product: "Claude Code")]),
            Story(feed: "a.example", guid: "2", day: 2, events: [workaround("ByteDance")]),
            Story(feed: "b.example", guid: "3", day: 3, events: [workaround("Tencent")]),
            Story(feed: "c.example", guid: "4", day: 4, events: [workaround("ByteDance")]),
        ], into: store)
        let events = try everything(store)
        let blockEvent = try #require(events.first { $0.type == .block })
        #expect(events.filter { $0.type == .workaround }.count == 2)
        #expect(blockEvent.related.count == 2)
        #expect(blockEvent.related.allSatisfy { $0.relation == .circumventedBy })
    }

    @Test("workarounds named loosely merge when they circumvent the same thing")
    func looseWorkarounds() throws {
        let store = try RegWatchStore()
        func workaround(_ actor: String, _ target: String) -> ExtractedEvent {
            ExtractedEvent(type: .workaround, actor: actor, targets: [target], product: nil, method: ["VPN"],
                           evidence: "\(actor) used VPNs to reach \(target).")
        }
        try load([
            Story(feed: "a.example", guid: "1", day: 1, events: [workaround("ByteDance; Ant Financial", "Anthropic")]),
            Story(feed: "b.example", guid: "2", day: 2, events: [workaround("Chinese firms", "Anthropic")]),
            Story(feed: "c.example", guid: "3", day: 2, events: [workaround("Ant Financial", "Anthropic")]),
            Story(feed: "d.example", guid: "4", day: 2, events: [workaround("Tencent", "Anthropic")]),
            Story(feed: "e.example", guid: "5", day: 3, events: [workaround("Chinese firms", "OpenAI")]),
        ], into: store)
        let sizes = try everything(store).map(\.sourceCount).sorted()
        // Tencent joins through the group label "Chinese firms"; OpenAI's workaround is another event.
        #expect(sizes == [1, 4])
    }

    @Test("an article's other sentences about the same event stay with its source")
    func otherEvidence() throws {
        let store = try RegWatchStore()
        try load([Story(feed: "a.example", guid: "1", day: 1, events: [
            block("Anthropic", ["ByteDance"], "Anthropic blocked ByteDance."),
            block("Anthropic", ["ByteDance"], "The block on ByteDance took effect at once."),
        ])], into: store)
        let event = try #require(try everything(store).first)
        #expect(event.sourceCount == 1)
        #expect(event.sources.first?.otherEvidence == ["The block on ByteDance took effect at once."])
    }

    @Test("a word-for-word duplicate is not extracted again but is attached as another source")
    func duplicatesAttachAsSources() throws {
        let store = try RegWatchStore()
        let text = "Anthropic blocked ByteDance."
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [block("Anthropic", ["ByteDance"])], url: "https://wire.example/story",
                  text: text),
            // Same canonical URL and text in another feed: the store marks it as a duplicate; its "extraction" below is
            // never used.
            Story(feed: "b.example", guid: "1", day: 4, events: [block("Nobody", ["Nothing"])], url: "https://wire.example/story",
                  text: text),
        ], into: store)
        let events = try everything(store)
        #expect(events.count == 1)
        #expect(events.first?.sourceCount == 2)
        #expect(events.first?.sources.map(\.outlet) == ["a.example", "b.example"])
    }
}

@Suite("Querying stored events")
struct QueryTests {
    @Test("--company matches actor or target through aliases and in any case")
    func companyThroughAliases() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [block("Anthropic", ["ByteDance", "Ant Financial"])]),
            Story(feed: "a.example", guid: "2", day: 4, events: [block("OpenAI", ["Baidu"])]),
        ], into: store)
        let resolver = EntityResolver(try EntityList.bundled())
        for name in ["Ant Group", "ant financial", "ANT GROUP"] {
            var query = EventQuery()
            query.entities = [resolver.key(name)]
            #expect(try store.events(matching: query).map(\.actor) == ["Anthropic"], "\(name)")
        }
        var query = EventQuery()
        query.entities = [resolver.key("anthropic")]
        #expect(try store.events(matching: query).count == 1)
        query.entities = [resolver.key("Baidu")]
        #expect(try store.events(matching: query).map(\.actor) == ["OpenAI"])
    }

    @Test("--company with --limit (the indexed walk) gives the newest events of the full query")
    func companyWithLimit() throws {
        let store = try RegWatchStore()
        try load((1...9).map { day in
            Story(feed: "a.example", guid: "\(day)", day: day * 20 % 200 + 1,
                  events: [block(day % 2 == 0 ? "Anthropic" : "OpenAI", ["ByteDance", "Target\(day)"])])
        }, into: store)
        var query = EventQuery()
        query.entities = ["bytedance"]
        let all = try store.events(matching: query)
        #expect(all.count == 9)
        for limit in [0, 1, 4, 9, 20] {
            query.limit = limit
            #expect(try store.events(matching: query) == Array(all.prefix(limit)))
        }
        query.types = [.block]
        query.limit = 3
        #expect(try store.events(matching: query) == Array(all.prefix(3)))
    }

    @Test("companies counts events by type and role")
    func companies() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [block("Anthropic", ["ByteDance"])]),
            Story(feed: "a.example", guid: "2", day: 4, events: [block("OpenAI", ["ByteDance"])]),
            Story(feed: "a.example", guid: "3", day: 4, events: [ExtractedEvent(type: .workaround, actor: "ByteDance", targets: ["OpenAI"],
                                                                                 evidence: "ByteDance used proxies.")]),
        ], into: store)
        let rows = try store.companies()
        let bytedance = try #require(rows.first)
        #expect(bytedance.name == "ByteDance")
        #expect(bytedance.events == 3)
        #expect(bytedance.asActor == 1 && bytedance.asTarget == 2)
        #expect(bytedance.byType == ["block": 2, "workaround": 1])
        // With a date filter the counts are computed from the events themselves.
        #expect(try store.companies(since: july(1)).first == bytedance)
    }

    @Test("search ranks articles and lists the events found in each")
    func search() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [block("Anthropic", ["ByteDance"])],
                  text: "Anthropic blocked ByteDance from Claude. The VPN workaround continues."),
            Story(feed: "a.example", guid: "2", day: 4, events: [], text: "Weather is fine today."),
        ], into: store)
        let hits = try store.searchArticles(ArticleSearch(query: "bytedance"))
        #expect(hits.count == 1)
        #expect(hits.first?.snippet.contains("[ByteDance]") == true)
        #expect(hits.first?.events.map(\.type) == [.block])
    }
}

@Suite("Alerts and re-extraction")
struct AlertTests {
    @Test("a new event is announced once, not again when more sources arrive, and never for a new feed's backlog")
    func alertsOnce() throws {
        let store = try RegWatchStore()
        // First pull of feed a: a backlog, no alerts.
        let first = try load([Story(feed: "a.example", guid: "1", day: 1, events: [block("Anthropic", ["ByteDance"])])],
                             into: store, alertableBefore: july(20), now: july(20))
        #expect(first.newEventIds.isEmpty)
        // Next pull: a new story in the known feed is news.
        let second = try load([Story(feed: "a.example", guid: "2", day: 21, events: [block("OpenAI", ["Baidu"])])],
                              into: store, alertableBefore: july(21), now: july(21))
        #expect(second.newEventIds.count == 1)
        try store.markAlerted(second.newEventIds)
        // More sources for that event, and a brand-new feed's backlog: nothing new.
        let third = try load([Story(feed: "a.example", guid: "3", day: 22, events: [block("OpenAI", ["Baidu"])]),
                              Story(feed: "new.example", guid: "4", day: 22, events: [block("Google", ["Xiaomi"])])],
                             into: store, alertableBefore: july(22), now: july(22))
        #expect(third.newEventIds.isEmpty)
        #expect(try everything(store).count == 3)
    }

    @Test("re-extracting twice gives the same events, with the same ids")
    func reextractIsIdempotent() async throws {
        let store = try RegWatchStore()
        let texts = [
            ("a.example", "1", 3, "Anthropic has blocked ByteDance from accessing Claude Code. Alibaba has banned its employees from using Claude Code."),
            ("b.example", "2", 4, "Anthropic blocked ByteDance and Ant Group from Claude Code this week."),
            ("c.example", "3", 5, "Italy's Garante banned ChatGPT on Friday."),
        ]
        for (feedURL, guid, day, text) in texts {
            let feed = try store.ensureFeed(url: feedURL, tags: [], options: [:])
            _ = try store.apply(feed: feed, articles: [ArticleDraft(
                guidIdentity: "guid:\(guid)", fallbackIdentity: "link:\(guid)", guid: guid, canonicalURL: "https://\(feedURL)/\(guid)",
                title: "Story \(guid)", published: july(day), authors: [], text: text, contentHash: "h\(guid)", sketch: nil)])
        }
        let indexer = EventIndexer(store: store, extractor: try EventExtractor.bundled())
        try await indexer.indexPending()
        let once = try everything(store)
        #expect(!once.isEmpty)
        #expect(try store.pendingArticles(limit: 10).isEmpty)
        try await indexer.reextract()
        #expect(try everything(store) == once)
        try await indexer.reextract(since: july(4))
        #expect(try everything(store) == once)
    }
}
