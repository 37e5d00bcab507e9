import Foundation
import GRDB

/// One stored article as `regwatch articles` prints it.
public struct ArticleListing: Codable, Sendable, Hashable {
    public init(id: Int64, feed: String, guid: String?, canonicalURL: String?, title: String?, published: Date?,
                firstSeen: Date, duplicateOf: DuplicateLink?, duplicateReason: String?) {
        self.id = id
        self.feed = feed
        self.guid = guid
        self.canonicalURL = canonicalURL
        self.title = title
        self.published = published
        self.firstSeen = firstSeen
        self.duplicateOf = duplicateOf
        self.duplicateReason = duplicateReason
    }

    public struct DuplicateLink: Codable, Sendable, Hashable {
        public init(id: Int64, url: String?) {
            self.id = id
            self.url = url
        }

        public var id: Int64
        public var url: String?
    }
    public var id: Int64
    public var feed: String
    public var guid: String?
    public var canonicalURL: String?
    public var title: String?
    public var published: Date?
    public var firstSeen: Date
    public var duplicateOf: DuplicateLink?
    public var duplicateReason: String?

    enum CodingKeys: String, CodingKey {
        case id, feed, guid, title, published
        case canonicalURL = "canonical_url"
        case firstSeen = "first_seen"
        case duplicateOf = "duplicate_of"
        case duplicateReason = "duplicate_reason"
    }
}

/// Filters of `regwatch articles`.
public struct ArticleQuery: Sendable {
    public var feedURL: String?
    public var since: Date?
    public var until: Date?
    /// An FTS5 query over title and text.
    public var search: String?
    public var duplicatesOnly = false
    public var limit: Int?
    public init() {}
}

/// Counts of `regwatch stats` (`shared/contracts/events-json.md`).
public struct StoreStats: Codable, Sendable, Hashable {
    public init(feeds: Int, feedsFailing: Int, articles: Int, duplicateArticles: Int, events: Int, mentions: Int,
                watchItems: Int, lastPull: Date?, storeBytes: Int) {
        self.feeds = feeds
        self.feedsFailing = feedsFailing
        self.articles = articles
        self.duplicateArticles = duplicateArticles
        self.events = events
        self.mentions = mentions
        self.watchItems = watchItems
        self.lastPull = lastPull
        self.storeBytes = storeBytes
    }

    public var feeds: Int
    public var feedsFailing: Int
    public var articles: Int
    public var duplicateArticles: Int
    public var events: Int
    public var mentions: Int
    public var watchItems: Int
    public var lastPull: Date?
    public var storeBytes: Int

    enum CodingKeys: String, CodingKey {
        case feeds, articles, events, mentions
        case feedsFailing = "feeds_failing"
        case duplicateArticles = "duplicate_articles"
        case watchItems = "watch_items"
        case lastPull = "last_pull"
        case storeBytes = "store_bytes"
    }
}

/// A feed's health for `regwatch feeds status`.
public struct FeedHealth: Sendable, Hashable {
    public init(feed: FeedRecord, articles: Int, articlesPerWeek: Double) {
        self.feed = feed
        self.articles = articles
        self.articlesPerWeek = articlesPerWeek
    }

    public var feed: FeedRecord
    public var articles: Int
    /// Articles per week over the last four weeks (by publication date, else first seen).
    public var articlesPerWeek: Double
}

extension RegWatchStore {
    public func articles(_ query: ArticleQuery) throws -> [ArticleListing] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let url = query.feedURL { clauses.append("f.url = ?"); arguments += [url] }
            if let since = query.since { clauses.append("COALESCE(a.published, a.firstSeenAt) >= ?"); arguments += [since] }
            if let until = query.until { clauses.append("COALESCE(a.published, a.firstSeenAt) < ?"); arguments += [until] }
            if query.duplicatesOnly { clauses.append("a.duplicateOfId IS NOT NULL") }
            if let search = query.search {
                clauses.append("a.id IN (SELECT rowid FROM articleFTS WHERE articleFTS MATCH ?)")
                arguments += [search]
            }
            var sql = """
                SELECT a.id, f.url AS feedURL, a.guid, a.canonicalURL, a.title, a.published, a.firstSeenAt,
                       a.duplicateOfId, a.duplicateReason, d.canonicalURL AS duplicateURL
                FROM article a JOIN feed f ON f.id = a.feedId LEFT JOIN article d ON d.id = a.duplicateOfId
                """
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += " ORDER BY COALESCE(a.published, a.firstSeenAt) DESC, a.id DESC"
            if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ArticleListing(
                    id: row["id"], feed: row["feedURL"], guid: row["guid"], canonicalURL: row["canonicalURL"],
                    title: row["title"], published: row["published"], firstSeen: row["firstSeenAt"],
                    duplicateOf: (row["duplicateOfId"] as Int64?).map { .init(id: $0, url: row["duplicateURL"]) },
                    duplicateReason: row["duplicateReason"])
            }
        }
    }

    public func stats() throws -> StoreStats {
        let bytes = [path, path + "-wal"].reduce(0) { sum, file in
            sum + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
        return try read { db in
            StoreStats(
                feeds: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feed") ?? 0,
                feedsFailing: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feed WHERE lastError IS NOT NULL") ?? 0,
                articles: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0,
                duplicateArticles: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article WHERE duplicateOfId IS NOT NULL") ?? 0,
                // The event tables come with migration v3 (issue 6); 0 before it.
                events: try db.tableExists("event") ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0 : 0,
                mentions: try db.tableExists("mention") ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention") ?? 0 : 0,
                watchItems: try db.tableExists("watchMention") ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM watchMention") ?? 0 : 0,
                lastPull: try Date.fetchOne(db, sql: "SELECT MAX(endedAt) FROM pullRun"),
                storeBytes: bytes)
        }
    }

    public func health(now: Date = Date()) throws -> [FeedHealth] {
        try read { db in
            let since = now.addingTimeInterval(-28 * 86_400)
            let feeds = try FeedRecord.order(Column("id")).fetchAll(db)
            return try feeds.map { feed in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article WHERE feedId = ?", arguments: [feed.id]) ?? 0
                let recent = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM article WHERE feedId = ? AND COALESCE(published, firstSeenAt) >= ?
                    """, arguments: [feed.id, since]) ?? 0
                return FeedHealth(feed: feed, articles: total, articlesPerWeek: Double(recent) / 4)
            }
        }
    }

    /// Refreshes the query planner's statistics where writes changed the tables enough to matter (`PRAGMA optimize`,
    /// with `analysis_limit` bounding the rows each table's analysis reads), so that the company, time and search
    /// queries keep their plans as the store grows. A pull calls it once at its end; it costs little when nothing
    /// changed.
    public func optimize() throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA analysis_limit = 1000")
            try db.execute(sql: "PRAGMA optimize")
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }
}
