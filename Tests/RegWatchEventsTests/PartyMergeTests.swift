import Foundation
import RegWatchCore
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
                event(pick([EventKind.ban, .restriction, .block]), pick(actors), pick(targets), product: pick(products), "Act \(i).")
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

    @Test("the stated day of a year, a month and a day")
    func statedDay() {
        #expect(RegWatchStore.statedDay("2023").map { CivilDay.string(CivilDay.dayNumber($0)) } == "2023-07-01")
        #expect(RegWatchStore.statedDay("2023-02").map { CivilDay.string(CivilDay.dayNumber($0)) } == "2023-02-15")
        #expect(RegWatchStore.statedDay("2023-02-03").map { CivilDay.string(CivilDay.dayNumber($0)) } == "2023-02-03")
        #expect(RegWatchStore.statedDay("2023-13") == nil)
        #expect(RegWatchStore.statedDay("soon") == nil)
    }
}
