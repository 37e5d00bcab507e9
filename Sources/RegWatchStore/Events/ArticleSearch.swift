// Search: full-text search over articles (`regwatch search`).
import Foundation
import GRDB
import RegWatchCore

/// Filters of `regwatch search`.
public struct ArticleSearch: Sendable, Hashable {
    public var query: String
    public var since: Date?
    public var until: Date?
    /// Feed URL (as fetched or as listed).
    public var feed: String?
    public var limit = 20
    public init(query: String) { self.query = query }
}

/// One ranked article of `regwatch search`.
public struct SearchHit: Sendable, Hashable, Codable {
    public init(articleId: Int64, title: String?, url: String?, outlet: String?, published: Date?, snippet: String,
                score: Double, events: [EventRef]) {
        self.articleId = articleId
        self.title = title
        self.url = url
        self.outlet = outlet
        self.published = published
        self.snippet = snippet
        self.score = score
        self.events = events
    }

    public struct EventRef: Sendable, Hashable, Codable {
        public init(id: String, type: EventKind, actor: String?) {
            self.id = id
            self.type = type
            self.actor = actor
        }

        public var id: String
        public var type: EventKind
        public var actor: String?
    }
    public var articleId: Int64
    public var title: String?
    public var url: String?
    public var outlet: String?
    public var published: Date?
    public var snippet: String
    public var score: Double
    public var events: [EventRef]

    enum CodingKeys: String, CodingKey {
        case title, url, outlet, published, snippet, score, events
        case articleId = "article_id"
    }
}

extension RegWatchStore {
    /// Full-text search over articles (FTS5, ranked by bm25), with a snippet and the events of each hit.
    public func searchArticles(_ search: ArticleSearch) throws -> [SearchHit] {
        try read { db in
            var clauses = ["articleFTS MATCH ?"]
            var arguments: StatementArguments = [search.query]
            if let since = search.since { clauses.append("COALESCE(a.published, a.firstSeenAt) >= ?"); arguments += [since] }
            if let until = search.until { clauses.append("COALESCE(a.published, a.firstSeenAt) < ?"); arguments += [until] }
            if let feed = search.feed { clauses.append("(f.url = ? OR f.listedURL = ?)"); arguments += [feed, feed] }
            let sql = """
                SELECT a.id, a.title, a.canonicalURL, a.published, COALESCE(f.title, f.url) AS outlet,
                       snippet(articleFTS, -1, '[', ']', '…', 16) AS snip, bm25(articleFTS) AS score
                FROM articleFTS JOIN article a ON a.id = articleFTS.rowid JOIN feed f ON f.id = a.feedId
                WHERE \(clauses.joined(separator: " AND ")) ORDER BY rank LIMIT \(max(0, search.limit))
                """
            var hits = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                SearchHit(articleId: row["id"], title: row["title"], url: row["canonicalURL"], outlet: row["outlet"],
                          published: row["published"], snippet: row["snip"] ?? "", score: -(row["score"] as Double? ?? 0), events: [])
            }
            let statement = try db.cachedStatement(sql: """
                SELECT DISTINCT e.id, e.type, e.actor FROM mention m JOIN event e ON e.id = m.eventId WHERE m.articleId = ? ORDER BY e.id
                """)
            for i in hits.indices {
                hits[i].events = try Row.fetchAll(statement, arguments: [hits[i].articleId]).map { row in
                    SearchHit.EventRef(id: row["id"], type: try Self.decode(EventKind.self, row, "type", table: "event", id: row["id"]),
                                       actor: row["actor"])
                }
            }
            return hits
        }
    }
}
