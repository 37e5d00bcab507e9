import Foundation
import GRDB
import RegWatchCore
@testable import RegWatchStore
import RegWatchTestSupport
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

@Suite("Events read to be counted")
struct CountedEventsTests {
    /// Every event first seen in `[from, to)` as `forEachCountedEvent` hands them out.
    func counted(_ store: RegWatchStore, _ from: Date, _ to: Date) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        try store.forEachCountedEvent(firstSeenFrom: from, to: to) { events.append($0.event) }
        return events
    }

    @Test("trends read each event of the window as the full read has it, oldest first, with every type and odd names")
    func sameAsFullRead() throws {
        let store = try RegWatchStore()
        let names = ["Société Générale", "Company \"Q\" Ltd", "Back\\slash Labs", "Tab\tCo", "字节跳动", "A", "Ünïcode GmbH"]
        var stories: [Story] = []
        for (i, kind) in EventKind.allCases.enumerated() {
            let actor = names[i % names.count]
            stories.append(Story(feed: "f\(i % 3).example", guid: "g\(i)", day: 1 + i * 2, events: [
                ExtractedEvent(type: kind, status: i % 2 == 0 ? .inEffect : .proposed, actor: i == 4 ? nil : actor,
                               targets: [names[(i + 1) % names.count], names[(i + 2) % names.count]],
                               product: i % 3 == 0 ? nil : "Product \(names[(i + 3) % names.count])",
                               countries: i % 4 == 0 ? [] : ["CN", "US"],
                               evidence: "\(actor) did the \(kind.rawValue) thing number \(i)."),
            ]))
        }
        try load(stories, into: store)
        var query = EventQuery()
        query.details = false
        let full = try store.events(matching: query).sorted { ($0.firstSeen, $0.id) < ($1.firstSeen, $1.id) }
        #expect(Set(full.map(\.type)) == Set(EventKind.allCases))

        let all = try counted(store, .distantPast, .distantFuture)
        #expect(all == full, "the index read gives the same values as the table read, in first-seen order")
        #expect(all.contains { $0.actor == nil } && all.contains { $0.product == nil } && all.contains { $0.countries.isEmpty })

        // The window is [from, to): an event first seen exactly at `from` counts, one exactly at `to` does not.
        let from = full[3].firstSeen, to = full[7].firstSeen
        #expect(try counted(store, from, to).map(\.id) == full[3..<7].map(\.id))
        #expect(try counted(store, to, to).isEmpty)
    }

    @Test("the window's events are read from the covering index, in report order, without the table or a sort")
    func queryPlan() throws {
        let store = try RegWatchStore()
        #expect(try store.appliedMigrations().contains("v6-event-first-seen-counted"))
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + RegWatchStore.countedInWindowSQL,
                             arguments: [Date.distantPast, Date.distantFuture]).map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH e USING COVERING INDEX event_on_firstSeen_counted (firstSeen>? AND firstSeen<?)"], "\(plan)")
    }

    @Test("dates are parsed in place exactly as GRDB decodes what it wrote, and other forms go through GRDB")
    func storedDates() throws {
        var rng = SeededGenerator(seed: 27)
        for _ in 0..<20_000 {
            // 1900 to 2100, with milliseconds.
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &rng)) / 1000)
            guard case .string(let text) = date.databaseValue.storage else { Issue.record("GRDB stores a date as text"); return }
            let parsed = text.utf8CString.withUnsafeBufferPointer { chars in
                chars.withMemoryRebound(to: UInt8.self) { RawColumns.storedDate(UnsafeBufferPointer(rebasing: $0.dropLast())) }
            }
            #expect(parsed == Date.fromDatabaseValue(date.databaseValue), "\(text)")
        }
        func parse(_ text: String) -> Date? {
            var text = text
            return text.withUTF8 { RawColumns.storedDate($0) }
        }
        #expect(parse("2026-07-01 12:00:00") == Date(timeIntervalSince1970: 1_782_907_200))
        #expect(parse("2026-07-01T12:00:00.5") == Date(timeIntervalSince1970: 1_782_907_200.5))
        for odd in ["2026-07-01", "2026-13-01 00:00:00", "2026-07-01 12:00:00Z", "2026-07-01 12:00:00.1234", "1782907200"] {
            #expect(parse(odd) == nil, "\(odd) is left to GRDB")
        }
        // A value another tool wrote as a Unix timestamp still reads through GRDB's decoding.
        let store = try RegWatchStore()
        try load([Story(feed: "a.example", guid: "1", day: 2, events: [block("Anthropic", ["ByteDance"])])], into: store)
        try store.writer.write { db in try db.execute(sql: "UPDATE event SET lastSeen = 1782907200") }
        let event = try #require(try counted(store, .distantPast, .distantFuture).first)
        #expect(event.lastSeen == Date(timeIntervalSince1970: 1_782_907_200))
    }
}
