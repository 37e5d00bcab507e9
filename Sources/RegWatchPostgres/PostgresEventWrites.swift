// The PostgreSQL store's event writes (issue 15): extraction results in, the events they touch merged again, links
// kept. Storing the mentions follows the SQLite store's ExtractionWrites.swift, whose comments say why each step is
// there; the re-merge is RegWatchEvents' `MergeStore.remerge`, over the reads and writes of PostgresMergeStore.swift.
import Foundation
import PostgresNIO
import RegWatchCore
import RegWatchEvents
import RegWatchStore

extension PostgresStore {
    // MARK: Pending articles

    /// Whether article `a` has the title and text of the article it duplicates.
    static let sameTextColumn = """
        COALESCE((SELECT r.text = a.text AND r.title IS NOT DISTINCT FROM a.title FROM article r WHERE r.id = a.duplicateOfId), false)
        """

    func pending(_ rows: [PostgresRow]) throws -> [PendingArticle] {
        try rows.map { row in
            let (id, title, text, published, hash, duplicateOf, sameText) = try session.decoding("article") {
                try row.decode((Int64, String?, String, Date?, String, Int64?, Bool).self)
            }
            return PendingArticle(id: id, title: title, text: text, published: published, contentHash: hash,
                                  duplicateOfId: duplicateOf, sameTextAsOriginal: sameText)
        }
    }

    public func pendingArticles(limit: Int) throws -> [PendingArticle] {
        let mark = try session.scalar("SELECT MAX(articleId) FROM articleExtraction", as: Int64.self) ?? 0
        let fresh = try pending(session.rows(PostgresQuery(unsafeSQL: """
            SELECT id, title, text, published, contentHash, duplicateOfId, \(Self.sameTextColumn)
            FROM article a WHERE id > \(mark) ORDER BY id LIMIT \(max(0, limit))
            """)))
        let edited = try pending(session.rows(PostgresQuery(unsafeSQL: """
            SELECT a.id, a.title, a.text, a.published, a.contentHash, a.duplicateOfId, \(Self.sameTextColumn)
            FROM article a JOIN articleExtraction x ON x.articleId = a.id
            WHERE a.updatedAt IS NOT NULL AND x.contentHash != a.contentHash ORDER BY a.id LIMIT \(max(0, limit))
            """)))
        return edited + fresh
    }

    public func articlesForReextraction(since: Date?) throws -> [PendingArticle] {
        var sql = SQL()
        sql.text = "SELECT id, title, text, published, contentHash, duplicateOfId, \(Self.sameTextColumn) FROM article a"
        if let since { sql.text += " WHERE COALESCE(published, firstSeenAt) >= \(sql.bind(since))" }
        return try pending(session.rows(PostgresQuery(unsafeSQL: sql.text + " ORDER BY id", binds: sql.binds)))
    }

    // MARK: Extractions

    public func saveExtractions(_ extractions: [ArticleExtraction], options: MergeOptions, alertableBefore: Date?,
                                parties: any PartyResolving) throws -> ExtractionReport {
        try session.transaction {
            // Merges of concurrent pullers take turns, so that two mentions of one event merged at the same moment
            // still make one event with both sources, as one puller's merge does.
            try session.execute("SELECT pg_advisory_xact_lock(\(Self.mergeLockKey))::text")
            var report = ExtractionReport()
            var touchedEvents: Set<String> = []
            var added: [MergeKey: [AddedMention]] = [:]
            var fresh: Set<Int64> = []
            var alertable: Set<Int64> = []
            var feedHasHistory: [Int64: Bool] = [:]

            for extraction in extractions.sorted(by: { $0.articleId < $1.articleId }) {
                let id = extraction.articleId
                // The article and the hash it was last extracted at, in one statement (the steps below are
                // RegWatchStore.saveExtractions', with its reads and deletes of one article gathered into few statements).
                guard let (article, extractedHash) = try targetAndHash(id) else { continue }
                let known = extractedHash != nil
                // A pull (not a re-extraction) whose article another puller extracted meanwhile, as it stands now.
                if alertableBefore != nil, extractedHash == extraction.contentHash { continue }
                var isAlertable = false
                if let before = alertableBefore, !known {
                    if feedHasHistory[article.feedId] == nil {
                        feedHasHistory[article.feedId] = try session.scalar("""
                            SELECT true FROM article WHERE feedId = \(article.feedId) AND firstSeenAt < \(before) LIMIT 1
                            """, as: Bool.self) ?? false
                    }
                    isAlertable = feedHasHistory[article.feedId]!
                }

                // What this article said before, and what copied it: its own mentions and those extracted from it.
                let said = try mentionsAround(id)
                touchedEvents.formUnion(said.compactMap(\.eventId))
                for m in said where m.articleId == id { probe(m, into: &added, parties: parties) }
                report.articles += 1

                let events: [ExtractedEvent]
                let watch: [WatchItem]
                let extractedFrom: Int64
                var copiesToo = false
                switch extraction.content {
                case .extracted(let e, let w):
                    events = e
                    watch = w
                    extractedFrom = id
                    copiesToo = true
                case .copy(let rootId):
                    events = try storedMentions(of: rootId)
                    watch = try storedWatch(of: rootId)
                    extractedFrom = rootId
                }
                var targetsOfCopies: [Target] = []
                var copiedBefore: Set<Int64> = []
                if copiesToo {
                    // Copies of this article, already stored, take the new mentions too (see RegWatchStore).
                    copiedBefore = Set(said.filter { $0.extractedFromId == id && $0.articleId != id }.map(\.articleId))
                    copiedBefore.formUnion(try session.rows("""
                        SELECT DISTINCT articleId FROM watchMention WHERE extractedFromId = \(id) AND articleId != \(id)
                        """).map { row in try session.decoding("watchMention") { try row.decode(Int64.self) } })
                    for m in said where m.extractedFromId == id && m.articleId != id { probe(m, into: &added, parties: parties) }
                }
                let scope = copiesToo ? "articleId = $1 OR extractedFromId = $1" : "articleId = $1"
                var binds = PostgresBindings()
                binds.append(id)
                binds.append(extraction.contentHash)
                try session.execute(PostgresQuery(unsafeSQL: """
                    WITH m AS (DELETE FROM mention WHERE \(scope)), w AS (DELETE FROM watchMention WHERE \(scope))
                    INSERT INTO articleExtraction (articleId, contentHash) VALUES ($1, $2)
                    ON CONFLICT (articleId) DO UPDATE SET contentHash = excluded.contentHash
                    """, binds: binds))
                if copiesToo {
                    targetsOfCopies = try target("""
                        JOIN article r ON r.id = a.duplicateOfId JOIN articleExtraction x ON x.articleId = a.id
                        WHERE a.duplicateOfId = \(id) ORDER BY a.id
                        """, sameText: true).filter { copiedBefore.contains($0.id) || $0.sameText }
                }

                for (isCopy, target) in [(false, article)] + targetsOfCopies.map({ (true, $0) }) {
                    let base = "\(target.feedURL)|\(target.identity)"
                    let actorKeys = events.map { parties.actorKey($0.actor, country: $0.countries.first) }
                    let retellable = EventMerger.retellable(events, actorKeys: actorKeys,
                                                            dated: events.map { $0.occurred.flatMap(RegWatchStore.statedDay) != nil },
                                                            parties: parties)
                    for (ordinal, event) in events.enumerated() {
                        let actorKey = actorKeys[ordinal]
                        let at = event.occurred.flatMap(RegWatchStore.statedDay) ?? target.at
                        let stableKey = base + "|" + String(format: "%04d", ordinal)
                        guard let mentionId = try session.scalar("""
                            INSERT INTO mention (articleId, extractedFromId, ordinal, type, status, actor, actorKey, targets, product,
                                productKey, countries, method, evidence, evidenceStart, evidenceEnd, confidence, at, stableKey, parties,
                                occurred, stated)
                            VALUES (\(target.id), \(extractedFrom), \(ordinal), \(event.type.rawValue), \(event.status.rawValue),
                                \(event.actor), \(actorKey), \(RegWatchStore.json(event.targets)), \(event.product),
                                \(event.product?.lowercased()), \(RegWatchStore.json(event.countries)), \(RegWatchStore.json(event.method)),
                                \(event.evidence), \(event.evidenceRange?.lowerBound), \(event.evidenceRange?.upperBound),
                                \(event.confidence), \(at), \(stableKey), \(RegWatchStore.json(event.parties)), \(event.occurred),
                                \(retellable[ordinal] ? 1 : 0))
                            RETURNING id
                            """, as: Int64.self) else { continue }
                        if !known && !isCopy { fresh.insert(mentionId) }
                        if isAlertable && !isCopy { alertable.insert(mentionId) }
                        added[MergeKey(type: event.type.rawValue, actorKey: actorKey), default: []].append(
                            AddedMention(id: mentionId, at: at, actorKey: actorKey, targets: event.targets.map { $0.lowercased() },
                                         groups: event.targets.compactMap(parties.groupKey), product: event.product?.lowercased(),
                                         stated: retellable[ordinal]))
                        report.mentions += 1
                    }
                    for item in watch {
                        try session.execute("""
                            INSERT INTO watchMention (articleId, extractedFromId, text, textKey, entities, date, at)
                            VALUES (\(target.id), \(extractedFrom), \(item.text), \(RegWatchStore.textKey(item.text)),
                                \(RegWatchStore.json(item.entities)), \(item.date), \(target.at))
                            """)
                    }
                }
            }

            let merged = try PostgresMergeStore(store: self).remerge(added: added, touched: touchedEvents, options: options,
                                                                      parties: parties)
            report.eventsWritten = merged.count
            for (eventId, mentionIds) in merged.sorted(by: { $0.key < $1.key }) {
                guard mentionIds.allSatisfy(fresh.contains) else { continue }
                report.createdEventIds.append(eventId)
                guard mentionIds.contains(where: alertable.contains) else { continue }
                if try wasAlerted(eventId) { continue }
                report.newEventIds.append(eventId)
            }
            return report
        }
    }

    /// An article mentions are written for: itself, or a stored copy of it.
    struct Target {
        var id: Int64
        var feedId: Int64
        var identity: String
        /// Its publication date, else when it was first seen.
        var at: Date
        var feedURL: String
        var sameText = false
    }

    func target(_ tail: String, sameText: Bool = false) throws -> [Target] {
        let extra = sameText ? ", (a.text = r.text AND a.title IS NOT DISTINCT FROM r.title)" : ", false"
        return try session.rows(PostgresQuery(unsafeSQL: """
            SELECT a.id, a.feedId, a.identity, COALESCE(a.published, a.firstSeenAt), f.url\(extra)
            FROM article a JOIN feed f ON f.id = a.feedId \(tail)
            """)).map { row in
            let (id, feedId, identity, at, url, same) = try session.decoding("article") {
                try row.decode((Int64, Int64, String, Date, String, Bool).self)
            }
            return Target(id: id, feedId: feedId, identity: identity, at: at, feedURL: url, sameText: same)
        }
    }

    func strings(_ query: PostgresQuery) throws -> [String] {
        try session.rows(query).map { row in try session.decoding(query.sql) { try row.decode(String.self) } }
    }

    /// A stored mention of an article or extracted from it, as re-extraction removes it.
    struct SaidMention {
        var articleId: Int64
        var extractedFromId: Int64
        var eventId: String?
        var type: String
        var actorKey: String
        var at: Date
        var targets: [String]
        var productKey: String?
    }

    /// The mentions of article `id` and those extracted from it (its copies'), in id order.
    func mentionsAround(_ id: Int64) throws -> [SaidMention] {
        try session.rows("""
            SELECT articleId, extractedFromId, eventId, type, actorKey, at, targets, productKey FROM mention
            WHERE articleId = \(id) OR extractedFromId = \(id) ORDER BY id
            """).map { row in
            let (articleId, extractedFrom, eventId, type, actorKey, at, targets, product) = try session.decoding("mention") {
                try row.decode((Int64, Int64, String?, String, String, Date, String, String?).self)
            }
            return SaidMention(articleId: articleId, extractedFromId: extractedFrom, eventId: eventId, type: type, actorKey: actorKey,
                               at: at, targets: StoredColumns.strings(targets), productKey: product)
        }
    }

    /// A mention about to be removed, as a probe (id 0) among the added ones (RegWatchStore.probeRemoved): the mentions
    /// around it that join the one event around them may decide otherwise without it.
    func probe(_ m: SaidMention, into added: inout [MergeKey: [AddedMention]], parties: any PartyResolving) {
        added[MergeKey(type: m.type, actorKey: m.actorKey), default: []].append(
            AddedMention(id: 0, at: m.at, actorKey: m.actorKey, targets: m.targets.map { $0.lowercased() },
                         groups: m.targets.compactMap(parties.groupKey), product: m.productKey))
    }

    /// Article `id` as mentions are written for it, and the content hash it was last extracted at.
    func targetAndHash(_ id: Int64) throws -> (Target, String?)? {
        guard let row = try session.rows("""
            SELECT a.id, a.feedId, a.identity, COALESCE(a.published, a.firstSeenAt), f.url,
                   (SELECT x.contentHash FROM articleExtraction x WHERE x.articleId = a.id)
            FROM article a JOIN feed f ON f.id = a.feedId WHERE a.id = \(id)
            """).first else { return nil }
        let (articleId, feedId, identity, at, url, hash) = try session.decoding("article") {
            try row.decode((Int64, Int64, String, Date, String, String?).self)
        }
        return (Target(id: articleId, feedId: feedId, identity: identity, at: at, feedURL: url), hash)
    }

    func storedMentions(of articleId: Int64) throws -> [ExtractedEvent] {
        try session.rows("""
            SELECT id, type, status, actor, targets, product, countries, method, evidence, confidence, evidenceStart, evidenceEnd,
                   parties, occurred
            FROM mention WHERE articleId = \(articleId) ORDER BY ordinal
            """).map { row in
            let (id, type, status, actor, targets, product, countries, method, evidence, confidence, start, end, parties, occurred) =
                try session.decoding("mention") {
                    try row.decode((Int64, String, String, String?, String, String?, String, String, String, Double, Int?, Int?,
                                    String, String?).self)
                }
            var event = ExtractedEvent(type: try kind(type, table: "mention", id: String(id)),
                                       status: try self.status(status, table: "mention", id: String(id)),
                                       actor: actor, targets: StoredColumns.strings(targets), product: product,
                                       countries: StoredColumns.strings(countries), method: StoredColumns.strings(method),
                                       evidence: evidence, confidence: confidence,
                                       evidenceRange: start.flatMap { s in end.map { s..<max(s, $0) } })
            event.parties = StoredColumns.strings(parties)
            event.occurred = occurred
            return event
        }
    }

    func storedWatch(of articleId: Int64) throws -> [WatchItem] {
        try session.rows("SELECT text, entities, date FROM watchMention WHERE articleId = \(articleId) ORDER BY id").map { row in
            let (text, entities, date) = try session.decoding("watchMention") { try row.decode((String, String, String?).self) }
            return WatchItem(text: text, entities: StoredColumns.strings(entities), date: date)
        }
    }

    // MARK: Re-merge

    /// The columns `mentionValue` reads.
    static let mentionColumns = """
        id, articleId, type, status, actor, actorKey, targets, product, countries, method, evidence, confidence, at, stableKey,
        parties, eventId, attached, stated
        """

    func mentionValues(_ query: PostgresQuery) throws -> [MentionValue] {
        try session.rows(query).map { row in
            let (id, articleId, type, status, actor, actorKey, targets, product, countries, method, evidence, confidence, at,
                 stableKey, parties, eventId, attached, stated) = try session.decoding("mention") {
                try row.decode((Int64, Int64, String, String, String?, String, String, String?, String, String, String, Double, Date,
                                String, String, String?, Int, Int).self)
            }
            return MentionValue(id: id, articleId: articleId, type: try kind(type, table: "mention", id: String(id)),
                                status: try self.status(status, table: "mention", id: String(id)), actor: actor, actorKey: actorKey,
                                targets: StoredColumns.strings(targets), product: product, countries: StoredColumns.strings(countries),
                                method: StoredColumns.strings(method), evidence: evidence, confidence: confidence, at: at,
                                stableKey: stableKey, parties: StoredColumns.strings(parties), eventId: eventId)
                .with(attached: attached == 1, stated: stated == 1)
        }
    }

    /// A mention as the attachment rule weighs it (RegWatchStore.neighbourValue).
    func neighbourValues(_ query: PostgresQuery) throws -> [MentionValue] {
        try session.rows(query).map { row in
            let (id, articleId, type, actorKey, targets, product, at, stableKey, eventId, attached) = try session.decoding("mention") {
                try row.decode((Int64, Int64, String, String, String, String?, Date, String, String?, Int).self)
            }
            return MentionValue(id: id, articleId: articleId, type: try kind(type, table: "mention", id: String(id)), status: .inEffect,
                                actor: nil, actorKey: actorKey, targets: StoredColumns.strings(targets), product: product,
                                countries: [], method: [], evidence: "", confidence: 0, at: at, stableKey: stableKey,
                                eventId: eventId).with(attached: attached == 1)
        }
    }

    func binds<T: PostgresDynamicTypeEncodable>(_ value: T) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(value)
        return binds
    }
}
