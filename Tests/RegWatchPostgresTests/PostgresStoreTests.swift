import Foundation
import PostgresNIO
import RegWatchPostgres
import RegWatchStore
import Testing

@Suite("PostgreSQL store URLs")
struct PostgresURLTests {
    @Test("reads user, password, host, port and database, and never shows the password")
    func parsesAndRedacts() throws {
        let url = try PostgresURL("postgres://ana:s3cr%40t@db.example:6543/regwatch?sslmode=require", environment: [:])
        #expect(url.user == "ana" && url.password == "s3cr@t" && url.host == "db.example" && url.port == 6543)
        #expect(url.database == "regwatch" && url.tls == .require)
        #expect(url.description == "postgres://ana:***@db.example:6543/regwatch?sslmode=require")
        #expect(!url.description.contains("s3cr"))
    }

    @Test("takes the password from PGPASSWORD and the port 5432 by default")
    func defaults() throws {
        let url = try PostgresURL("postgresql://ana@localhost/news", environment: ["PGPASSWORD": "pw"])
        #expect(url.port == 5432 && url.password == "pw" && url.tls == .disable)
    }

    @Test("refuses a URL without user, host or database, naming what is missing but not the password",
          arguments: [("postgres://:pw@h/db", "no user"), ("postgres://u:pw@/db", "no host"), ("postgres://u:pw@h", "no database"),
                      ("postgres://u:pw@h/db?sslmode=maybe", "sslmode"), ("postgres://u:pw@h/db?pool=4", "unknown parameter")])
    func refuses(_ text: String, _ reason: String) {
        do {
            _ = try PostgresURL(text, environment: [:])
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".contains(reason))
            #expect(!"\(error)".contains(":pw@"))
        }
    }

    @Test("tells a PostgreSQL URL from a SQLite path")
    func tellsEngines() {
        #expect(PostgresURL.isPostgres("postgres://u@h/db") && PostgresURL.isPostgres("POSTGRESQL://u@h/db"))
        #expect(!PostgresURL.isPostgres("Storage/regwatch.sqlite") && !PostgresURL.isPostgres("postgres.sqlite"))
    }
}

@Suite("FTS5 queries in PostgreSQL's tsquery")
struct FullTextQueryTests {
    @Test("translates words, phrases, prefixes and operators", arguments: [
        ("ban", "ban"),
        ("VPN russia", "vpn & russia"),
        ("vpn AND russia", "vpn & russia"),
        ("montana OR denmark", "montana | denmark"),
        ("\"app store\" NOT apple", "(app <-> store) & ! apple"),
        ("block*", "block:*"),
        ("\"chat bot\"*", "(chat <-> bot:*)"),
        ("(ban OR block) AND china", "( ban | block ) & china"),
        ("e-commerce", "(e <-> commerce)"),
    ])
    func translates(_ fts5: String, _ tsquery: String) throws {
        #expect(try FullTextQuery.tsquery(fromFTS5: fts5) == tsquery)
    }

    @Test("refuses what FTS5 refuses", arguments: ["vpn AND", "OR vpn", "NOT vpn", "(vpn", "vpn)", "\"app store", "", "***"])
    func refuses(_ fts5: String) {
        #expect(throws: FullTextQueryError.self) { try FullTextQuery.tsquery(fromFTS5: fts5) }
    }
}

@Suite("The PostgreSQL store", .enabled(if: PostgresTestServer.available, PostgresTestServer.skipMessage))
struct PostgresStoreTests {
    @Test("migrates an empty database to the SQLite store's migrations, once, and a second opening changes nothing")
    func migrations() throws {
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        do {
            #expect(throws: PostgresStoreError.self) { try PostgresStore(url: url, migrate: false) }
            let store = try PostgresStore(url: url, migrate: true)
            defer { store.close() }
            let sqlite = try RegWatchStore()
            #expect(try store.appliedMigrations() == sqlite.appliedMigrations())
        }
        let again = try PostgresStore(url: url, migrate: false)
        defer { again.close() }
        #expect(try again.stats().events == 0)
    }

    @Test("two processes' worth of migrators on one new database apply each migration once")
    func concurrentMigrations() async throws {
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let store = try PostgresStore(url: url, migrate: true)
                    defer { store.close() }
                    return try store.appliedMigrations()
                }
            }
            for try await applied in group { #expect(applied.count == (try RegWatchStore().appliedMigrations()).count) }
        }
    }

    @Test("store copy refuses a target that has rows, and leaves it as it was")
    func copyNeedsEmptyTarget() throws {
        let stores = try SampleStores.shared.get()
        let before = try stores.postgres.stats()
        #expect(throws: PostgresStoreError.self) { try StoreCopy.copy(from: stores.sqlite, to: stores.postgres) }
        var after = try stores.postgres.stats()
        after.storeBytes = before.storeBytes
        #expect(after == before)
    }

    @Test("a stored row with a type regwatch never writes is an error naming the table and row, not a ban")
    func corruptRow() throws {
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        let store = try PostgresStore(url: url, migrate: true)
        defer { store.close() }
        try store.session.execute("""
            INSERT INTO event (id, type, actorKey, status, targets, countries, method, evidence, confidence, firstSeen, lastSeen,
                               sourceCount, statusHistory)
            VALUES ('ev_bad', 'embargo', '', 'in_effect', '[]', '[]', '[]', 'x', 1, now(), now(), 0, '[]')
            """)
        #expect { try store.event(id: "ev_bad") } throws: { error in
            "\(error)".contains("table event, row ev_bad: type 'embargo'")
        }
        // Counted events decode their id only to name a bad row: the error names it all the same.
        #expect { try store.forEachEventToCount(firstSeenFrom: .distantPast, to: .distantFuture) { _ in } } throws: { error in
            "\(error)".contains("table event, row ev_bad: type 'embargo'")
        }
    }

    @Test("removing a feed removes its articles and their mentions")
    func removeFeed() throws {
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        let stores = try SampleStores.shared.get()
        let store = try PostgresStore(url: url, migrate: true)
        defer { store.close() }
        _ = try StoreCopy.copy(from: stores.sqlite, to: store)
        let feed = try #require(try store.feeds().first)
        let articles = try store.articles(articleQuery { $0.feedURL = feed.url }).count
        let before = try store.stats()
        #expect(articles > 0)
        #expect(try store.removeFeed(url: feed.listedURL ?? feed.url))
        #expect(try store.feed(url: feed.url) == nil)
        #expect(try store.stats().articles == before.articles - articles)
        #expect(try !store.removeFeed(url: feed.url))
    }
}

@Suite("Pullers sharing a PostgreSQL store", .enabled(if: PostgresTestServer.available, PostgresTestServer.skipMessage))
struct FeedLeaseTests {
    @Test("two pullers claim disjoint due feeds, a held feed is left to its live puller, and taken over when its lease ran out")
    func leases() throws {
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        let a = try PostgresStore(url: url, migrate: true)
        let b = try PostgresStore(url: url, migrate: false)
        defer { a.close(); b.close() }
        let now = Date()
        let ids = try (0..<5).map { try a.ensureFeed(url: "https://feed\($0).example/rss", tags: [], options: [:], now: now).id! }
        func claim(_ store: PostgresStore, _ limit: Int) throws -> (claimed: [Int64], held: Int) {
            let result = try store.claimFeeds(ids, limit: limit, lease: 60, force: false, dueBy: Date(), runStart: now)
            return (result.claimed.compactMap(\.id), result.heldElsewhere)
        }
        func leaseLeft(_ store: PostgresStore) throws -> Double {
            try store.session.scalar("""
                SELECT EXTRACT(EPOCH FROM MIN(leaseUntil) - now())::float8 FROM feed WHERE leaseOwner = \(store.pullerID)
                """, as: Double.self) ?? -1
        }
        let first = try claim(a, 3)
        let second = try claim(b, 10)
        #expect(first.claimed.count == 3 && second.claimed.count == 2)
        #expect(Set(first.claimed).isDisjoint(with: second.claimed))
        #expect(second.held == 3)
        // A writes one of its feeds, due again in an hour: that ends its lease, and nobody claims it now.
        var written = try #require(try a.feeds().first { $0.id == first.claimed[0] })
        written.nextDueAt = Date().addingTimeInterval(3600)
        try a.save(written)
        #expect(try claim(b, 10).claimed.isEmpty, "A's other two feeds are A's while its leases last")
        // A claim renews the claimer's leases: A's are nearly out, and come back to a full minute.
        try a.session.execute("UPDATE feed SET leaseUntil = now() + interval '1 second' WHERE leaseOwner = \(a.pullerID)")
        #expect(try claim(a, 10).claimed.isEmpty)
        #expect(try leaseLeft(a) > 30)
        // A dies: its leases run out (moved into the past here rather than waited for), and B takes its two
        // unwritten feeds over, never the written one.
        try a.session.execute("UPDATE feed SET leaseUntil = now() - interval '1 second' WHERE leaseOwner = \(a.pullerID)")
        let takeover = try claim(b, 10)
        #expect(Set(takeover.claimed) == Set(first.claimed.dropFirst()))
        #expect(takeover.held == 0)
    }
}
