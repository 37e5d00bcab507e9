import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchExtract
import RegWatchPipeline
@testable import RegWatchStore
import RegWatchTestSupport
import Testing

private let parties = PartyResolver(try! EntityList.bundled())

private func event(_ type: EventKind, _ actor: String?, _ targets: [String] = [], product: String? = nil,
                   _ evidence: String) -> ExtractedEvent {
    ExtractedEvent(type: type, actor: actor, targets: targets, product: product, evidence: evidence)
}

@Suite("Merging with resolved parties")
struct PartyMergeTests {
    @Test("a ministry and its government, reported by two outlets, are one restriction")
    func ministryAndGovernment() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [event(.restriction, "Ministry of Commerce of China", product: "gallium",
                                                                      "The commerce ministry put gallium exports under licence.")]),
            Story(feed: "b.example", guid: "2", day: 4, events: [event(.restriction, "Government of China", product: "gallium",
                                                                      "Beijing now requires licences to export gallium.")]),
        ], into: store, parties: parties)
        let events = try everything(store)
        #expect(events.count == 1)
        #expect(events.first?.sourceCount == 2)
    }

    @Test("a state's ban and the federal government's ban of the same app stay two events")
    func stateIsNotFederal() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [event(.ban, "Montana", ["TikTok"], "Montana banned TikTok.")]),
            Story(feed: "b.example", guid: "2", day: 4, events: [event(.ban, "Government of the United States", ["TikTok"],
                                                                      "Washington banned TikTok on federal devices.")]),
        ], into: store, parties: parties)
        #expect(try everything(store).count == 2)
    }

    @Test("targets described in other words are one group; apps are not companies")
    func describedGroups() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [event(.block, "Anthropic", ["Chinese-owned companies"],
                                                                      "Anthropic cut off Chinese-owned companies.")]),
            Story(feed: "b.example", guid: "2", day: 4, events: [event(.block, "Anthropic", ["companies in China"],
                                                                      "Anthropic blocked companies in China.")]),
            Story(feed: "c.example", guid: "3", day: 5, events: [event(.block, "Anthropic", ["Chinese apps"],
                                                                      "Anthropic also blocked Chinese apps from its store.")]),
        ], into: store, parties: parties)
        let events = try everything(store).sorted { $0.sourceCount > $1.sourceCount }
        #expect(events.map(\.sourceCount) == [2, 1])
    }

    @Test("what one report names as the target and another as the product is one thing acted upon")
    func targetAndProductAreOneName() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [event(.ban, "Government of Kenya", ["Zapchat Shop"],
                                                                      "Kenya banned Zapchat Shop on Monday.")]),
            Story(feed: "b.example", guid: "2", day: 5, events: [event(.ban, "Government of Kenya", ["online sellers"], product: "Zapchat Shop",
                                                                      "The Zapchat Shop ban leaves online sellers in Kenya stranded.")]),
            // Near miss: the same actor and week, but another thing acted upon in either role.
            Story(feed: "c.example", guid: "3", day: 4, events: [event(.ban, "Government of Kenya", ["online lenders"], product: "Loanly",
                                                                      "Kenya also banned the Loanly app used by online lenders.")]),
        ], into: store, parties: parties)
        let events = try everything(store).sorted { $0.sourceCount > $1.sourceCount }
        #expect(events.map(\.sourceCount) == [2, 1])
        #expect(events.first?.product == "Zapchat Shop")
    }

    @Test("a report that names nothing acted upon joins the one event of its actor around it")
    func nothingNamedJoinsTheOne() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [event(.ban, "Ministry of Information and Communications of Vietnam",
                                                                      ["Telegram"], "The ministry ordered telecoms firms to block Telegram.")]),
            Story(feed: "b.example", guid: "2", day: 4, events: [event(.ban, "Government of Vietnam", [], "Vietnam's government imposed the ban on Friday.")]),
        ], into: store, parties: parties)
        let events = try everything(store)
        #expect(events.count == 1)
        #expect(events.first?.targets == ["Telegram"])
    }

    @Test("with two events of its actor around it, a report that names nothing joins neither")
    func nothingNamedAmbiguous() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [event(.block, "OpenAI", ["users in China"], "OpenAI blocked users in China.")]),
            Story(feed: "b.example", guid: "2", day: 4, events: [event(.block, "OpenAI", ["influence operations"],
                                                                      "OpenAI took down accounts of influence operations.")]),
            Story(feed: "c.example", guid: "3", day: 5, events: [event(.block, "OpenAI", [], "OpenAI said it blocked them this week.")]),
        ], into: store, parties: parties)
        #expect(try everything(store).count == 3)
    }

    @Test("merging with resolved parties, article by article in any order, gives the events of merging at once",
          arguments: Array(1...30))
    func incrementalEqualsAtOnce(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) * 977)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let actors: [String?] = ["Ministry of Commerce of China", "Government of China", "Cyberspace Administration of China",
                                 "Anthropic", "Montana", "Government of the United States", "US Commerce Department", "OpenAI",
                                 nil, nil]
        let targets: [[String]] = [[], [], ["Chinese-owned companies"], ["companies in China"], ["ByteDance"], ["Chinese apps"],
                                   ["ByteDance", "Tencent"]]
        let products: [String?] = [nil, nil, nil, "gallium", "Claude Code"]
        let stories = (0..<70).map { i in
            let events = (0..<(1 + Int(rng.next() % 2))).map { _ in
                var e = event(pick([EventKind.ban, .restriction, .block]), pick(actors), pick(targets), product: pick(products), "Act \(i).")
                // Some reports date their act months before (`MergeOptions.restatementHorizon`).
                e.occurred = pick([nil, nil, nil, nil, "2026-05", "2026-03", "2025-10"])
                return e
            }
            let text = (0..<30).map { _ in "w\(rng.next() % 5_000)" }.joined(separator: " ")
            return Story(feed: "\(pick(["a", "b", "c"])).example", guid: "\(i)", day: 1 + Int(rng.next() % 60), events: events, text: text)
        }
        let reference = try RegWatchStore()
        try loadAtOnce(stories, into: reference, parties: parties)
        let expected = try everything(reference)
        // The attachment rule is exercised: some events hold a mention that names nothing with one that does.
        #expect(expected.contains { $0.sourceCount > 1 })
        let store = try RegWatchStore()
        try load(stories.shuffled(using: &rng), into: store, parties: parties)
        #expect(try everything(store) == expected)
        // And the store's answer is the merger's on every mention at once.
        #expect(Set(expected.map(\.sourceCount)).count > 1)
    }

    @Test("re-extracting articles with other events gives the events of merging the new state at once", arguments: Array(1...40))
    func reextractionEqualsAtOnce(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) * 613)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let actors: [String?] = ["Government of China", "Ministry of Commerce of China", "OpenAI", "Anthropic", nil, nil]
        let targets: [[String]] = [[], ["ByteDance"], ["Chinese firms"], ["companies in China"], ["Tencent"]]
        func events(_ i: Int) -> [ExtractedEvent] {
            (0..<(1 + Int(rng.next() % 2))).map { _ in
                event(pick([EventKind.ban, .block]), pick(actors), pick(targets), product: pick([nil, nil, "Claude Code"]), "Act \(i).")
            }
        }
        var stories = (0..<50).map { i in
            Story(feed: "\(pick(["a", "b"])).example", guid: "\(i)", day: 1 + Int(rng.next() % 12), events: events(i),
                  text: (0..<30).map { _ in "w\(rng.next() % 5_000)" }.joined(separator: " "))
        }
        let store = try RegWatchStore()
        try load(stories, into: store, parties: parties)
        // Twelve articles now say something else: re-extracted in place, as `regwatch reextract` does.
        var changed: [String: [ExtractedEvent]] = [:]
        for i in (0..<12).map({ _ in Int(rng.next() % 50) }) {
            stories[i].events = events(i)
            changed["Story \(stories[i].guid)"] = stories[i].events
        }
        let again = try store.articlesForReextraction(since: nil).compactMap { article -> ArticleExtraction? in
            guard let title = article.title, let events = changed[title] else { return nil }
            return ArticleExtraction(articleId: article.id, contentHash: article.contentHash, content: .extracted(events: events, watch: []))
        }
        try store.saveExtractions(again, parties: parties)
        let reference = try RegWatchStore()
        try loadAtOnce(stories, into: reference, parties: parties)
        #expect(try everything(store) == everything(reference))
    }
}

@Suite("Finding events through every party")
struct PartyQueryTests {
    @Test("an event is found through a party named around it, and through what owns the party, but not counted for it")
    func foundThroughParties() throws {
        var blocked = event(.block, "Anthropic", ["Chinese-controlled companies"], product: "Claude Code",
                            "Anthropic cut off Chinese-controlled companies.")
        blocked.parties = ["Ant Financial"]
        let store = try RegWatchStore()
        try load([Story(feed: "a.example", guid: "1", day: 3, events: [blocked])], into: store, parties: parties)
        var query = EventQuery()
        query.entities = ["ant financial"]
        #expect(try store.events(matching: query).count == 1)
        #expect(try store.events(matching: query).first?.parties == ["Ant Financial"])
        query.entities = ["tencent"]
        #expect(try store.events(matching: query).isEmpty)
        // `companies` counts actors and targets; a party named around an event is not one of them.
        #expect(try store.companies().contains { $0.name == "Ant Financial" } == false)
        // What owns the party finds the event too.
        let resolver = EntityResolver(try EntityList.bundled())
        query.entities = resolver.keysWithOwned("Alibaba")
        #expect(query.entities.contains("ant financial"))
        #expect(try store.events(matching: query).count == 1)
        #expect(!resolver.keysWithOwned("Tencent").contains("ant financial"))
    }
}

@Suite("Acts told again from earlier years")
struct StatedDateMergeTests {
    @Test("a mention with a stated earlier date is placed then: it joins the act of that month, not this week's")
    func placedWhenItHappened() throws {
        var told = event(.restriction, "Government of China", product: "gallium", "China restricted gallium exports in July 2023.")
        told.occurred = "2023-07"
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 3, events: [event(.restriction, "Government of China", product: "gallium",
                                                                      "China restricted gallium exports on Monday.")]),
            Story(feed: "b.example", guid: "2", day: 4, events: [told]),
        ], into: store, parties: parties)
        let events = try everything(store)
        // The July 2023 act is its own event, first seen in July 2023; this month's act keeps its date.
        #expect(events.count == 2)
        #expect(events.contains { CivilDay.string(CivilDay.dayNumber($0.firstSeen)) == "2023-07-15" })
        #expect(events.contains { $0.firstSeen == july(3) })
    }

    @Test("an undated report that tells again an act another report dated weeks before is that act, in either order")
    func undatedRetellingJoinsStatedAct() throws {
        var dated = event(.legislation, "Montana", ["Quillfeed"], product: "Quillfeed",
                          "The statute, enacted in May, bars Quillfeed from the state.")
        dated.occurred = "2026-05"
        let retold = event(.legislation, "Montana", product: "Quillfeed", "The statute keeps Quillfeed out of the state.")
        let stories = [Story(feed: "a.example", guid: "1", day: 9, events: [dated]),
                       Story(feed: "b.example", guid: "2", day: 10, events: [retold])]
        for order in [stories, stories.reversed()] {
            let store = try RegWatchStore()
            try load(order, into: store, parties: parties)
            let events = try everything(store)
            #expect(events.count == 1)
            #expect(events.first?.sourceCount == 2)
            // Placed when the act happened, as the dated report says.
            #expect(events.first.map { CivilDay.string(CivilDay.dayNumber($0.firstSeen)) } == "2026-05-15")
        }
    }

    @Test("an undated report stays apart from a stated act past the horizon, of another name, or sharing only the actor")
    func undatedRetellingNearMisses() throws {
        func stated(_ e: ExtractedEvent, _ occurred: String) -> ExtractedEvent {
            var e = e
            e.occurred = occurred
            return e
        }
        let cases: [(dated: ExtractedEvent, undated: ExtractedEvent)] = [
            // Eight months before: news of its own, not a retelling.
            (stated(event(.ban, "Montana", product: "Quillfeed", "Montana banned Quillfeed in November 2025."), "2025-11"),
             event(.ban, "Montana", product: "Quillfeed", "Montana bans Quillfeed.")),
            // The same actor and type, something else acted upon.
            (stated(event(.ban, "Montana", product: "Quillfeed", "Montana banned Quillfeed in May."), "2026-05"),
             event(.ban, "Montana", product: "Larkpost", "Montana bans Larkpost.")),
            // Neither names what was acted upon: the actor alone says too little across months.
            (stated(event(.legislation, "Montana", [], "Montana passed a privacy law in May."), "2026-05"),
             event(.legislation, "Montana", [], "Montana passed a law.")),
        ]
        for (dated, undated) in cases {
            let store = try RegWatchStore()
            try load([Story(feed: "a.example", guid: "1", day: 9, events: [dated]),
                      Story(feed: "b.example", guid: "2", day: 10, events: [undated])], into: store, parties: parties)
            #expect(try everything(store).count == 2, "\(dated.evidence) | \(undated.evidence)")
        }
    }

    @Test("an act an article dates apart from an undated act of the same kind is not told again by later reports")
    func articleSetsActsApart() throws {
        var earlier = event(.block, "OpenAI", product: "Sora", "In March the company blocked Sora accounts run by a botnet.")
        earlier.occurred = "2026-03"
        let now = event(.block, "OpenAI", ["users in Chile"], product: "Sora", "OpenAI now blocks Sora for users in Chile.")
        let elsewhere = event(.block, "OpenAI", product: "Sora", "OpenAI cut off Sora in Chile this week.")
        let store = try RegWatchStore()
        try load([Story(feed: "a.example", guid: "1", day: 10, events: [earlier, now]),
                  Story(feed: "b.example", guid: "2", day: 11, events: [elsewhere])], into: store, parties: parties)
        let events = try everything(store)
        // This week's block with both sources; March's block on its own.
        #expect(events.count == 2)
        #expect(events.contains { $0.sourceCount == 2 && $0.firstSeen == july(10) })
        #expect(events.contains { $0.sourceCount == 1 && CivilDay.string(CivilDay.dayNumber($0.firstSeen)) == "2026-03-15" })
        #expect(EventMerger.retellable([earlier, now], actorKeys: ["openai", "openai"], dated: [true, false],
                                       parties: parties) == [false, false])
        #expect(EventMerger.retellable([earlier, event(.ban, "OpenAI", product: "Sora", "OpenAI bans Sora.")],
                                       actorKeys: ["openai", "openai"], dated: [true, false], parties: parties) == [true, false])
    }

    @Test("the stated day of a year, a month and a day")
    func statedDay() {
        #expect(RegWatchStore.statedDay("2023").map { CivilDay.string(CivilDay.dayNumber($0)) } == "2023-07-01")
        #expect(RegWatchStore.statedDay("2023-02").map { CivilDay.string(CivilDay.dayNumber($0)) } == "2023-02-15")
        #expect(RegWatchStore.statedDay("2023-02-03").map { CivilDay.string(CivilDay.dayNumber($0)) } == "2023-02-03")
        #expect(RegWatchStore.statedDay("2023-13") == nil)
        #expect(RegWatchStore.statedDay("soon") == nil)
    }
}
