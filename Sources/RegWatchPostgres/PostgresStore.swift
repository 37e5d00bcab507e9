// The PostgreSQL engine of the store (issue 15): the queries of `StoreReading` in PostgreSQL's SQL, over the schema of
// PostgresMigrations.swift. Each answer is the SQLite store's for the same rows: where the engines differ (collation,
// NULL comparison) the queries say how they are made to agree. One difference stays: search ranks its hits by cover
// density, not BM25 (the hits are the same; `searchArticles`).
import Foundation
import Logging
import PostgresNIO
import RegWatchCore
import RegWatchEvents
import RegWatchStore

/// A store kept in a PostgreSQL database, reached by a `postgres://` URL.
public struct PostgresStore: StoreReading {
    public let session: PostgresSession
    public let url: PostgresURL
    /// Who this store's claims and leases belong to: host, process and a random part (`claimFeeds`).
    public let pullerID: String
    public var engine: StoreEngine { .postgres }
    public var location: String { url.description }

    /// Connects to the database at `url`.
    /// - Parameter migrate: apply missing migrations (`store migrate`, `store copy`); without it, a database that lacks
    ///   one is an error that says how to fix it (the read commands create nothing).
    /// - Throws: `PostgresStoreError` naming the store.
    public init(url: PostgresURL, migrate: Bool) throws {
        self.url = url
        pullerID = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):"
            + UUID().uuidString.prefix(8).lowercased()
        session = try PostgresSession.connect(url)
        do {
            if migrate {
                try PostgresMigrations.migrate(session)
            } else {
                let missing = try PostgresMigrations.missing(session)
                if !missing.isEmpty { throw PostgresStoreError(.notMigrated(missing: missing), location: url.description) }
            }
        } catch {
            session.close()
            throw error
        }
    }

    public func close() { session.close() }

    public func appliedMigrations() throws -> [String] { try PostgresMigrations.applied(session) }

    // MARK: Feeds and articles

    /// The columns of `feed` that `feedRecord` reads, in its order.
    static let feedColumns = """
        id, url, listedURL, title, tags, options, etag, lastModified, bodyChecksum, lastStatus, lastError, errorCount,
        nextDueAt, lastAttemptAt, lastSuccessAt, redirectTarget, redirectCount, redirectNote, active, inactiveReason,
        identityMode, createdAt, ttl, format, cutAt
        """

    func feedRecord(_ row: PostgresRow) throws -> FeedRecord {
        try session.decoding("feed") {
            let cells = row.makeRandomAccess()
            var feed = FeedRecord(url: try cells[1].decode(String.self), createdAt: try cells[21].decode(Date.self))
            feed.id = try cells[0].decode(Int64.self)
            feed.listedURL = try cells[2].decode(String?.self)
            feed.title = try cells[3].decode(String?.self)
            feed.tags = try cells[4].decode(String.self)
            feed.options = try cells[5].decode(String.self)
            feed.etag = try cells[6].decode(String?.self)
            feed.lastModified = try cells[7].decode(String?.self)
            feed.bodyChecksum = try cells[8].decode(String?.self)
            feed.lastStatus = try cells[9].decode(Int?.self)
            feed.lastError = try cells[10].decode(String?.self)
            feed.errorCount = try cells[11].decode(Int.self)
            feed.nextDueAt = try cells[12].decode(Date?.self)
            feed.lastAttemptAt = try cells[13].decode(Date?.self)
            feed.lastSuccessAt = try cells[14].decode(Date?.self)
            feed.redirectTarget = try cells[15].decode(String?.self)
            feed.redirectCount = try cells[16].decode(Int.self)
            feed.redirectNote = try cells[17].decode(String?.self)
            feed.active = try cells[18].decode(Bool.self)
            feed.inactiveReason = try cells[19].decode(String?.self)
            feed.identityMode = try cells[20].decode(String.self)
            feed.ttl = try cells[22].decode(Double?.self)
            feed.format = try cells[23].decode(String?.self)
            feed.cutAt = try cells[24].decode(Int?.self)
            return feed
        }
    }

    public func feeds() throws -> [FeedRecord] {
        try session.rows(PostgresQuery(unsafeSQL: "SELECT \(Self.feedColumns) FROM feed ORDER BY id")).map(feedRecord)
    }

    public func feed(url: String) throws -> FeedRecord? {
        var binds = PostgresBindings()
        binds.append(url)
        // As SQLite's: the listed URL first, then the URL fetched since a redirect was adopted.
        let sql = """
            SELECT \(Self.feedColumns) FROM feed WHERE listedURL = $1
            UNION ALL (SELECT \(Self.feedColumns) FROM feed WHERE url = $1 ORDER BY id LIMIT 1) LIMIT 1
            """
        return try session.rows(PostgresQuery(unsafeSQL: sql, binds: binds)).first.map(feedRecord)
    }

    /// Removes a feed and its articles (and through them their mentions). Returns `false` when there was none.
    public func removeFeed(url: String) throws -> Bool {
        guard let id = try feed(url: url)?.id else { return false }
        try session.execute("DELETE FROM feed WHERE id = \(id)")
        return true
    }

    public func articles(_ query: ArticleQuery) throws -> [ArticleListing] {
        var sql = SQL()
        var clauses: [String] = []
        if let url = query.feedURL { clauses.append("f.url = \(sql.bind(url))") }
        if let since = query.since { clauses.append("COALESCE(a.published, a.firstSeenAt) >= \(sql.bind(since))") }
        if let until = query.until { clauses.append("COALESCE(a.published, a.firstSeenAt) < \(sql.bind(until))") }
        if query.duplicatesOnly { clauses.append("a.duplicateOfId IS NOT NULL") }
        if let search = query.search {
            clauses.append("a.search @@ to_tsquery('simple', \(sql.bind(try FullTextQuery.tsquery(fromFTS5: search))))")
        }
        sql.text = """
            SELECT a.id, f.url, a.guid, a.canonicalURL, a.title, a.published, a.firstSeenAt, a.duplicateOfId,
                   a.duplicateReason, d.canonicalURL
            FROM article a JOIN feed f ON f.id = a.feedId LEFT JOIN article d ON d.id = a.duplicateOfId
            """
        if !clauses.isEmpty { sql.text += " WHERE " + clauses.joined(separator: " AND ") }
        sql.text += " ORDER BY COALESCE(a.published, a.firstSeenAt) DESC, a.id DESC"
        if let limit = query.limit { sql.text += " LIMIT \(max(0, limit))" }
        return try session.rows(sql.query).map { row in
            try session.decoding(sql.text) {
                let (id, feed, guid, url, title, published, firstSeen, duplicateOf, reason, duplicateURL) = try row.decode(
                    (Int64, String, String?, String?, String?, Date?, Date, Int64?, String?, String?).self)
                return ArticleListing(id: id, feed: feed, guid: guid, canonicalURL: url, title: title, published: published,
                                      firstSeen: firstSeen, duplicateOf: duplicateOf.map { .init(id: $0, url: duplicateURL) },
                                      duplicateReason: reason)
            }
        }
    }

    public func stats() throws -> StoreStats {
        let row = try session.rows("""
            SELECT (SELECT COUNT(*) FROM feed), (SELECT COUNT(*) FROM feed WHERE lastError IS NOT NULL),
                   (SELECT COUNT(*) FROM article), (SELECT COUNT(*) FROM article WHERE duplicateOfId IS NOT NULL),
                   (SELECT COUNT(*) FROM event), (SELECT COUNT(*) FROM mention), (SELECT COUNT(*) FROM watchMention),
                   (SELECT MAX(endedAt) FROM pullRun), pg_database_size(current_database())
            """)[0]
        return try session.decoding("stats") {
            let (feeds, failing, articles, duplicates, events, mentions, watch, lastPull, bytes) = try row.decode(
                (Int, Int, Int, Int, Int, Int, Int, Date?, Int).self)
            return StoreStats(feeds: feeds, feedsFailing: failing, articles: articles, duplicateArticles: duplicates,
                              events: events, mentions: mentions, watchItems: watch, lastPull: lastPull, storeBytes: bytes)
        }
    }

    public func health(now: Date) throws -> [FeedHealth] {
        let since = now.addingTimeInterval(-28 * 86_400)
        var counts: [Int64: (Int, Int)] = [:]
        for row in try session.rows("""
            SELECT feedId, COUNT(*), COUNT(*) FILTER (WHERE COALESCE(published, firstSeenAt) >= \(since))
            FROM article GROUP BY feedId
            """) {
            let (id, total, recent) = try session.decoding("health") { try row.decode((Int64, Int, Int).self) }
            counts[id] = (total, recent)
        }
        return try feeds().map { feed in
            let (total, recent) = counts[feed.id ?? -1] ?? (0, 0)
            return FeedHealth(feed: feed, articles: total, articlesPerWeek: Double(recent) / 4)
        }
    }

    // MARK: Events

    /// The columns of `event` that `storedEvent` reads, in its order.
    static let eventColumns = """
        e.id, e.type, e.status, e.actor, e.targets, e.product, e.countries, e.method, e.evidence, e.confidence,
        e.firstSeen, e.lastSeen, e.statusHistory, e.parties
        """

    /// The columns an event read only to be counted needs (SQLite's `countedColumns`), all in
    /// `event_on_firstSeen_counted`.
    static let countedColumns = "e.id, e.type, e.status, e.actor, e.targets, e.product, e.countries, e.firstSeen, e.lastSeen"

    func kind(_ raw: String, table: String, id: String) throws -> EventKind {
        guard let kind = EventKind(rawValue: raw) else {
            throw StoredColumns.corruptRow(table: table, id: id, column: "type", value: raw, location: location)
        }
        return kind
    }

    func status(_ raw: String, table: String, id: String) throws -> EventStatus {
        guard let status = EventStatus(rawValue: raw) else {
            throw StoredColumns.corruptRow(table: table, id: id, column: "status", value: raw, location: location)
        }
        return status
    }

    // The rows a digest reads by the ten thousand (events, their mentions) are decoded a cell at a time:
    // `PostgresRow.decode` of a tuple goes through parameter packs that are not specialized outside PostgresNIO (perf of
    // `regwatch-bench events` on the 1M store: 22% of its samples; 5% decoded this way). `PostgresCell.decode` is
    // inlinable, so each cell is decoded by code specialized for its type.

    func storedEvent(_ row: PostgresRow) throws -> StoredEvent {
        let (id, type, status, actor, targets, product, countries, method, evidence, confidence, firstSeen, lastSeen,
             history, parties) = try session.decoding("event") {
            let cells = row.makeRandomAccess()
            return (try cells[0].decode(String.self), try cells[1].decode(String.self), try cells[2].decode(String.self),
                    try cells[3].decode(String?.self), try cells[4].decode(String.self), try cells[5].decode(String?.self),
                    try cells[6].decode(String.self), try cells[7].decode(String.self), try cells[8].decode(String.self),
                    try cells[9].decode(Double.self), try cells[10].decode(Date.self), try cells[11].decode(Date.self),
                    try cells[12].decode(String.self), try cells[13].decode(String.self))
        }
        return StoredEvent(id: id, type: try kind(type, table: "event", id: id), status: try self.status(status, table: "event", id: id),
                           actor: actor, targets: StoredColumns.strings(targets), product: product,
                           countries: StoredColumns.strings(countries), method: StoredColumns.strings(method), evidence: evidence,
                           confidence: confidence, firstSeen: firstSeen, lastSeen: lastSeen,
                           statusHistory: StoredColumns.history(history), parties: StoredColumns.strings(parties))
    }

    /// Events by id, with every column, in the order of `ids` (missing ones left out).
    func eventsByID(_ ids: [String]) throws -> [StoredEvent] {
        guard !ids.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(ids)
        let rows = try session.rows(PostgresQuery(unsafeSQL: "SELECT \(Self.eventColumns) FROM event e WHERE e.id = ANY($1)", binds: binds))
        var byID: [String: StoredEvent] = [:]
        for row in rows { let event = try storedEvent(row); byID[event.id] = event }
        return ids.compactMap { byID[$0] }
    }

    /// Adds sources (one per article, oldest first) and related events, as SQLite's `attach` does: two statements for
    /// all the events instead of two per event.
    func attach(_ events: [StoredEvent]) throws -> [StoredEvent] {
        guard !events.isEmpty else { return events }
        var binds = PostgresBindings()
        binds.append(events.map(\.id))
        var sources: [String: [(Int64, String, String?, String?, Date?, String?)]] = [:]
        for row in try session.rows(PostgresQuery(unsafeSQL: """
            SELECT m.eventId, m.articleId, m.evidence, a.canonicalURL, a.title, a.published, COALESCE(f.title, f.url)
            FROM mention m JOIN article a ON a.id = m.articleId JOIN feed f ON f.id = a.feedId
            WHERE m.eventId = ANY($1) ORDER BY m.eventId, m.at, m.stableKey COLLATE "C", m.ordinal
            """, binds: binds)) {
            let (eventId, articleId, evidence, url, title, published, outlet) = try session.decoding("mention") {
                let cells = row.makeRandomAccess()
                return (try cells[0].decode(String.self), try cells[1].decode(Int64.self), try cells[2].decode(String.self),
                        try cells[3].decode(String?.self), try cells[4].decode(String?.self), try cells[5].decode(Date?.self),
                        try cells[6].decode(String?.self))
            }
            sources[eventId, default: []].append((articleId, evidence, url, title, published, outlet))
        }
        var related: [String: [RelatedEvent]] = [:]
        for row in try session.rows(PostgresQuery(unsafeSQL: """
            SELECT eventId, relatedId, relation FROM eventRelation WHERE eventId = ANY($1)
            ORDER BY eventId, relation COLLATE "C", relatedId COLLATE "C"
            """, binds: binds)) {
            let (eventId, relatedId, relation) = try session.decoding("eventRelation") { try row.decode((String, String, String).self) }
            if let relation = RelatedEvent.Relation(rawValue: relation) {
                related[eventId, default: []].append(RelatedEvent(id: relatedId, relation: relation))
            }
        }
        return events.map { event in
            var event = event
            var position: [Int64: Int] = [:]
            for (articleId, evidence, url, title, published, outlet) in sources[event.id] ?? [] {
                if let i = position[articleId] {
                    // One source per article; its other sentences about the event stay with it.
                    if evidence != event.sources[i].evidence && !event.sources[i].otherEvidence.contains(evidence) {
                        event.sources[i].otherEvidence.append(evidence)
                    }
                    continue
                }
                position[articleId] = event.sources.count
                event.sources.append(EventSource(url: url, title: title, outlet: outlet, published: published, evidence: evidence))
            }
            event.related = related[event.id] ?? []
            return event
        }
    }

    public func events(matching query: EventQuery) throws -> [StoredEvent] {
        if query.entities.count == 1, query.products.isEmpty, query.country == nil, query.status == nil, query.until == nil,
           !query.ascending, let limit = query.limit {
            return try newestEvents(of: query.entities[0], types: query.types, since: query.since, limit: limit)
        }
        var sql = SQL()
        var clauses: [String] = []
        var from = "event e"
        if !query.entities.isEmpty || !query.products.isEmpty {
            var sub: [String] = []
            if !query.entities.isEmpty { sub.append("(entity = ANY(\(sql.bind(query.entities))) AND role != 'product')") }
            if !query.products.isEmpty { sub.append("(entity = ANY(\(sql.bind(query.products))) AND role = 'product')") }
            // Both lists given: an event that names one of the entities and one of the products.
            let inner = sub.map { "SELECT eventId FROM eventEntity WHERE \($0)" }.joined(separator: " INTERSECT ")
            from = "(SELECT DISTINCT eventId AS eid FROM (\(inner)) x) s JOIN event e ON e.id = s.eid"
        }
        if !query.types.isEmpty { clauses.append("e.type = ANY(\(sql.bind(query.types.map(\.rawValue))))") }
        if let country = query.country { clauses.append("e.countries LIKE \(sql.bind("%\"\(country.uppercased())\"%"))") }
        if let status = query.status { clauses.append("e.status = \(sql.bind(status.rawValue))") }
        if let since = query.since { clauses.append("e.lastSeen >= \(sql.bind(since))") }
        if let until = query.until { clauses.append("e.firstSeen < \(sql.bind(until))") }
        sql.text = "SELECT \(query.details ? Self.eventColumns : Self.countedColumns) FROM \(from)"
        if !clauses.isEmpty { sql.text += " WHERE " + clauses.joined(separator: " AND ") }
        // COLLATE "C": ids compare by their bytes, as SQLite compares them, whatever the database's collation.
        sql.text += query.ascending ? " ORDER BY e.firstSeen, e.id COLLATE \"C\"" : " ORDER BY e.lastSeen DESC, e.id COLLATE \"C\""
        if let limit = query.limit { sql.text += " LIMIT \(max(0, limit))" }
        let rows = try session.rows(sql.query)
        guard query.details else { return try rows.map { try CountedEventRow($0, store: self).event } }
        return try attach(rows.map(storedEvent))
    }

    /// The newest events of one entity, through the (entity, lastSeen) primary key of `eventEntity`.
    func newestEvents(of entity: String, types: [EventKind], since: Date?, limit: Int) throws -> [StoredEvent] {
        var sql = SQL()
        var clauses = ["entity = \(sql.bind(entity))", "role != 'product'"]
        if !types.isEmpty { clauses.append("type = ANY(\(sql.bind(types.map(\.rawValue))))") }
        if let since { clauses.append("lastSeen >= \(sql.bind(since))") }
        sql.text = "SELECT eventId FROM eventEntity WHERE \(clauses.joined(separator: " AND ")) ORDER BY lastSeen DESC LIMIT \(max(0, limit) * 2)"
        var seen: Set<String> = []
        let ids = try session.rows(sql.query).map { row in try session.decoding(sql.text) { try row.decode(String.self) } }
            .filter { seen.insert($0).inserted }
        var events = try eventsByID(ids)
        events.sort { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        return try attach(Array(events.prefix(max(0, limit))))
    }

    public func event(id: String) throws -> StoredEvent? {
        try attach(try eventsByID([id])).first
    }

    public func forEachEventToCount(firstSeenFrom from: Date, to: Date, _ body: (any CountableEvent) throws -> Void) throws {
        try forEachCountedRow(firstSeenFrom: from, to: to) { try body($0) }
    }

    /// The events first seen in `[from, to)` in the index's order (first seen, then id by bytes), each as its row.
    func forEachCountedRow(firstSeenFrom from: Date, to: Date, _ body: (CountedEventRow) throws -> Void) throws {
        // Read in pages of the index's order (first seen, id), so a year of a large store is never held whole.
        var after: (Date, String)?
        while true {
            var sql = SQL()
            var clause = "e.firstSeen >= \(sql.bind(from)) AND e.firstSeen < \(sql.bind(to))"
            if let after {
                clause += " AND (e.firstSeen, e.id COLLATE \"C\") > (\(sql.bind(after.0)), \(sql.bind(after.1)) COLLATE \"C\")"
            }
            sql.text = "SELECT \(Self.countedColumns) FROM event e WHERE \(clause) ORDER BY e.firstSeen, e.id COLLATE \"C\" LIMIT 5000"
            let rows = try session.rows(sql.query)
            for row in rows { try body(try CountedEventRow(row, store: self)) }
            guard rows.count == 5000, let last = try rows.last.map({ try CountedEventRow($0, store: self) }) else { return }
            after = (last.firstSeen, last.id)
        }
    }

    public func reportEvents(from: Date, to: Date, detailedFrom: Date) throws -> [StoredEvent] {
        // The weeks before the listed ones are read to be counted; the listed weeks' events are read whole in one
        // range of first-seen dates, in the same order (first seen, then id by bytes) so that they follow the counted
        // ones as they did. Reading the counted columns of the listed weeks and then every column again by id cost a
        // second probe of each event through its primary key, in random order (6,400 events a week of a 1M store).
        let split = min(max(detailedFrom, from), to)
        var events: [StoredEvent] = []
        try forEachCountedRow(firstSeenFrom: from, to: split) { events.append($0.event) }
        var sql = SQL()
        sql.text = """
            SELECT \(Self.eventColumns) FROM event e WHERE e.firstSeen >= \(sql.bind(split)) AND e.firstSeen < \(sql.bind(to))
            ORDER BY e.firstSeen, e.id COLLATE "C"
            """
        let detailed = try attach(try session.rows(sql.query).map(storedEvent))
        events.append(contentsOf: detailed)
        var seen = Set(events.map(\.id))
        var missing: [String] = []
        for event in detailed { for r in event.related where seen.insert(r.id).inserted { missing.append(r.id) } }
        events.append(contentsOf: try eventsByID(missing))
        return events
    }

    public func companies(since: Date?, limit: Int?) throws -> [CompanyCount] {
        let query: PostgresQuery
        if let since {
            // MIN over bytes, as SQLite's MIN picks the name.
            query = """
                SELECT x.entity, x.type, x.role, MIN(x.name COLLATE "C"), COUNT(*)::bigint FROM event e
                JOIN eventEntity x ON x.eventId = e.id
                WHERE e.lastSeen >= \(since) AND x.role IN ('actor', 'target') GROUP BY x.entity, x.type, x.role
                """
        } else {
            query = "SELECT entity, type, role, name, count::bigint FROM entityStat"
        }
        var byEntity: [String: CompanyCount] = [:]
        var order: [String] = []
        for row in try session.rows(query) {
            let (entity, type, role, name, count) = try session.decoding("companies") { try row.decode((String, String, String, String, Int).self) }
            // "apps", "users in China", "federal judge": descriptions the extractor kept, not entities.
            if name.first?.isLowercase == true { continue }
            if byEntity[entity] == nil { order.append(entity) }
            var c = byEntity[entity] ?? CompanyCount(name: name, events: 0, byType: [:], asActor: 0, asTarget: 0)
            c.byType[type, default: 0] += count
            if role == "actor" { c.asActor += count } else { c.asTarget += count }
            byEntity[entity] = c
        }
        var result = order.map { entity -> CompanyCount in
            var c = byEntity[entity]!
            c.events = c.asActor + c.asTarget
            return c
        }
        result.sort { $0.events != $1.events ? $0.events > $1.events : $0.name < $1.name }
        if let limit { result = Array(result.prefix(max(0, limit))) }
        return result
    }

    public func searchArticles(_ search: ArticleSearch) throws -> [SearchHit] {
        var sql = SQL()
        let q = sql.bind(try FullTextQuery.tsquery(fromFTS5: search.query))
        var clauses = ["a.search @@ q.query"]
        if let since = search.since { clauses.append("COALESCE(a.published, a.firstSeenAt) >= \(sql.bind(since))") }
        if let until = search.until { clauses.append("COALESCE(a.published, a.firstSeenAt) < \(sql.bind(until))") }
        if let feed = search.feed { let f = sql.bind(feed); clauses.append("(f.url = \(f) OR f.listedURL = \(f))") }
        // Ranked by ts_rank_cd over the weighted vector (title A, text B), as bm25 weighs FTS5's columns. Ranking is
        // exact, so every match is ranked (a GIN index keeps no positions): the ranking reads the vector and the id
        // alone, cuts at the limit, and only the page's rows are then read whole (title, URL, outlet, and the text
        // that ts_headline reads). Carrying every match's text and outlet through the ranking, joined to its feed,
        // cost about 15% of a query with 11,000 matches on the 1M-event store (62 ms against 72, all pages cached).
        let from = search.feed == nil ? "article a" : "article a JOIN feed f ON f.id = a.feedId"
        sql.text = """
            SELECT a.id, a.title, a.canonicalURL, a.published, COALESCE(f.title, f.url),
                   ts_headline('simple', a.text, h.query,
                               'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…'),
                   h.score
            FROM (SELECT a.id, q.query, ts_rank_cd(a.search, q.query)::float8 AS score
                  FROM \(from), to_tsquery('simple', \(q)) AS q(query)
                  WHERE \(clauses.joined(separator: " AND "))
                  ORDER BY score DESC, a.id LIMIT \(max(0, search.limit))) h
            JOIN article a ON a.id = h.id JOIN feed f ON f.id = a.feedId
            ORDER BY h.score DESC, h.id
            """
        var hits = try session.rows(sql.query).map { row in
            try session.decoding(sql.text) {
                let (id, title, url, published, outlet, snippet, score) = try row.decode(
                    (Int64, String?, String?, Date?, String?, String?, Double).self)
                return SearchHit(articleId: id, title: title, url: url, outlet: outlet, published: published,
                                 snippet: snippet ?? "", score: score, events: [])
            }
        }
        guard !hits.isEmpty else { return hits }
        var binds = PostgresBindings()
        binds.append(hits.map(\.articleId))
        var refs: [Int64: [SearchHit.EventRef]] = [:]
        for row in try session.rows(PostgresQuery(unsafeSQL: """
            SELECT DISTINCT m.articleId, e.id COLLATE "C", e.type, e.actor FROM mention m JOIN event e ON e.id = m.eventId
            WHERE m.articleId = ANY($1) ORDER BY m.articleId, e.id COLLATE "C"
            """, binds: binds)) {
            let (articleId, id, type, actor) = try session.decoding("search") { try row.decode((Int64, String, String, String?).self) }
            refs[articleId, default: []].append(SearchHit.EventRef(id: id, type: try kind(type, table: "event", id: id), actor: actor))
        }
        for i in hits.indices { hits[i].events = refs[hits[i].articleId] ?? [] }
        return hits
    }

    public func watchItems(from: Date?, to: Date?) throws -> [StoredWatchItem] {
        var sql = SQL()
        var clauses: [String] = []
        if let from { clauses.append("w.at >= \(sql.bind(from))") }
        if let to { clauses.append("w.at < \(sql.bind(to))") }
        sql.text = """
            SELECT w.textKey, w.at, w.text, w.entities, w.date, a.canonicalURL, a.title, a.published, f.title, f.url,
                   (SELECT string_agg(DISTINCT m.eventId, ',') FROM mention m WHERE m.articleId = w.articleId)
            FROM watchMention w JOIN article a ON a.id = w.articleId JOIN feed f ON f.id = a.feedId
            \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
            ORDER BY w.at, w.id
            """
        var items: [String: StoredWatchItem] = [:]
        var order: [String] = []
        for row in try session.rows(sql.query) {
            let (key, at, text, entities, date, url, title, published, outlet, feedURL, storyList) = try session.decoding(sql.text) {
                try row.decode((String, Date, String, String, String?, String?, String?, Date?, String?, String, String?).self)
            }
            let source = EventSource(url: url, title: title, outlet: outlet ?? feedURL, published: published, evidence: text)
            let stories = storyList?.split(separator: ",").map(String.init) ?? []
            if var item = items[key] {
                item.lastSeen = max(item.lastSeen, at)
                item.addStories(stories)
                if !item.sources.contains(where: { $0.url == source.url && $0.outlet == source.outlet }) { item.sources.append(source) }
                items[key] = item
            } else {
                order.append(key)
                items[key] = StoredWatchItem(id: StoredColumns.watchItemID(textKey: key), text: text,
                                             entities: StoredColumns.strings(entities), date: date, firstSeen: at, lastSeen: at,
                                             sources: [source], stories: stories)
            }
        }
        return order.map { items[$0]! }.sorted {
            $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
        }
    }

    /// The server's buffer cache and the size of the article table (its text search vectors and indexes included):
    /// search ranks every match with its vector, so whether that table fits the cache decides how fast it is.
    public func searchCacheReport() throws -> (sharedBuffers: String, articleTable: String) {
        let buffers = try session.scalar("SHOW shared_buffers", as: String.self) ?? "?"
        let table = try session.scalar("SELECT pg_size_pretty(pg_total_relation_size('article'))", as: String.self) ?? "?"
        return (buffers, table)
    }

    public func eventCounts() throws -> (events: Int, mentions: Int, watchItems: Int) {
        let row = try session.rows("""
            SELECT (SELECT COUNT(*) FROM event), (SELECT COUNT(*) FROM mention), (SELECT COUNT(DISTINCT textKey) FROM watchMention)
            """)[0]
        return try session.decoding("eventCounts") { try row.decode((Int, Int, Int).self) }
    }

    public func wasAlerted(_ id: String) throws -> Bool {
        try session.scalar("SELECT true FROM eventAlert WHERE eventId = \(id)", as: Bool.self) ?? false
    }
}

/// A statement built in pieces with numbered binds (`$1`, `$2`…): what `PostgresQuery`'s interpolation does, for SQL
/// whose clauses are chosen at run time.
struct SQL {
    var text = ""
    var binds = PostgresBindings()

    /// Appends `value` to the binds; returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Appends `value`, or NULL; returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
}

/// One event as `forEachEventToCount` hands it out: its row as the server sent it, with the type, status and dates
/// decoded (none of them allocates) and the strings decoded when they are read, as SQLite's `CountedEventRow`: a count
/// pays only for what it counts. A week's digest counts the events of its eight-week trend window (51,000 in the 1M
/// store) to place its weeks, then reads them again to keep; the count no longer decodes every id, name and JSON array
/// of them (`regwatch-bench events`: 1.3 s less client CPU in two runs of 35 s, within the noise of a digest's wall
/// time). `event` is the value to keep.
struct CountedEventRow: CountableEvent {
    let cells: PostgresRandomAccessRow
    let type: EventKind
    let status: EventStatus
    let firstSeen: Date
    let lastSeen: Date

    /// - Parameter row: a row of `PostgresStore.countedColumns`.
    /// - Throws: a store error when a cell does not decode, `corruptRow` when the type or status is not one regwatch
    ///   writes.
    init(_ row: PostgresRow, store: PostgresStore) throws {
        let cells = row.makeRandomAccess()
        let (type, status, firstSeen, lastSeen) = try store.session.decoding("event") {
            (try cells[1].decode(String.self), try cells[2].decode(String.self), try cells[7].decode(Date.self),
             try cells[8].decode(Date.self))
        }
        self.cells = cells
        // The id only names a corrupt row: read for each event, it would be the allocation the count avoids.
        self.type = try EventKind(rawValue: type) ?? store.kind(type, table: "event", id: Self.text(cells[0]) ?? "?")
        self.status = try EventStatus(rawValue: status) ?? store.status(status, table: "event", id: Self.text(cells[0]) ?? "?")
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    // The text columns are NOT NULL but actor and product, and their binary form is their UTF-8 bytes.
    static func text(_ cell: PostgresCell) -> String? { cell.bytes.map { String(buffer: $0) } }

    var id: String { Self.text(cells[0]) ?? "" }
    var actor: String? { Self.text(cells[3]) }
    var targets: [String] { StoredColumns.strings(Self.text(cells[4])) }
    var product: String? { Self.text(cells[5]) }
    var countries: [String] { StoredColumns.strings(Self.text(cells[6])) }

    /// The event as `events(matching:)` reads it without details: no evidence, method, history, sources or related
    /// events.
    var event: StoredEvent {
        StoredEvent(id: id, type: type, status: status, actor: actor, targets: targets, product: product, countries: countries,
                    method: [], evidence: "", confidence: 0, firstSeen: firstSeen, lastSeen: lastSeen)
    }
}
