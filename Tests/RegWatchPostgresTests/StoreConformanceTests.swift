// The store conformance suite (issue 15): the same questions asked of the SQLite store and of its PostgreSQL copy,
// which must give the same answers. SQLite is the reference (its own tests pin what the answers are); this suite pins
// that PostgreSQL agrees, for every query of `StoreReading` and for the filters the CLI passes.
import Foundation
import RegWatchCore
import RegWatchPostgres
import RegWatchStore
import Testing

/// Values compared as JSON with sorted keys and dates to the millisecond: SQLite keeps milliseconds, PostgreSQL
/// microseconds, and a date read from either may differ in the last bits of its Double.
func canonical<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode((date.timeIntervalSince1970 * 1000).rounded())
    }
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// One question asked of a store, named for the test's arguments.
struct StoreQuestion: Sendable, CustomTestStringConvertible {
    var name: String
    var ask: @Sendable (any StoreReading) throws -> String
    var testDescription: String { name }
}

func day(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T00:00:00Z")! }

func eventQuery(_ configure: (inout EventQuery) -> Void) -> EventQuery {
    var query = EventQuery()
    configure(&query)
    return query
}

func articleQuery(_ configure: (inout ArticleQuery) -> Void) -> ArticleQuery {
    var query = ArticleQuery()
    configure(&query)
    return query
}

let questions: [StoreQuestion] = [
    StoreQuestion(name: "migrations") { try canonical($0.appliedMigrations()) },
    StoreQuestion(name: "stats, but the size on disk") { store in
        var stats = try store.stats()
        stats.storeBytes = 0
        return try canonical(stats)
    },
    StoreQuestion(name: "feeds") { try canonical($0.feeds()) },
    StoreQuestion(name: "feed by listed URL") { try canonical($0.feed(url: "samples/eu-digital-desk.rdf")) },
    StoreQuestion(name: "feed that is not there") { try canonical($0.feed(url: "https://nowhere.example/feed")) },
    StoreQuestion(name: "feeds status") { store in
        try store.health(now: day("2026-08-15")).map { "\($0.feed.url) \($0.articles) \($0.articlesPerWeek)" }.joined(separator: "\n")
    },
    StoreQuestion(name: "articles") { try canonical($0.articles(ArticleQuery())) },
    StoreQuestion(name: "articles of one feed, limited") { store in
        try canonical(store.articles(articleQuery { $0.feedURL = "samples/techpolicy-wire.xml"; $0.limit = 3 }))
    },
    StoreQuestion(name: "articles in a window") { store in
        try canonical(store.articles(articleQuery { $0.since = day("2026-07-01"); $0.until = day("2026-07-20") }))
    },
    StoreQuestion(name: "duplicate articles") { try canonical($0.articles(articleQuery { $0.duplicatesOnly = true })) },
    StoreQuestion(name: "articles --search") { try canonical($0.articles(articleQuery { $0.search = "vpn AND russia" })) },
    StoreQuestion(name: "every event, newest first") { try canonical($0.events(matching: EventQuery())) },
    StoreQuestion(name: "events, oldest first, without details") { store in
        try canonical(store.events(matching: eventQuery { $0.ascending = true; $0.details = false }))
    },
    StoreQuestion(name: "events --company ByteDance --limit 5 (the newest of one entity)") { store in
        try canonical(store.events(matching: eventQuery { $0.entities = ["bytedance"]; $0.limit = 5 }))
    },
    StoreQuestion(name: "events --company Anthropic, one type") { store in
        try canonical(store.events(matching: eventQuery { $0.entities = ["anthropic"]; $0.types = [.block]; $0.limit = 10 }))
    },
    StoreQuestion(name: "events of two companies") { store in
        try canonical(store.events(matching: eventQuery { $0.entities = ["anthropic", "rednote"] }))
    },
    StoreQuestion(name: "events --type ban,block --country US") { store in
        try canonical(store.events(matching: eventQuery { $0.types = [.ban, .block]; $0.country = "us" }))
    },
    StoreQuestion(name: "events --status and a window") { store in
        try canonical(store.events(matching: eventQuery { $0.status = .inEffect; $0.since = day("2026-07-05"); $0.until = day("2026-07-25") }))
    },
    StoreQuestion(name: "events --product") { store in
        let products = try store.events(matching: EventQuery()).compactMap(\.product).map { $0.lowercased() }
        return try canonical(store.events(matching: eventQuery { $0.products = Array(Set(products)).sorted() }))
    },
    StoreQuestion(name: "each event by id, with sources and related events") { store in
        try canonical(store.events(matching: EventQuery()).map { try store.event(id: $0.id) })
    },
    StoreQuestion(name: "an event that is not there") { try canonical($0.event(id: "ev_0000000000000000")) },
    StoreQuestion(name: "events seen in a window (timeline)") { try canonical($0.eventsSeen(from: day("2026-07-01"), to: day("2026-08-01"))) },
    StoreQuestion(name: "a digest's events") { store in
        try canonical(store.reportEvents(from: day("2026-06-01"), to: day("2026-08-10"), detailedFrom: day("2026-07-20")))
    },
    // PostgreSQL reads the listed weeks apart from the weeks counted before them: the split at either end.
    StoreQuestion(name: "a digest's events, all listed") { store in
        try canonical(store.reportEvents(from: day("2026-06-01"), to: day("2026-08-10"), detailedFrom: day("2026-01-01")))
    },
    StoreQuestion(name: "a digest's events, none listed") { store in
        try canonical(store.reportEvents(from: day("2026-06-01"), to: day("2026-08-10"), detailedFrom: day("2026-09-01")))
    },
    StoreQuestion(name: "a digest's events, an empty window") { store in
        try canonical(store.reportEvents(from: day("2026-08-10"), to: day("2026-06-01"), detailedFrom: day("2026-07-20")))
    },
    StoreQuestion(name: "events counted for trends") { store in
        var seen: [String] = []
        try store.forEachEventToCount(firstSeenFrom: .distantPast, to: .distantFuture) { event in
            seen.append("\(event.type.rawValue) \(event.firstSeen.timeIntervalSince1970) \(event.actor ?? "-") \(event.targets) \(event.countries)")
        }
        return seen.joined(separator: "\n")
    },
    StoreQuestion(name: "companies") { try canonical($0.companies(since: nil, limit: nil)) },
    StoreQuestion(name: "companies since a date, limited") { try canonical($0.companies(since: day("2026-07-15"), limit: 5)) },
    StoreQuestion(name: "watch items") { try canonical($0.watchItems(from: nil, to: nil)) },
    StoreQuestion(name: "watch items in a window") { try canonical($0.watchItems(from: day("2026-07-10"), to: day("2026-07-25"))) },
    StoreQuestion(name: "event counts") { store in
        let counts = try store.eventCounts()
        return "\(counts.events) \(counts.mentions) \(counts.watchItems)"
    },
    StoreQuestion(name: "alerts") { store in try String(store.wasAlerted(store.events(matching: EventQuery()).first?.id ?? "")) },
]

/// Search ranks with BM25 on SQLite and with cover density on PostgreSQL: the hits, their events and outlets must be
/// the same; their order and snippets may differ.
let searches = ["ban", "vpn AND russia", "\"app store\" NOT apple", "block*", "montana OR denmark", "Garante", "nosuchwordanywhere"]

func hitSet(_ store: any StoreReading, _ query: String) throws -> String {
    var search = ArticleSearch(query: query)
    search.limit = 100
    let hits = try store.searchArticles(search).map { hit -> String in
        "\(hit.articleId) \(hit.title ?? "") \(hit.outlet ?? "") \(hit.url ?? "") \(hit.events.map { "\($0.type.rawValue):\($0.id)" })"
    }
    return hits.sorted().joined(separator: "\n")
}

@Suite("The store conformance suite: SQLite and its PostgreSQL copy answer alike",
       .enabled(if: PostgresTestServer.available, PostgresTestServer.skipMessage))
struct StoreConformanceTests {
    func stores() throws -> SampleStores { try SampleStores.shared.get() }

    @Test("store copy into PostgreSQL copies every table and verifies its counts")
    func copyCounts() throws {
        let stores = try stores()
        #expect(stores.report.rows["event"] ?? 0 > 0)
        #expect(stores.report.rows["article"] ?? 0 > 0)
        #expect(stores.report.rows["mention"] ?? 0 > 0)
        let stats = try stores.postgres.stats()
        let reference = try stores.sqlite.stats()
        #expect(stats.articles == reference.articles && stats.events == reference.events && stats.mentions == reference.mentions)
    }

    @Test("both engines give the same answer", arguments: questions)
    func sameAnswer(_ question: StoreQuestion) throws {
        let stores = try stores()
        let sqlite = try question.ask(stores.sqlite)
        let postgres = try question.ask(stores.postgres)
        #expect(postgres == sqlite)
    }

    @Test("search finds the same articles on both engines", arguments: searches)
    func sameHits(_ query: String) throws {
        let stores = try stores()
        #expect(try hitSet(stores.postgres, query) == hitSet(stores.sqlite, query))
    }

    @Test("the samples hold something for each question to find")
    func questionsAreNotEmpty() throws {
        let store = try stores().postgres
        #expect(!(try store.events(matching: eventQuery { $0.entities = ["bytedance"]; $0.limit = 5 })).isEmpty)
        #expect(!(try store.companies(since: nil, limit: nil)).isEmpty)
        #expect(!(try store.watchItems(from: nil, to: nil)).isEmpty)
        #expect(!(try store.articles(articleQuery { $0.duplicatesOnly = true })).isEmpty)
        #expect(!(try hitSet(store, "vpn AND russia")).isEmpty)
        #expect(try store.events(matching: EventQuery()).contains { !$0.related.isEmpty })
    }

    @Test("a PostgreSQL store copied back into SQLite answers as the original")
    func roundTrip() throws {
        let stores = try stores()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-back-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let back = try RegWatchStore(path: path)
        let report = try StoreCopy.copy(from: stores.postgres, to: back)
        #expect(report == stores.report)
        for question in questions {
            #expect(try question.ask(back) == question.ask(stores.sqlite), "\(question.name)")
        }
        for query in searches {
            // The full-text index was rebuilt: the same hits, in BM25's order too.
            var search = ArticleSearch(query: query)
            search.limit = 100
            #expect(try canonical(back.searchArticles(search)) == canonical(stores.sqlite.searchArticles(search)), "\(query)")
        }
    }
}
