import Foundation
import RegWatchCore
import RegWatchStore
import Testing

@Suite("Events read for reports")
struct ReportEventsTests {
    @Test("a report reads its window's events, details only for the listed weeks, and the older events they point to")
    func reportEvents() throws {
        let store = try RegWatchStore()
        try load([
            Story(feed: "a.example", guid: "1", day: 1, events: [block("Anthropic", ["ByteDance"], product: "Claude Code")]),
            Story(feed: "b.example", guid: "2", day: 5, events: [ExtractedEvent(type: .investigation, actor: "European Commission",
                                                                                targets: ["Temu"], evidence: "The Commission opened an inquiry into Temu.")]),
            Story(feed: "c.example", guid: "3", day: 10, events: [ExtractedEvent(type: .workaround, actor: "ByteDance", targets: ["Anthropic"],
                                                                                 product: "Claude Code", method: ["VPN"],
                                                                                 evidence: "ByteDance kept using Claude Code through VPNs.")]),
        ], into: store)
        let all = try store.events(matching: EventQuery())
        let blockEvent = try #require(all.first { $0.type == .block })
        let workaround = try #require(all.first { $0.type == .workaround })
        #expect(workaround.related.map(\.id).contains(blockEvent.id), "the workaround is linked to the block")

        let read = try store.reportEvents(from: july(4), to: july(20), detailedFrom: july(9))
        #expect(Set(read.map(\.type)) == [.block, .investigation, .workaround])
        let listed = try #require(read.first { $0.type == .workaround })
        #expect(listed == workaround, "a listed event is read in full: sources and related events")
        #expect(read.first { $0.type == .investigation }?.sources.isEmpty == true, "an event only counted is read without sources")
        let pointedTo = try #require(read.first { $0.type == .block })
        #expect(pointedTo.id == blockEvent.id && pointedTo.sources.isEmpty, "the older block is read because the workaround points to it")

        var counts = EventQuery()
        counts.details = false
        let counted = try store.events(matching: counts)
        #expect(counted.allSatisfy { $0.sources.isEmpty && $0.related.isEmpty })
        #expect(counted.map(\.countries) == all.map(\.countries) && counted.map(\.targets) == all.map(\.targets)
                && counted.map(\.firstSeen) == all.map(\.firstSeen), "what trends group by is read")
        #expect(try store.events(matching: counts).map(\.id) == all.map(\.id))
    }
}
