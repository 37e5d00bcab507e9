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
        // The table read through GRDB's rows, cut down to what is counted.
        let full = try store.events(matching: EventQuery()).map { e in
            StoredEvent(id: e.id, type: e.type, status: e.status, actor: e.actor, targets: e.targets, product: e.product,
                        countries: e.countries, method: [], evidence: "", confidence: 0, firstSeen: e.firstSeen, lastSeen: e.lastSeen)
        }.sorted { ($0.firstSeen, $0.id) < ($1.firstSeen, $1.id) }
        #expect(Set(full.map(\.type)) == Set(EventKind.allCases))
        #expect(full.contains { $0.targets.count == 2 } && full.contains { $0.status == .proposed })

        let all = try counted(store, .distantPast, .distantFuture)
        #expect(all == full, "the index read gives the same values as the table read, in first-seen order")
        var query = EventQuery()
        query.details = false
        #expect(try store.events(matching: query).sorted { ($0.firstSeen, $0.id) < ($1.firstSeen, $1.id) } == full)
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

@Suite("regwatch trends from the store")
struct StoreTrendsCommandTests {
    static func run(_ arguments: [String]) throws -> (code: Int32, stdout: String) {
        let result = try runRegwatch(arguments)
        return (result.code, result.stdout)
    }

    @Test("counting rows as the store reads them gives what counting the exported events gives, for every dimension and the busiest week",
          .enabled(if: regwatchBinary != nil, "build the CLI first (swift build --product regwatch) or set REGWATCH_BINARY"))
    func storeMatchesExport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-trends-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        var rng = SeededGenerator(seed: 52)
        let names = ["Anthropic", "ByteDance", "Alibaba", "Ant Financial", "Nvidia", "Huawei", "Meta", "TikTok"]
        let countries = ["CN", "US", "EU", "IN", "RU", "DK"]
        // 120 articles over 17 weeks (July to October 2026), each stating one event.
        let stories = (0..<120).map { i -> Story in
            let kind = EventKind.allCases.randomElement(using: &rng)!
            let actor = names.randomElement(using: &rng)!
            let targets = (0..<Int.random(in: 1...2, using: &rng)).map { _ in names.randomElement(using: &rng)! }
            return Story(feed: "f\(i % 4).example", guid: "s\(i)", day: 1 + Int.random(in: 0..<119, using: &rng), events: [
                ExtractedEvent(type: kind, actor: actor, targets: targets,
                               product: Bool.random(using: &rng) ? "Product \(Int.random(in: 0..<4, using: &rng))" : nil,
                               countries: [countries.randomElement(using: &rng)!],
                               evidence: "\(actor) took a \(kind.rawValue) step against \(targets[0]), story \(i)."),
            ])
        }
        do {
            let store = try RegWatchStore(path: path)
            try load(stories, into: store)
        }
        let exported = dir.appendingPathComponent("events.json").path
        let events = try Self.run(["events", "--store", path, "--format", "json"])
        #expect(events.code == 0)
        try events.stdout.write(toFile: exported, atomically: true, encoding: .utf8)
        for by in ["type", "company", "country", "product"] {
            for extra in [[], ["--type", "ban,block,workaround"]] {
                let common = ["trends", "--week", "2026-W44", "--weeks", "8", "--by", by, "--format", "json"] + extra
                let fromStore = try Self.run(common + ["--store", path])
                let fromExport = try Self.run(common + ["--events", exported])
                #expect(fromStore.code == 0 && fromExport.code == 0)
                #expect(fromStore.stdout.contains("\"total\""), "\(by) \(extra): \(fromStore.stdout.prefix(200))")
                #expect(fromStore.stdout == fromExport.stdout, "--by \(by) \(extra)")
            }
        }
        let busiest = try Self.run(["digest", "--busiest-week", "--store", path])
        #expect(busiest.code == 0 && busiest.stdout.hasPrefix("2026-W"), "\(busiest.stdout)")
        #expect(busiest.stdout == (try Self.run(["digest", "--busiest-week", "--events", exported])).stdout)
    }
}
