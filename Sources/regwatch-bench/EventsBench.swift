import ArgumentParser
import Foundation
import GRDB
import RegWatchCore
import RegWatchExtract
import RegWatchFetch
import RegWatchIngest
import RegWatchPipeline
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

        var rng = SplitMix64(seed: 11)
        // --company: names drawn like the generator draws them (popular names more often).
        let companyTimes = try (0..<runs).map { _ -> Double in
            var query = EventQuery()
            query.entities = [names[Self.zipf(names.count, &rng)].lowercased()]
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
        let companyListTimes = try (0..<10).map { _ in try time { _ = try db.companies() } }
        report("companies", companyListTimes, target: 500)

        guard !skipPull else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-events-bench-feeds-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = try writeFeeds(into: folder, names: names)
        let emptyPath = folder.appendingPathComponent("empty.sqlite").path
        let intoEmpty = try await pull(feeds, store: try RegWatchStore(path: emptyPath))
        let intoBig = try await pull(feeds, store: db)
        print(String(format: "pull %d new articles: empty store %.2f s, 1M-event store %.2f s: %.2fx (target <= 1.5x: %@)",
                     pullArticles, intoEmpty, intoBig, intoBig / intoEmpty, intoBig / intoEmpty <= 1.5 ? "met" : "MISSED"))
        print("store after the pull: \(Self.megabytes(path)) MB")
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

    /// Pulls the feeds (local files) with the real puller, then extracts and merges; returns seconds.
    func pull(_ feeds: [FeedSource], store: RegWatchStore) async throws -> Double {
        let started = Date()
        var options = PullOptions()
        options.force = true
        options.jobs = 4
        try await FeedFetcher.withFetcher(policy: options.policy) { fetcher in
            let puller = FeedPuller(store: store, fetcher: fetcher, options: options) { bytes, url, type in
                FeedParser.parse(bytes, url: url, contentType: type)
            }
            _ = try await puller.pull(feeds)
        }
        let indexer = EventIndexer(store: store, extractor: try EventExtractor.bundled())
        let report = try await indexer.indexPending(alertableBefore: started)
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "  pulled into %@: %d articles extracted, %d mentions in %.2f s", store.path, report.articles,
                     report.mentions, seconds))
        return seconds
    }

    // MARK: Generation

    func generate(path: String, names: [String]) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -200000")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        let types = EventKind.allCases.map(\.rawValue)
        let statuses = ["in_effect", "in_effect", "in_effect", "planned", "proposed"]
        let countries = ["US", "CN", "EU", "GB", "IN", "RU", "JP", "KR", "DE", "FR"]
        let products = (0..<500).map { "Product \($0)" }
        let start = Date(timeIntervalSince1970: 1_688_169_600)  // 2023-07-01
        let span = 3.0 * 365 * 86_400
        var rng = SplitMix64(seed: 5)
        try queue.inDatabase { db in
            try db.execute(sql: "BEGIN")
            let feeds = 200
            let feedStatement = try db.makeStatement(sql: "INSERT INTO feed (url, listedURL, title, createdAt) VALUES (?, ?, ?, ?)")
            for f in 0..<feeds {
                let url = "https://outlet\(f).example/feed.xml"
                try feedStatement.execute(arguments: [url, url, "Outlet \(f)", start])
            }
            let article = try db.makeStatement(sql: """
                INSERT INTO article (id, feedId, identity, guid, canonicalURL, title, published, firstSeenAt, text, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let extraction = try db.makeStatement(sql: "INSERT INTO articleExtraction (articleId, contentHash) VALUES (?, ?)")
            var articleDates = [Double](repeating: 0, count: articles + 1)
            for a in 1...articles {
                let feed = Int(rng.next() % UInt64(feeds)) + 1
                let at = start.addingTimeInterval(Double(a) / Double(articles) * span)
                articleDates[a] = at.timeIntervalSince1970
                let title = (0..<8).map { _ in Self.vocabulary[Int(rng.next() % UInt64(Self.vocabulary.count))] }.joined(separator: " ")
                let text = (0..<40).map { _ in Self.vocabulary[Int(rng.next() % UInt64(Self.vocabulary.count))] }.joined(separator: " ")
                try article.execute(arguments: [a, feed, "guid:\(a)", "\(a)", "https://outlet\(feed).example/a/\(a)", title, at, at,
                                                text, "h\(a)"])
                try extraction.execute(arguments: [a, "h\(a)"])
            }
            let event = try db.makeStatement(sql: """
                INSERT INTO event (id, type, actorKey, status, actor, targets, product, countries, method, evidence, confidence,
                    firstSeen, lastSeen, sourceCount, statusHistory) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, 0.8, ?, ?, ?, ?)
                """)
            let entity = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO eventEntity (entity, lastSeen, eventId, role, name, type) VALUES (?, ?, ?, ?, ?, ?)
                """)
            let mention = try db.makeStatement(sql: """
                INSERT INTO mention (articleId, extractedFromId, ordinal, type, status, actor, actorKey, targets, product, countries,
                    method, evidence, confidence, at, stableKey, eventId)
                VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, '[]', ?, 0.8, ?, ?, ?)
                """)
            for e in 0..<events {
                let type = types[Int(rng.next() % UInt64(types.count))]
                let status = statuses[Int(rng.next() % UInt64(statuses.count))]
                let actor = names[Self.zipf(names.count, &rng)]
                var targets = [names[Self.zipf(names.count, &rng)]]
                if rng.next() % 2 == 0 { targets.append(names[Self.zipf(names.count, &rng)]) }
                targets = Array(Set(targets).subtracting([actor])).sorted()
                let product = rng.next() % 3 == 0 ? products[Int(rng.next() % UInt64(products.count))] : nil
                let country = "[\"\(countries[Int(rng.next() % UInt64(countries.count))])\"]"
                let id = String(format: "ev_%016llx", rng.next())
                let firstArticle = Int(rng.next() % UInt64(articles - 10)) + 1
                let sources = (0..<mentionsPerEvent).map { firstArticle + $0 * 3 }
                let first = Date(timeIntervalSince1970: articleDates[sources.first!])
                let last = Date(timeIntervalSince1970: articleDates[sources.last!])
                let evidence = "\(actor) \(type == "ban" ? "banned" : "acted against") \(targets.joined(separator: " and "))."
                let targetsJSON = "[" + targets.map { "\"\($0)\"" }.joined(separator: ",") + "]"
                try event.execute(arguments: [id, type, actor.lowercased(), status, actor, targetsJSON, product, country, evidence,
                                              first, last, mentionsPerEvent,
                                              "[{\"status\":\"\(status)\",\"at\":\(first.timeIntervalSince1970)}]"])
                try entity.execute(arguments: [actor.lowercased(), last, id, "actor", actor, type])
                for t in targets { try entity.execute(arguments: [t.lowercased(), last, id, "target", t, type]) }
                if let product { try entity.execute(arguments: [product.lowercased(), last, id, "product", product, type]) }
                for (k, a) in sources.enumerated() {
                    try mention.execute(arguments: [a, a, type, status, actor, actor.lowercased(), targetsJSON, product, country,
                                                    evidence, Date(timeIntervalSince1970: articleDates[a]),
                                                    "https://outlet.example|guid:\(a)|\(String(format: "%04d", k))", id])
                }
            }
            try db.execute(sql: """
                INSERT INTO entityStat (entity, type, role, name, count)
                SELECT entity, type, role, MIN(name), COUNT(*) FROM eventEntity WHERE role != 'product' GROUP BY entity, type, role
                """)
            try db.execute(sql: "COMMIT")
            try db.execute(sql: "ANALYZE")
        }
    }

    /// Names of the bundled entity list's companies, then generated ones: 5,000 in all.
    static func entityNames() -> [String] {
        let bundled = ((try? EntityList.bundled())?.records ?? []).filter { $0.kind == .company }.map(\.name)
        return bundled + (0..<(5000 - bundled.count)).map { "Company \($0)" }
    }

    /// A rank in 0..<n, small ranks far more often (a rough Zipf draw).
    static func zipf(_ n: Int, _ rng: inout SplitMix64) -> Int {
        let u = Double(rng.next() % 1_000_000 + 1) / 1_000_001
        return min(n - 1, Int(pow(Double(n), u)) - 1)
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
                items.append(["id": "bench-\(f)-\(i)", "url": "https://new\(f).example/\(i)", "title": "\(a) and \(b)",
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
