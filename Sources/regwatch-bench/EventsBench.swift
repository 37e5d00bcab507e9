import ArgumentParser
import Foundation
import GRDB
import RegWatchCore
import RegWatchExtract
import RegWatchFeedList
import RegWatchFetch
import RegWatchIngest
import RegWatchPipeline
import RegWatchPostgres
import RegWatchStore

/// `regwatch-bench events`: issue 6's figures on a generated store of 1,000,000 events, 3,000,000 mentions and
/// 500,000 articles.
///
/// 1. Builds the store (bulk INSERTs with prepared statements in one transaction) and prints its size.
/// 2. Times `events --company X` (the store query the command runs, 50 newest events with their sources), `search`
///    (FTS5, 20 hits with snippets and events) and `companies`, and prints p50/p95 against the targets.
/// 3. Pulls the same 10,000 new articles (100 local JSON feeds, events in their text) into an empty store and into
///    the big one, extraction and merging included, and prints the ratio.
struct EventsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Event queries on a 1M-event store, and pulling 10,000 articles into it versus an empty store.",
        discussion: """
            Targets (issue 6): events --company p95 < 20 ms, search p95 < 50 ms, companies < 500 ms; pulling \
            10,000 new articles into the big store takes at most 1.5x as long as into an empty one.

            Example: swift run -c release regwatch-bench events --store /tmp/events-bench.sqlite
            """)

    @Option(help: "Events to generate.") var events = 1_000_000
    @Option(name: .customLong("mentions-per-event"), help: "Mentions per event.") var mentionsPerEvent = 3
    @Option(help: "Articles to generate.") var articles = 500_000
    @Option(help: "Where to build the store (reused when it already holds the events).") var store: String?
    @Option(name: .customLong("pull-articles"), help: "New articles pulled in the pull comparison.") var pullArticles = 10_000
    @Option(help: "Timed runs per query.") var runs = 200
    @Flag(name: .customLong("skip-pull"), help: "Skip the pull comparison.") var skipPull = false
    @Option(help: ArgumentHelp("Also copy the store into this empty PostgreSQL database (reused when it already holds the "
                               + "events) and time the same queries there, beside SQLite's (issue 15).", valueName: "url"))
    var postgres: String?

    func run() async throws {
        let path = store ?? FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-events-bench.sqlite").path
        let names = Self.entityNames()
        let regwatch = try RegWatchStore(path: path)
        let existing = try regwatch.eventCounts().events
        if existing < events {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            _ = try RegWatchStore(path: path)
            let started = Date()
            try generate(path: path, names: names)
            print(String(format: "generated %d events, %d mentions, %d articles in %.1f s", events, events * mentionsPerEvent,
                         articles, Date().timeIntervalSince(started)))
        } else {
            print("reusing \(path): \(existing) events")
        }
        let db = try RegWatchStore(path: path)
        let counts = try db.eventCounts()
        print("store: \(path), \(Self.megabytes(path)) MB (\(counts.events) events, \(counts.mentions) mentions)")

        try timeQueries(db, names: names)
        print("load average \(loadAverage())")
        if let postgres {
            let url = try PostgresURL(postgres)
            let pg = try PostgresStore(url: url, migrate: true)
            if try pg.eventCounts().events < counts.events {
                let started = Date()
                let report = try StoreCopy.copy(from: db, to: pg) { table, rows in print("  copied \(table): \(rows) rows") }
                print(String(format: "store copy into %@: %d rows in %.1f s, counts verified", url.description, report.total,
                             Date().timeIntervalSince(started)))
            } else {
                print("reusing \(url): \(try pg.eventCounts().events) events")
            }
            try timeQueries(pg, names: names)
            print("load average \(loadAverage())")
            // Search ranks every match with its text search vector, read from the article table: whether that table
            // fits the server's buffer cache decides the search figure, so it is printed beside it.
            let cache = try pg.searchCacheReport()
            print("server: shared_buffers \(cache.sharedBuffers); article table with its vectors and indexes \(cache.articleTable)")
        }

        guard !skipPull else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-events-bench-feeds-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = try writeFeeds(into: folder, names: names)
        let emptyPath = folder.appendingPathComponent("empty.sqlite").path
        let intoEmpty = try await pull(feeds, store: try RegWatchStore(path: emptyPath))
        // Into a copy of the big store, so that every run pulls into the same store: pulled into the store itself, a
        // run left its mentions on the store's events, and the next run's merges read more of them (each run slower).
        let bigCopy = folder.appendingPathComponent("big.sqlite").path
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: bigCopy + suffix)
        }
        let intoBig = try await pull(feeds, store: try RegWatchStore(path: bigCopy))
        // CPU time (user + system) is the fairer figure on a shared machine; wall time is printed beside it.
        let ratio = intoBig.cpu / intoEmpty.cpu
        print(String(format: "pull %d new articles: empty store %.2f s CPU (%.2f s wall), 1M-event store %.2f s CPU (%.2f s wall): "
                     + "%.2fx CPU, %.2fx wall (target <= 1.5x: %@)", pullArticles, intoEmpty.cpu, intoEmpty.wall, intoBig.cpu,
                     intoBig.wall, ratio, intoBig.wall / intoEmpty.wall, ratio <= 1.5 ? "met" : "MISSED"))
        print("copy after the pull: \(Self.megabytes(bigCopy)) MB; load average \(loadAverage())")
    }

    /// Times the store queries of issue 6's and issue 15's targets on `store`, whichever its engine; prints each line
    /// with the engine's name, so a run with `--postgres` reports both engines' figures side by side.
    func timeQueries(_ db: any StoreReading, names: [String]) throws {
        print("\(db.engine.rawValue):")
        var rng = SplitMix64(seed: 11)
        // --company: names drawn like the generator draws them (popular names more often).
        let companyTimes = try (0..<runs).map { _ -> Double in
            var query = EventQuery()
            query.entities = [names[rng.zipf(names.count)].lowercased()]
            query.limit = 50
            return try time { _ = try db.events(matching: query) }
        }
        report("events --company X --limit 50", companyTimes, target: 20)
        let words = Self.vocabulary
        let searchTimes = try (0..<runs).map { i -> Double in
            let q = i % 2 == 0 ? words[Int(rng.next() % UInt64(words.count))]
                : "\(words[Int(rng.next() % UInt64(words.count))]) \(words[Int(rng.next() % UInt64(words.count))])"
            return try time { _ = try db.searchArticles(ArticleSearch(query: q)) }
        }
        report("search QUERY (20 hits)", searchTimes, target: 50)
        let companyListTimes = try (0..<10).map { _ in try time { _ = try db.companies(since: nil, limit: nil) } }
        report("companies", companyListTimes, target: 500)
        // A week's digest reads what `regwatch digest` reads: the events first seen in its 8-week trend window
        // (counted), those of the week in full with their sources and links, and the week's watch items.
        var latest = Date.distantPast
        try db.forEachEventToCount(firstSeenFrom: .distantPast, to: .distantFuture) { latest = max(latest, $0.firstSeen) }
        let digestTimes = try (0..<10).map { i -> Double in
            let weekEnd = latest.addingTimeInterval(-Double(i * 7 * 86_400))
            let weekStart = weekEnd.addingTimeInterval(-7 * 86_400)
            let trendStart = weekEnd.addingTimeInterval(-8 * 7 * 86_400)
            return try time {
                var counted = 0
                try db.forEachEventToCount(firstSeenFrom: trendStart, to: weekEnd) { _ in counted += 1 }
                _ = try db.reportEvents(from: trendStart, to: weekEnd, detailedFrom: weekStart)
                _ = try db.watchItems(from: weekStart, to: weekEnd)
            }
        }
        report("digest of a week", digestTimes, target: 1000)
    }

    func report(_ label: String, _ times: [Double], target: Double) {
        let sorted = times.sorted()
        let p50 = sorted[sorted.count / 2] * 1000
        let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))] * 1000
        let measure = sorted.count >= 20 ? p95 : sorted.last! * 1000
        print(String(format: "%-32@ p50 %7.2f ms  p95 %7.2f ms  (target %@ < %.0f ms: %@)", label as NSString, p50, p95,
                     sorted.count >= 20 ? "p95" : "max", target, measure < target ? "met" : "MISSED"))
    }

    func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Pulls the feeds (local files) with the real puller, then extracts and merges; returns CPU and wall seconds.
    func pull(_ feeds: [FeedSource], store: RegWatchStore) async throws -> (cpu: Double, wall: Double) {
        let started = Date()
        let cpuStart = cpuSeconds()
        var options = PullOptions()
        options.force = true
        options.jobs = 4
        try await FeedFetcher.withFetcher(policy: options.policy) { fetcher in
            let puller = FeedPuller(store: store, fetcher: fetcher, options: options)
            _ = try await puller.pull(feeds)
        }
        let stored = Date().timeIntervalSince(started)
        let cpuStored = cpuSeconds() - cpuStart
        let indexer = EventIndexer(store: store, extractor: try EventExtractor.bundled())
        let report = try await indexer.indexPending(alertableBefore: started)
        let seconds = Date().timeIntervalSince(started)
        let cpu = cpuSeconds() - cpuStart
        print(String(format: "  pulled into %@: %d articles extracted, %d mentions in %.2f s wall, %.2f s CPU (feeds stored: "
                     + "%.2f s wall, %.2f s CPU; extracted and merged: %.2f s wall, %.2f s CPU)", store.path, report.articles,
                     report.mentions, seconds, cpu, stored, cpuStored, seconds - stored, cpu - cpuStored))
        return (cpu, seconds)
    }

    // MARK: Generation

    /// Generates the store inside SQLite (recursive CTEs, one transaction): Swift-side row-by-row inserts would
    /// take far longer than the queries they exist to measure. Names are drawn with a skew (popular names far more
    /// often), targets and products from hashes of the row number, so every run builds the same store.
    func generate(path: String, names: [String]) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -400000")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        let n = names.count
        try queue.inDatabase { db in
            try db.execute(sql: "BEGIN")
            // Each name with the key merging compares actors by (`PartyResolver`), as a pull would store it.
            let parties = PartyResolver((try? EntityList.bundled()) ?? EntityList(records: []))
            try db.execute(sql: "CREATE TEMP TABLE benchName (rank INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL)")
            let nameStatement = try db.makeStatement(sql: "INSERT INTO benchName (rank, name, key) VALUES (?, ?, ?)")
            for (i, name) in names.enumerated() { try nameStatement.execute(arguments: [i, name, parties.actorKey(name)]) }
            try db.execute(sql: "CREATE TEMP TABLE benchWord (id INTEGER PRIMARY KEY, word TEXT NOT NULL)")
            let wordStatement = try db.makeStatement(sql: "INSERT INTO benchWord (id, word) VALUES (?, ?)")
            for (i, word) in Self.vocabulary.enumerated() { try wordStatement.execute(arguments: [i, word]) }
            let words = Self.vocabulary.count
            let start = 1_688_169_600.0  // 2023-07-01
            let span = 3.0 * 365 * 86_400
            try db.execute(sql: """
                INSERT INTO feed (url, listedURL, title, createdAt)
                WITH RECURSIVE f(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM f WHERE i < 199)
                SELECT 'https://outlet' || i || '.example/feed.xml', 'https://outlet' || i || '.example/feed.xml',
                       'Outlet ' || i, '2023-07-01 00:00:00.000' FROM f
                """)
            // Article text: 40 words picked by hashes of the row number.
            let picks = (1...40).map { k in
                "(SELECT word FROM benchWord WHERE id = (a.i * \(k * 7919 + 13) + \(k * k)) % \(words))"
            }.joined(separator: " || ' ' || ")
            let titlePicks = (1...8).map { k in
                "(SELECT word FROM benchWord WHERE id = (a.i * \(k * 104_729 + 7)) % \(words))"
            }.joined(separator: " || ' ' || ")
            try db.execute(sql: """
                INSERT INTO article (id, feedId, identity, guid, canonicalURL, title, published, firstSeenAt, text, contentHash)
                WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < \(articles))
                SELECT a.i, (a.i * 7) % 200 + 1, 'guid:' || a.i, a.i, 'https://outlet.example/a/' || a.i, \(titlePicks),
                       strftime('%Y-%m-%d %H:%M:%f', \(start) + a.i * \(span / Double(articles)), 'unixepoch'),
                       strftime('%Y-%m-%d %H:%M:%f', \(start) + a.i * \(span / Double(articles)), 'unixepoch'),
                       \(picks), 'h' || a.i
                FROM a
                """)
            // The full-text index, as a pull fills it (since migration v5 no trigger adds new articles).
            try db.execute(sql: "INSERT INTO articleFTS(rowid, title, text) SELECT id, title, text FROM article")
            try db.execute(sql: "INSERT INTO articleExtraction (articleId, contentHash) SELECT id, contentHash FROM article")
            // Events: actor and targets by a skewed rank (the product of two uniform draws), three mentions each in
            // articles close in time.
            try db.execute(sql: """
                CREATE TEMP TABLE benchEvent AS
                WITH RECURSIVE e(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM e WHERE i < \(events))
                SELECT i, printf('ev_%016x', i * 2654435761) AS id,
                       (i * 40503) % 10 AS typeIndex,
                       ((i * 2654435761) % \(n)) * ((i * 40503 + 17) % \(n)) / \(n) AS actorRank,
                       ((i * 69069) % \(n)) * ((i * 1103515245 + 12345) % \(n)) / \(n) AS target1,
                       CASE WHEN i % 2 = 0 THEN ((i * 22695477) % \(n)) * ((i * 134775813 + 1) % \(n)) / \(n) END AS target2,
                       CASE WHEN i % 3 = 0 THEN 'Product ' || ((i * 31) % 500) END AS product,
                       (i * 48271) % \(articles - 10) + 1 AS firstArticle
                FROM e
                """)
            let types = EventKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")
            try db.execute(sql: """
                CREATE TEMP TABLE benchType (idx INTEGER PRIMARY KEY, type TEXT);
                INSERT INTO benchType (idx, type) SELECT key, value FROM json_each('[\(types.replacingOccurrences(of: "'", with: "\""))]');
                CREATE TEMP TABLE benchFull AS
                SELECT b.id, t.type, an.name AS actor, an.key AS actorKey, t1.name AS t1, t2.name AS t2, b.product, b.firstArticle,
                       CASE b.i % 5 WHEN 3 THEN 'planned' WHEN 4 THEN 'proposed' ELSE 'in_effect' END AS status,
                       '["' || CASE b.i % 4 WHEN 0 THEN 'US' WHEN 1 THEN 'CN' WHEN 2 THEN 'EU' ELSE 'GB' END || '"]' AS countries,
                       (SELECT published FROM article WHERE id = b.firstArticle) AS firstSeen,
                       (SELECT published FROM article WHERE id = b.firstArticle + \((mentionsPerEvent - 1) * 3)) AS lastSeen
                FROM benchEvent b JOIN benchType t ON t.idx = b.typeIndex JOIN benchName an ON an.rank = b.actorRank
                JOIN benchName t1 ON t1.rank = b.target1 LEFT JOIN benchName t2 ON t2.rank = b.target2;
                """)
            try db.execute(sql: """
                INSERT INTO event (id, type, actorKey, status, actor, targets, product, countries, method, evidence, confidence,
                    firstSeen, lastSeen, sourceCount, statusHistory)
                SELECT id, type, actorKey, status, actor,
                       CASE WHEN t2 IS NULL OR t2 = t1 THEN json_array(t1) ELSE json_array(t1, t2) END, product, countries, '[]',
                       actor || ' acted against ' || t1 || '.', 0.8, firstSeen, lastSeen, \(mentionsPerEvent),
                       json_array(json_object('status', status, 'at', unixepoch(firstSeen)))
                FROM benchFull
                """)
            try db.execute(sql: """
                INSERT OR IGNORE INTO eventEntity (entity, lastSeen, eventId, role, name, type)
                SELECT lower(actor), lastSeen, id, 'actor', actor, type FROM benchFull
                UNION ALL SELECT lower(t1), lastSeen, id, 'target', t1, type FROM benchFull
                UNION ALL SELECT lower(t2), lastSeen, id, 'target', t2, type FROM benchFull WHERE t2 IS NOT NULL AND t2 != t1
                UNION ALL SELECT lower(product), lastSeen, id, 'product', product, type FROM benchFull WHERE product IS NOT NULL
                """)
            try db.execute(sql: """
                INSERT INTO mention (articleId, extractedFromId, ordinal, type, status, actor, actorKey, targets, product, productKey,
                    countries, method, evidence, confidence, at, stableKey, eventId)
                WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < \(mentionsPerEvent - 1))
                SELECT b.firstArticle + k.j * 3, b.firstArticle + k.j * 3, 0, b.type, b.status, b.actor, b.actorKey,
                       json_array(b.t1), b.product, lower(b.product), b.countries, '[]', b.actor || ' acted against ' || b.t1 || '.', 0.8,
                       (SELECT published FROM article WHERE id = b.firstArticle + k.j * 3),
                       'https://outlet.example|guid:' || (b.firstArticle + k.j * 3) || '|' || b.id, b.id
                FROM benchFull b, k
                """)
            try db.execute(sql: """
                INSERT INTO entityStat (entity, type, role, name, count)
                SELECT entity, type, role, MIN(name), COUNT(*) FROM eventEntity WHERE role != 'product' GROUP BY entity, type, role
                """)
            try db.execute(sql: "DROP TABLE benchFull; DROP TABLE benchEvent")
            try db.execute(sql: "COMMIT")
            try db.execute(sql: "ANALYZE")
        }
    }

    /// Names of the bundled entity list's companies, then generated ones: 5,000 in all.
    static func entityNames() -> [String] {
        let bundled = ((try? EntityList.bundled())?.records ?? []).filter { $0.kind == .company }.map(\.name)
        return bundled + (0..<(5000 - bundled.count)).map { "Company \($0)" }
    }


    static let vocabulary: [String] = {
        let base = """
            regulator ban block access app store cloud chips export control data privacy court ruling fine penalty \
            investigation lawsuit vpn proxy subsidiary license model platform users government ministry order \
            security review market company service network telecom operator shutdown policy law bill parliament \
            senate vote approval agency probe antitrust competition merger deal smartphone semiconductor software
            """.split(separator: " ").map(String.init)
        var words = base
        for i in 0..<2000 { words.append("term\(i)") }
        return words
    }()

    /// 100 JSON feeds of `pullArticles` items in all, each stating one event between known companies.
    func writeFeeds(into folder: URL, names: [String]) throws -> [FeedSource] {
        var rng = SplitMix64(seed: 99)
        let companies = Array(names.prefix(40))
        let verbs = ["has blocked", "banned", "is suing", "was fined by", "restricted exports to"]
        var sources: [FeedSource] = []
        let perFeed = max(1, pullArticles / 100)
        for f in 0..<100 {
            var items: [[String: String]] = []
            for i in 0..<perFeed {
                let a = companies[Int(rng.next() % UInt64(companies.count))]
                let b = companies[Int(rng.next() % UInt64(companies.count))]
                let verb = verbs[Int(rng.next() % UInt64(verbs.count))]
                let filler = (0..<60).map { _ in Self.vocabulary[Int(rng.next() % 60)] }.joined(separator: " ")
                let day = 1 + (f * perFeed + i) % 28
                items.append(["id": "bench-\(f)-\(i)", "url": "https://new\(f).example/\(getpid())/\(i)", "title": "\(a) and \(b)",
                              "content_text": "\(a) \(verb) \(b) on Monday, officials said. \(filler).",
                              "date_published": String(format: "2026-06-%02dT12:00:00Z", day)])
            }
            let feed: [String: Any] = ["version": "https://jsonfeed.org/version/1.1", "title": "New outlet \(f)", "items": items]
            let path = folder.appendingPathComponent("feed-\(f).json").path
            try JSONSerialization.data(withJSONObject: feed).write(to: URL(fileURLWithPath: path))
            sources.append(FeedSource(url: path))
        }
        return sources
    }

    static func megabytes(_ path: String) -> Int {
        [path, path + "-wal"].reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) } / 1_048_576
    }
}
