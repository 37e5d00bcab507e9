// Events in the store (issue 6): mentions in, merged events out.
//
// Public API, stable names (RegWatchReport and the CLI read these):
//   Writing (the pipeline):
//     pendingArticles(limit:)                  articles never extracted, or edited since they were
//     articlesForReextraction(since:)          every article (from a date on), for `regwatch reextract`
//     saveExtractions(_:options:alertableBefore:) -> ExtractionReport   mentions in, events re-merged, one transaction
//     markAlerted(_:) / wasAlerted(_:)
//   Reading:
//     events(matching: EventQuery) -> [StoredEvent]       newest first (by last seen)
//     events(from: Date, to: Date) -> [StoredEvent]       events seen in [from, to)
//     forEachCountedEvent(firstSeenFrom:to:_:)           each event first seen in a window, read to be counted
//     reportEvents(from:to:detailedFrom:)                 a digest's events: counted, and in full for its weeks
//     event(id:) -> StoredEvent?
//     watchItems(from: Date?, to: Date?) -> [StoredWatchItem]
//     companies(since:) -> [CompanyCount]
//     searchArticles(_: ArticleSearch) -> [SearchHit]
//     eventCounts() -> (events: Int, mentions: Int, watchItems: Int)
import Foundation
import GRDB
import RegWatchCore

/// An article waiting for extraction.
public struct PendingArticle: Sendable, Hashable {
    public var id: Int64
    public var title: String?
    public var text: String
    public var published: Date?
    public var contentHash: String
    /// The first-seen article this one repeats.
    public var duplicateOfId: Int64?
    /// The duplicate's title and text are those of its original: only then are the original's mentions copied
    /// instead of extracting again (a near-duplicate, or another story at the same link, says what it says).
    public var sameTextAsOriginal = false
}

/// What the extractor found in one article, ready to store.
public struct ArticleExtraction: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case extracted(events: [ExtractedEvent], watch: [WatchItem])
        /// A duplicate: the mentions of that article, attached to this one as another source.
        case copy(of: Int64)
    }
    public var articleId: Int64
    public var contentHash: String
    public var content: Content

    public init(articleId: Int64, contentHash: String, content: Content) {
        self.articleId = articleId
        self.contentHash = contentHash
        self.content = content
    }
}

/// What `saveExtractions` changed.
public struct ExtractionReport: Sendable, Hashable {
    public var articles = 0
    public var mentions = 0
    public var eventsWritten = 0
    /// Events made only of mentions from articles seen for the first time, at least one of them from a
    /// feed that already had articles before `alertableBefore` (a new feed's backlog is not news).
    public var newEventIds: [String] = []
    /// Events made only of mentions from articles seen for the first time: the events this extraction created,
    /// a new feed's backlog included (what `pull` counts as new events).
    public var createdEventIds: [String] = []
    public init() {}
}

/// Filters of `regwatch events` (all optional; combined with AND).
public struct EventQuery: Sendable, Hashable {
    /// Lowercased canonical names: the event's actor or one of its targets is one of them.
    public var entities: [String] = []
    public var types: [EventKind] = []
    /// ISO 3166-1 alpha-2.
    public var country: String?
    /// Lowercased canonical product names.
    public var products: [String] = []
    public var status: EventStatus?
    /// Last seen at or after.
    public var since: Date?
    /// First seen before.
    public var until: Date?
    public var limit: Int?
    /// Oldest first instead of newest first.
    public var ascending = false
    /// Read each event's sources and related events (counting and trends need neither).
    public var details = true
    public init() {}
}

/// One row of `regwatch companies`.
public struct CompanyCount: Sendable, Hashable, Codable {
    public var name: String
    public var events: Int
    public var byType: [String: Int]
    public var asActor: Int
    public var asTarget: Int

    enum CodingKeys: String, CodingKey {
        case name, events
        case byType = "by_type"
        case asActor = "as_actor"
        case asTarget = "as_target"
    }
}

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
    public struct EventRef: Sendable, Hashable, Codable {
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
    // MARK: Writing

    /// Articles that were never extracted, or were edited since (oldest first), at most `limit`.
    public func pendingArticles(limit: Int) throws -> [PendingArticle] {
        try read { db in
            let mark = try Int64.fetchOne(db, sql: "SELECT MAX(articleId) FROM articleExtraction") ?? 0
            let fresh = try Row.fetchAll(db, sql: """
                SELECT id, title, text, published, contentHash, duplicateOfId,
                    \(Self.sameTextColumn)
                FROM article a WHERE id > ? ORDER BY id LIMIT ?
                """, arguments: [mark, limit])
            // Through the updatedAt index: ordered by id, SQLite would rather walk the whole article table.
            let edited = try Row.fetchAll(db, sql: """
                SELECT a.id, a.title, a.text, a.published, a.contentHash, a.duplicateOfId,
                    \(Self.sameTextColumn)
                FROM article a INDEXED BY article_on_updatedAt
                JOIN articleExtraction x ON x.articleId = a.id
                WHERE a.updatedAt IS NOT NULL AND x.contentHash != a.contentHash ORDER BY a.id LIMIT ?
                """, arguments: [limit])
            return (edited + fresh).map(Self.pending)
        }
    }

    /// Every article published (or first seen) at or after `since`, or all, oldest id first.
    public func articlesForReextraction(since: Date?) throws -> [PendingArticle] {
        try read { db in
            var sql = "SELECT id, title, text, published, contentHash, duplicateOfId, \(Self.sameTextColumn) FROM article a"
            var arguments: StatementArguments = []
            if let since { sql += " WHERE COALESCE(published, firstSeenAt) >= ?"; arguments += [since] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(Self.pending)
        }
    }

    /// Whether article `a` has the title and text of the article it duplicates.
    static let sameTextColumn = "(SELECT r.text = a.text AND r.title IS a.title FROM article r WHERE r.id = a.duplicateOfId) AS sameText"

    static func pending(_ row: Row) -> PendingArticle {
        PendingArticle(id: row["id"], title: row["title"], text: row["text"] ?? "", published: row["published"],
                       contentHash: row["contentHash"], duplicateOfId: row["duplicateOfId"],
                       sameTextAsOriginal: (row["sameText"] as Bool?) ?? false)
    }

    /// Stores the mentions and watch items of these articles (replacing what they had), then re-merges
    /// the events they touch, in one transaction.
    /// - Parameters:
    ///   - alertableBefore: the start of the pull; articles of feeds with no article before it are a
    ///     backlog and make no new events for alerts. `nil`: nothing is new (re-extraction).
    public func saveExtractions(_ extractions: [ArticleExtraction], options: MergeOptions = MergeOptions(),
                                alertableBefore: Date? = nil,
                                parties: any PartyResolving = LiteralParties()) throws -> ExtractionReport {
        try writeTransaction { db in
            var report = ExtractionReport()
            var touchedEvents: Set<String> = []
            var added: [MergeKey: [AddedMention]] = [:]
            var fresh: Set<Int64> = []       // mentions of articles seen for the first time
            var alertable: Set<Int64> = []
            var feedHasHistory: [Int64: Bool] = [:]

            for extraction in extractions.sorted(by: { $0.articleId < $1.articleId }) {
                let id = extraction.articleId
                guard let article = try Row.fetchOne(db, sql: """
                    SELECT a.id, a.feedId, a.identity, a.published, a.firstSeenAt, f.url AS feedURL FROM article a
                    JOIN feed f ON f.id = a.feedId WHERE a.id = ?
                    """, arguments: [id]) else { continue }
                let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM articleExtraction WHERE articleId = ?", arguments: [id]) ?? false
                let feedId: Int64 = article["feedId"]
                var isAlertable = false
                if let before = alertableBefore, !known {
                    if feedHasHistory[feedId] == nil {
                        feedHasHistory[feedId] = try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE feedId = ? AND firstSeenAt < ? LIMIT 1",
                                                                  arguments: [feedId, before]) ?? false
                    }
                    isAlertable = feedHasHistory[feedId]!
                }

                // What this article said before, and what copied it.
                touchedEvents.formUnion(try String.fetchAll(db, sql: """
                    SELECT DISTINCT eventId FROM mention WHERE (extractedFromId = ? OR articleId = ?) AND eventId IS NOT NULL
                    """, arguments: [id, id]))
                try probeRemoved(db, "articleId = ?", id, into: &added, parties: parties)
                try db.execute(sql: "DELETE FROM mention WHERE articleId = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM watchMention WHERE articleId = ?", arguments: [id])
                try db.execute(sql: "INSERT OR REPLACE INTO articleExtraction (articleId, contentHash) VALUES (?, ?)",
                               arguments: [id, extraction.contentHash])
                report.articles += 1

                let events: [ExtractedEvent]
                let watch: [WatchItem]
                switch extraction.content {
                case .extracted(let e, let w):
                    events = e
                    watch = w
                case .copy(let rootId):
                    events = try Self.storedMentions(db, of: rootId)
                    watch = try Self.storedWatch(db, of: rootId)
                }
                let extractedFrom: Int64
                if case .copy(let rootId) = extraction.content { extractedFrom = rootId } else { extractedFrom = id }
                let targetsOfCopies: [Row]
                if case .extracted = extraction.content {
                    // Copies of this article, already stored, take the new mentions too: the duplicates that
                    // copied its mentions before, or that have its title and text. A duplicate that was
                    // extracted from its own text keeps what it says.
                    touchedEvents.formUnion(try String.fetchAll(db, sql: """
                        SELECT DISTINCT eventId FROM mention WHERE extractedFromId = ? AND eventId IS NOT NULL
                        """, arguments: [id]))
                    let copiedBefore = Set(try Int64.fetchAll(db, sql: """
                        SELECT DISTINCT articleId FROM mention WHERE extractedFromId = ? AND articleId != ?
                        UNION SELECT DISTINCT articleId FROM watchMention WHERE extractedFromId = ? AND articleId != ?
                        """, arguments: [id, id, id, id]))
                    try probeRemoved(db, "extractedFromId = ?", id, into: &added, parties: parties)
                    try db.execute(sql: "DELETE FROM mention WHERE extractedFromId = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM watchMention WHERE extractedFromId = ?", arguments: [id])
                    targetsOfCopies = try Row.fetchAll(db, sql: """
                        SELECT a.id, a.identity, a.published, a.firstSeenAt, f.url AS feedURL,
                            (a.text = r.text AND a.title IS r.title) AS sameText
                        FROM article a JOIN article r ON r.id = a.duplicateOfId
                        JOIN feed f ON f.id = a.feedId JOIN articleExtraction x ON x.articleId = a.id
                        WHERE a.duplicateOfId = ? ORDER BY a.id
                        """, arguments: [id]).filter { copiedBefore.contains($0["id"]) || ($0["sameText"] as Bool?) == true }
                } else {
                    targetsOfCopies = []
                }

                for (isCopy, target) in [(false, article)] + targetsOfCopies.map({ (true, $0) }) {
                    let articleId: Int64 = target["id"]
                    let at: Date = target["published"] ?? target["firstSeenAt"]
                    let base = "\(target["feedURL"] as String)|\(target["identity"] as String)"
                    for (ordinal, event) in events.enumerated() {
                        let actorKey = parties.actorKey(event.actor)
                        // An act the article tells again from an earlier year is placed when it happened.
                        let at = event.occurred.flatMap(Self.statedDay) ?? at
                        try db.execute(sql: """
                            INSERT INTO mention (articleId, extractedFromId, ordinal, type, status, actor, actorKey, targets, product,
                                productKey, countries, method, evidence, evidenceStart, evidenceEnd, confidence, at, stableKey, parties,
                                occurred)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [articleId, extractedFrom, ordinal, event.type.rawValue, event.status.rawValue, event.actor,
                                             actorKey, Self.json(event.targets), event.product, event.product?.lowercased(),
                                             Self.json(event.countries),
                                             Self.json(event.method), event.evidence, event.evidenceRange?.lowerBound,
                                             event.evidenceRange?.upperBound, event.confidence, at,
                                             base + "|" + String(format: "%04d", ordinal), Self.json(event.parties),
                                             event.occurred])
                        let mentionId = db.lastInsertedRowID
                        if !known && !isCopy { fresh.insert(mentionId) }
                        if isAlertable && !isCopy { alertable.insert(mentionId) }
                        added[MergeKey(type: event.type.rawValue, actorKey: actorKey), default: []].append(
                            AddedMention(id: mentionId, at: at, actorKey: actorKey, targets: event.targets.map { $0.lowercased() },
                                         groups: event.targets.compactMap(parties.groupKey), product: event.product?.lowercased()))
                        report.mentions += 1
                    }
                    for item in watch {
                        try db.execute(sql: """
                            INSERT INTO watchMention (articleId, extractedFromId, text, textKey, entities, date, at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [articleId, extractedFrom, item.text, Self.textKey(item.text), Self.json(item.entities),
                                             item.date, at])
                    }
                }
            }

            let merged = try remerge(db, added: added, touched: touchedEvents, options: options, parties: parties)
            report.eventsWritten = merged.count
            for (eventId, mentionIds) in merged.sorted(by: { $0.key < $1.key }) {
                guard mentionIds.allSatisfy(fresh.contains) else { continue }
                report.createdEventIds.append(eventId)
                guard mentionIds.contains(where: alertable.contains) else { continue }
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM eventAlert WHERE eventId = ?", arguments: [eventId]) == true { continue }
                report.newEventIds.append(eventId)
            }
            return report
        }
    }

    /// Mentions about to be removed, as probes (id 0, read by no one) among the added ones: the mentions around them
    /// that join the one event around them (`EventMerger.attaches`) may decide otherwise without them.
    private func probeRemoved(_ db: Database, _ condition: String, _ id: Int64, into added: inout [MergeKey: [AddedMention]],
                              parties: any PartyResolving) throws {
        for row in try Row.fetchAll(db, sql: "SELECT type, actorKey, at, targets, productKey FROM mention WHERE \(condition)",
                                    arguments: [id]) {
            let targets = Self.strings(row["targets"])
            added[MergeKey(type: row["type"], actorKey: row["actorKey"]), default: []].append(
                AddedMention(id: 0, at: row["at"], actorKey: row["actorKey"], targets: targets.map { $0.lowercased() },
                             groups: targets.compactMap(parties.groupKey), product: row["productKey"]))
        }
    }

    private func writeTransaction<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try writerForEvents.write(body)
    }

    /// Mentions that may merge share a key: type and actor, except workarounds, whose circumventers are
    /// named loosely ("ByteDance", "Chinese firms", "ByteDance; Ant Financial") and are grouped by type alone.
    struct MergeKey: Hashable, Comparable {
        static let anyActor = "*"
        var type: String
        var actorKey: String

        init(type: String, actorKey: String) {
            self.type = type
            self.actorKey = EventMerger.mergesAcrossActors(type) ? Self.anyActor : actorKey
        }

        static func < (a: MergeKey, b: MergeKey) -> Bool { (a.type, a.actorKey) < (b.type, b.actorKey) }
    }

    /// A mention stored by this transaction, with what its merge candidates are looked up by.
    struct AddedMention {
        var id: Int64
        var at: Date
        var actorKey: String
        /// Lowercased, as `EventMerger` compares them.
        var targets: [String]
        /// The groups described targets resolve to.
        var groups: [String]
        var product: String?
    }

    /// Merges the added mentions, and what is left of the changed events, into the stored events; returns the
    /// events written and their mentions.
    ///
    /// A stored event is already a connected component, so it changes only if an added mention links to one
    /// of its mentions (or one of its own mentions went). Only those candidates are read, each through an index:
    /// the events of the mention's type (and actor, but for workarounds) within the window that share one of its
    /// targets (`eventEntity`) or its product (`mention.productKey`, v4), or that name neither when it names
    /// neither. Clustering the candidates' mentions with the added ones gives the components that clustering
    /// every mention would give. A cluster that comes out with the same id and mentions as its stored event is
    /// left alone, links included, so the cost follows what changed, not the size of the store.
    private func remerge(_ db: Database, added: [MergeKey: [AddedMention]], touched: Set<String>,
                         options: MergeOptions, parties: any PartyResolving) throws -> [String: [Int64]] {
        // Changed events: what is left of their mentions is clustered again (it may split, or be gone). Candidates are
        // gathered by type: a mention without actor may join an event of any actor (`EventMerger.attaches`).
        var candidates: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, type FROM event WHERE id IN (\(Self.quoted(touched)))") {
            candidates[row["type"], default: []].insert(row["id"])
        }
        var addedByType: [String: [AddedMention]] = [:]
        // A mention links to another of its key that shares a target or the product, or, when neither names
        // anything acted upon, to one that does not either (`EventMerger.Signature.links`).
        let byTarget = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.role = 'target' AND x.type = ? AND e.firstSeen <= ?
            """)
        let byTargetAndActor = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventEntity x JOIN event e ON e.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.role = 'target' AND x.type = ? AND e.firstSeen <= ? AND e.actorKey = ?
            """)
        let byGroup = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventGroup x JOIN event e ON e.id = x.eventId
            WHERE x.groupKey = ? AND x.lastSeen >= ? AND x.type = ? AND e.firstSeen <= ?
            """)
        let byGroupAndActor = try db.cachedStatement(sql: """
            SELECT x.eventId FROM eventGroup x JOIN event e ON e.id = x.eventId
            WHERE x.groupKey = ? AND x.lastSeen >= ? AND x.type = ? AND e.firstSeen <= ? AND e.actorKey = ?
            """)
        let byProduct = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = 'workaround' AND productKey = ? AND at >= ? AND at <= ? AND eventId IS NOT NULL
            """)
        let byProductAndActor = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND productKey = ?
            AND eventId IS NOT NULL
            """)
        let byActorAlone = try db.cachedStatement(sql: """
            SELECT DISTINCT eventId FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ? AND productKey IS NULL
            AND targets = '[]' AND eventId IS NOT NULL
            """)
        // The mentions without actor around a mention, whichever event they joined.
        let actorlessAround = try db.cachedStatement(sql: """
            SELECT eventId, targets FROM mention WHERE type = ? AND actorKey = '' AND at >= ? AND at <= ? AND eventId IS NOT NULL
            """)
        // The mentions of an actor that name something, around a mention that names nothing (`EventMerger.mayTake`).
        let namingOfActor = try db.cachedStatement(sql: """
            SELECT * FROM mention WHERE type = ? AND actorKey = ? AND at >= ? AND at <= ?
            AND NOT (productKey IS NULL AND targets = '[]')
            """)
        for (key, mentions) in added {
            var found = candidates[key.type] ?? []
            let anyActor = key.actorKey == MergeKey.anyActor
            for m in mentions {
                let from = m.at.addingTimeInterval(-options.window)
                let to = m.at.addingTimeInterval(options.window)
                for target in Set(m.targets) {
                    found.formUnion(anyActor ? try String.fetchAll(byTarget, arguments: [target, from, key.type, to])
                        : try String.fetchAll(byTargetAndActor, arguments: [target, from, key.type, to, key.actorKey]))
                }
                if !anyActor {
                    for group in Set(m.groups) {
                        found.formUnion(try String.fetchAll(byGroupAndActor, arguments: [group, from, key.type, to, key.actorKey]))
                    }
                }
                if let product = m.product {
                    found.formUnion(anyActor ? try String.fetchAll(byProduct, arguments: [product, from, to])
                        : try String.fetchAll(byProductAndActor, arguments: [key.type, key.actorKey, from, to, product]))
                }
                if !anyActor && !key.actorKey.isEmpty {
                    // The mentions of this actor that name nothing around it: they link to it, or may now join
                    // the one event around them or no longer (`EventMerger.attaches`).
                    found.formUnion(try String.fetchAll(byActorAlone, arguments: [key.type, key.actorKey, from, to]))
                    // So may the mentions without actor that share one of its targets, wherever they sit now.
                    let targets = Set(m.targets)
                    let groups = Set(m.groups)
                    if !targets.isEmpty || !groups.isEmpty {
                        for row in try Row.fetchAll(actorlessAround, arguments: [key.type, from, to]) {
                            let theirs: [String] = Self.strings(row["targets"])
                            if theirs.contains(where: { targets.contains($0.lowercased()) })
                                || theirs.contains(where: { parties.groupKey($0).map(groups.contains) == true }) {
                                found.insert(row["eventId"])
                            }
                        }
                    }
                }
            }
            candidates[key.type] = found
            addedByType[key.type, default: []] += mentions
        }

        // Cluster each type's candidates with its added mentions; keep what did not change.
        var gone: [String] = []
        var clusters: [(event: StoredEvent, mentions: [MentionValue])] = []
        for type in Set(candidates.keys).union(addedByType.keys).sorted() {
            var eventSet = candidates[type] ?? []
            var rows = try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE eventId IN (\(Self.quoted(eventSet.sorted())))")
            let addedIds = (addedByType[type] ?? []).map(\.id)
            var addedValues: [MentionValue] = []
            if !addedIds.isEmpty {
                let addedRows = try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE id IN (\(addedIds.map(String.init).joined(separator: ",")))")
                rows += addedRows
                addedValues = addedRows.map(Self.mentionValue)
            }
            // A mention that may join the one event around it (`EventMerger.attaches`): what may take it is read for
            // each, and the events it joins are clustered with the others (they may bring more such mentions).
            var neighbours: [Int64: [MentionValue]] = [:]
            if !EventMerger.mergesAcrossActors(type) {
                var pending = rows.map(Self.mentionValue).filter(EventMerger.attaches)
                while let m = pending.popLast() {
                    guard neighbours[m.id] == nil else { continue }
                    let from = m.at.addingTimeInterval(-options.window)
                    let to = m.at.addingTimeInterval(options.window)
                    var around: [MentionValue]
                    if !m.actorKey.isEmpty {
                        around = try Row.fetchAll(namingOfActor, arguments: [type, m.actorKey, from, to]).map(Self.mentionValue)
                    } else {
                        // The events of any actor that share one of its targets, by name or by group; and what this
                        // transaction adds, which is in no event yet.
                        var ids: Set<String> = []
                        for target in Set(m.targets.map { $0.lowercased() }) {
                            ids.formUnion(try String.fetchAll(byTarget, arguments: [target, from, type, to]))
                        }
                        for group in Set(m.targets.compactMap(parties.groupKey)) {
                            ids.formUnion(try String.fetchAll(byGroup, arguments: [group, from, type, to]))
                        }
                        around = try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE eventId IN (\(Self.quoted(ids.sorted())))")
                            .map(Self.mentionValue) + addedValues
                    }
                    around = around.filter { EventMerger.mayTake($0, m, options: options, parties: parties) }
                    neighbours[m.id] = around
                    let more = Set(around.compactMap(\.eventId)).subtracting(eventSet)
                    guard !more.isEmpty, EventMerger.groupCount(around, options: options, parties: parties) == 1 else { continue }
                    eventSet.formUnion(more)
                    let extra = try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE eventId IN (\(Self.quoted(more.sorted())))")
                    rows += extra
                    pending += extra.map(Self.mentionValue).filter(EventMerger.attaches)
                }
            }
            let events = eventSet.sorted()
            var storedIn: [Int64: String] = [:]
            var storedCount: [String: Int] = [:]
            for row in rows {
                if let eventId: String = row["eventId"] {
                    storedIn[row["id"]] = eventId
                    storedCount[eventId, default: 0] += 1
                }
            }
            var kept: Set<String> = []
            for cluster in EventMerger.cluster(rows.map(Self.mentionValue), options: options, parties: parties,
                                               neighbours: neighbours) {
                let event = EventMerger.event(of: cluster, sources: [])
                if !touched.contains(event.id), storedCount[event.id] == cluster.count,
                   cluster.allSatisfy({ storedIn[$0.id] == event.id }) {
                    kept.insert(event.id)
                } else {
                    clusters.append((event, cluster))
                }
            }
            gone += events.filter { !kept.contains($0) }
        }

        // The replaced events go, with their links.
        let goneList = Self.quoted(gone)
        let brokenLinks = try Row.fetchAll(db, sql: """
            SELECT eventId, relatedId FROM eventRelation WHERE relatedId IN (\(goneList)) AND relation IN ('circumvents', 'lifts')
            ORDER BY eventId
            """).map { (owner: $0["eventId"] as String, related: $0["relatedId"] as String) }
        let brokenBefore = try LinkCandidate.load(db, ids: Set(brokenLinks.map(\.related)))
        // `entityStat` moves by what went and what came, so an entity's count is not recounted from all its events.
        var counts: [StatKey: Int] = [:]
        var names: [StatKey: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT entity, type, role FROM eventEntity WHERE eventId IN (\(goneList)) AND role IN ('actor', 'target')
            """) {
            counts[StatKey(entity: row["entity"], type: row["type"], role: row["role"]), default: 0] -= 1
        }
        try db.execute(sql: "DELETE FROM event WHERE id IN (\(goneList))")
        var written: [String: [Int64]] = [:]
        for (event, cluster) in clusters {
            let sourceCount = Set(cluster.map(\.articleId)).count
            try insert(db, event, actorKey: cluster[0].actorKey, sourceCount: sourceCount)
            if !EventMerger.mergesAcrossActors(event.type) {
                let groups = Set(cluster.flatMap { $0.targets.compactMap(parties.groupKey) })
                let statement = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO eventGroup (groupKey, lastSeen, eventId, type) VALUES (?, ?, ?, ?)
                    """)
                for group in groups.sorted() {
                    try statement.execute(arguments: [group, event.lastSeen, event.id, event.type.rawValue])
                }
            }
            let ids = cluster.map(\.id)
            try db.execute(sql: "UPDATE mention SET eventId = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))",
                           arguments: [event.id])
            written[event.id] = ids
            for row in Self.entityRows(event) where row.role == "actor" || row.role == "target" {
                let key = StatKey(entity: row.entity, type: event.type.rawValue, role: row.role)
                counts[key, default: 0] += 1
                names[key] = min(names[key] ?? row.name, row.name)
            }
        }

        // Links. A written workaround or lift is linked from scratch. The others keep their link unless a written
        // ban, block or restriction outranks it; one whose link went is compared with the written ones first, as
        // the best link is a maximum over the candidates (see `challengeLinks`). This gives what linking everything
        // from scratch would.
        let ownerTypes: Set<EventKind> = [.workaround, .lift]
        var fromScratch = Set(clusters.filter { ownerTypes.contains($0.event.type) }.map(\.event.id))
        let brokenOwners = try LinkOwner.load(db, ids: Set(brokenLinks.map(\.owner)).subtracting(fromScratch))
        var broken: [String: Rank] = [:]
        for (ownerId, relatedId) in brokenLinks where !fromScratch.contains(ownerId) {
            guard let owner = brokenOwners[ownerId] else { continue }  // gone, not written again
            if let candidate = brokenBefore[relatedId], let rank = owner.rank(candidate, options: options) {
                broken[ownerId] = Rank(score: rank.score, firstSeen: rank.firstSeen, id: relatedId)
            } else {
                fromScratch.insert(ownerId)
            }
        }
        for id in fromScratch.sorted() { try link(db, eventId: id, options: options) }
        try challengeLinks(db, by: clusters.map(\.event), skipping: fromScratch, broken: broken, options: options)

        let changedCounts = counts.filter { $0.value != 0 }
        for (key, change) in changedCounts.sorted(by: { $0.key < $1.key }) {
            if change > 0 {
                // The name shown is the smallest spelling among the entity's events.
                try db.execute(sql: """
                    INSERT INTO entityStat (entity, type, role, name, count) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (entity, type, role) DO UPDATE SET count = count + excluded.count, name = MIN(name, excluded.name)
                    """, arguments: [key.entity, key.type, key.role, names[key] ?? key.entity, change])
            } else {
                try db.execute(sql: "UPDATE entityStat SET count = count + ? WHERE entity = ? AND type = ? AND role = ?",
                               arguments: [change, key.entity, key.type, key.role])
                try db.execute(sql: "DELETE FROM entityStat WHERE entity = ? AND type = ? AND role = ? AND count <= 0",
                               arguments: [key.entity, key.type, key.role])
            }
        }
        return written
    }

    struct StatKey: Hashable, Comparable {
        var entity: String
        var type: String
        var role: String
        static func < (a: StatKey, b: StatKey) -> Bool { (a.entity, a.type, a.role) < (b.entity, b.type, b.role) }
    }

    /// `'a','b'` for an `IN (…)` list of event ids (`''` when empty, which matches nothing).
    static func quoted<S: Sequence<String>>(_ ids: S) -> String {
        let list = ids.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")
        return list.isEmpty ? "''" : list
    }

    struct EntityRow { var entity: String; var name: String; var role: String }

    static func entityRows(_ event: StoredEvent) -> [EntityRow] {
        var rows: [EntityRow] = []
        var seen: Set<String> = []
        if let actor = event.actor, !actor.isEmpty {
            rows.append(EntityRow(entity: actor.lowercased(), name: actor, role: "actor"))
            seen.insert(actor.lowercased() + "|actor")
        }
        for t in event.targets where seen.insert(t.lowercased() + "|target").inserted {
            rows.append(EntityRow(entity: t.lowercased(), name: t, role: "target"))
        }
        if let p = event.product { rows.append(EntityRow(entity: p.lowercased(), name: p, role: "product")) }
        for party in event.parties where seen.insert(party.lowercased() + "|party").inserted {
            rows.append(EntityRow(entity: party.lowercased(), name: party, role: "party"))
        }
        return rows
    }

    private func insert(_ db: Database, _ event: StoredEvent, actorKey: String, sourceCount: Int) throws {
        try db.execute(sql: """
            INSERT INTO event (id, type, actorKey, status, actor, targets, product, countries, method, evidence, confidence,
                firstSeen, lastSeen, sourceCount, statusHistory, parties)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [event.id, event.type.rawValue, actorKey, event.status.rawValue, event.actor, Self.json(event.targets),
                             event.product, Self.json(event.countries), Self.json(event.method), event.evidence,
                             event.confidence, event.firstSeen, event.lastSeen, sourceCount,
                             Self.historyJSON(event.statusHistory), Self.json(event.parties)])
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO eventEntity (entity, lastSeen, eventId, role, name, type) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for row in Self.entityRows(event) {
            try statement.execute(arguments: [row.entity, event.lastSeen, event.id, row.role, row.name, event.type.rawValue])
        }
    }

    /// A workaround or lift, as its candidate links are ranked.
    struct LinkOwner {
        var id: String
        var type: EventKind
        var firstSeen: Date
        var lastSeen: Date
        var actor: String?
        var targets: Set<String>
        var product: String?
        /// Actor, targets and product: a candidate must share one.
        var parties: Set<String>

        init(_ event: StoredEvent) {
            self.init(id: event.id, type: event.type, firstSeen: event.firstSeen, lastSeen: event.lastSeen,
                      rows: RegWatchStore.entityRows(event).map { ($0.entity, $0.role) })
        }

        /// From the event's `eventEntity` rows, which hold the same names, lowercased.
        init(id: String, type: EventKind, firstSeen: Date, lastSeen: Date, rows: [(entity: String, role: String)]) {
            self.id = id
            self.type = type
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            targets = []
            for row in rows {
                switch row.role {
                case "actor": actor = row.entity
                case "target": targets.insert(row.entity)
                case "product": product = row.entity
                default: break   // parties named around the event rank no link
                }
            }
            parties = targets.union([actor, product].compactMap { $0 })
        }

        /// The workarounds and lifts among `ids`, read in one query.
        static func load(_ db: Database, ids: Set<String>) throws -> [String: LinkOwner] {
            var rows: [String: (type: EventKind, firstSeen: Date, lastSeen: Date, rows: [(entity: String, role: String)])] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT x.eventId, x.entity, x.role, x.type, e.firstSeen, e.lastSeen FROM eventEntity x JOIN event e ON e.id = x.eventId
                WHERE x.eventId IN (\(RegWatchStore.quoted(ids.sorted()))) AND x.type IN ('workaround', 'lift')
                """) {
                let id: String = row["eventId"]
                rows[id, default: (EventKind(rawValue: row["type"]) ?? .workaround, row["firstSeen"], row["lastSeen"], [])]
                    .rows.append((row["entity"], row["role"]))
            }
            var owners: [String: LinkOwner] = [:]
            for (id, r) in rows {
                owners[id] = LinkOwner(id: id, type: r.type, firstSeen: r.firstSeen, lastSeen: r.lastSeen, rows: r.rows)
            }
            return owners
        }

        /// What one `eventEntity` row of a candidate adds to its score. A workaround: its circumventer among those
        /// blocked (2), the blocker among its parties (2). A lift: the same actor (2). Both: each shared target (1),
        /// the same product (1).
        func points(entity: String, role: String) -> Int {
            switch role {
            case "actor":
                return type == .workaround ? (parties.contains(entity) ? 2 : 0) : (entity == actor ? 2 : 0)
            case "target":
                return (type == .workaround && entity == actor ? 2 : 0) + (targets.contains(entity) ? 1 : 0)
            case "product":
                return entity == product ? 1 : 0
            default:
                return 0
            }
        }

        /// A candidate's score and first report, or nil when it cannot be linked: reported more than the horizon
        /// before this event or more than a window after it, or a score under 2. Candidates rank by score, then the
        /// latest first report, then id.
        func rank(_ candidate: LinkCandidate, options: MergeOptions) -> (score: Int, firstSeen: Date)? {
            guard candidate.lastSeen >= firstSeen.addingTimeInterval(-options.relationHorizon),
                  candidate.firstSeen <= lastSeen.addingTimeInterval(options.window) else { return nil }
            let score = candidate.rows.reduce(0) { $0 + points(entity: $1.entity, role: $1.role) }
            return score >= 2 ? (score, candidate.firstSeen) : nil
        }

        var relations: (forward: String, backward: String) {
            type == .workaround ? ("circumvents", "circumvented_by") : ("lifts", "lifted_by")
        }
    }

    /// A ban, block or restriction, as a workaround or lift ranks it: its `eventEntity` rows and dates.
    struct LinkCandidate {
        var id: String
        var firstSeen: Date
        var lastSeen: Date
        var rows: [(entity: String, role: String)]

        init(_ event: StoredEvent) {
            id = event.id
            firstSeen = event.firstSeen
            lastSeen = event.lastSeen
            rows = RegWatchStore.entityRows(event).map { ($0.entity, $0.role) }
        }

        init(id: String, firstSeen: Date, lastSeen: Date, rows: [(entity: String, role: String)]) {
            self.id = id
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.rows = rows
        }

        /// Groups rows (`eventId`, `entity`, `role`, `firstSeen`, `lastSeen`) by event.
        static func grouped(_ rows: [Row]) -> [String: LinkCandidate] {
            var result: [String: LinkCandidate] = [:]
            for row in rows {
                let id: String = row["eventId"]
                result[id, default: LinkCandidate(id: id, firstSeen: row["firstSeen"], lastSeen: row["lastSeen"], rows: [])]
                    .rows.append((row["entity"], row["role"]))
            }
            return result
        }

        static func load(_ db: Database, ids: Set<String>) throws -> [String: LinkCandidate] {
            grouped(try Row.fetchAll(db, sql: """
                SELECT x.eventId, x.entity, x.role, e.firstSeen, e.lastSeen FROM eventEntity x JOIN event e ON e.id = x.eventId
                WHERE x.eventId IN (\(RegWatchStore.quoted(ids.sorted())))
                """))
        }
    }

    /// Links a workaround to the ban, block or restriction it circumvents, or a lift to what it lifts: the best
    /// ranked candidate (`LinkOwner.rank`, scored here by SQLite over `eventEntity`) among those sharing a party.
    /// - Parameter since: consider only candidates last seen on or after this (a caller that knows the best one
    ///   cannot be older).
    private func link(_ db: Database, eventId: String, options: MergeOptions, since: Date? = nil) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [eventId]) else { return }
        let owner = LinkOwner(Self.storedEvent(row))
        // Only workarounds and lifts own links; a block's links belong to the workarounds that answer it.
        guard owner.type == .workaround || owner.type == .lift else { return }
        try db.execute(sql: "DELETE FROM eventRelation WHERE eventId = ? OR relatedId = ?", arguments: [eventId, eventId])
        guard !owner.parties.isEmpty else { return }
        var from = owner.firstSeen.addingTimeInterval(-options.relationHorizon)
        if let since, since > from { from = since }
        // `LinkOwner.points` in SQL. A candidate's actor row is only read when it is one of the parties.
        func list(_ names: [String]) -> String { names.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",") }
        let actor = list(owner.actor.map { [$0] } ?? [])
        let targets = list(owner.targets.sorted())
        let product = list(owner.product.map { [$0] } ?? [])
        let points = owner.type == .workaround
            ? "CASE x.role WHEN 'actor' THEN 2 WHEN 'target' THEN 2 * (x.entity IN (\(actor))) + (x.entity IN (\(targets))) "
                + "WHEN 'product' THEN (x.entity IN (\(product))) ELSE 0 END"
            : "CASE x.role WHEN 'actor' THEN 2 * (x.entity IN (\(actor))) WHEN 'target' THEN (x.entity IN (\(targets))) "
                + "WHEN 'product' THEN (x.entity IN (\(product))) ELSE 0 END"
        let best = try String.fetchOne(db, sql: """
            SELECT s.eventId FROM (
                SELECT x.eventId, SUM(\(points)) AS score FROM eventEntity x
                WHERE x.entity IN (\(list(owner.parties.sorted()))) AND x.lastSeen >= ? AND x.type IN ('ban', 'block', 'restriction')
                GROUP BY x.eventId HAVING score >= 2) s
            JOIN event e ON e.id = s.eventId WHERE e.firstSeen <= ?
            ORDER BY s.score DESC, e.firstSeen DESC, s.eventId DESC LIMIT 1
            """, arguments: [from, owner.lastSeen.addingTimeInterval(options.window)])
        if let best { try setLink(db, owner, to: best) }
    }

    /// How a candidate link ranks: by score, then the latest first report, then id.
    struct Rank: Comparable {
        var score: Int
        var firstSeen: Date
        var id: String
        static func < (a: Rank, b: Rank) -> Bool { (a.score, a.firstSeen, a.id) < (b.score, b.firstSeen, b.id) }
    }

    /// Gives each stored workaround or lift that one of `events` (the bans, blocks and restrictions among them)
    /// outranks that event as its link.
    ///
    /// `broken` holds the workarounds and lifts whose link was replaced, with the rank it had. Every stored
    /// candidate ranked at most that, so the best written one wins if it ranks as high; otherwise only a stored
    /// candidate ranked between the two can win, and when both have the same score such a candidate was last seen
    /// no earlier than the written one's first report: `link(since:)` searches just those. Else, from scratch.
    /// - Returns: how many workarounds and lifts were compared, and how many were searched again.
    @discardableResult
    private func challengeLinks(_ db: Database, by events: [StoredEvent], skipping: Set<String>, broken: [String: Rank],
                                options: MergeOptions) throws -> (compared: Int, searched: Int) {
        let challengers = events.filter { [.ban, .block, .restriction].contains($0.type) }.map(LinkCandidate.init)
        var byEntity: [String: [Int]] = [:]
        for (i, challenger) in challengers.enumerated() {
            for entity in Set(challenger.rows.map(\.entity)) { byEntity[entity, default: []].append(i) }
        }
        // The workarounds and lifts sharing a party with a challenger, reported no earlier than a window before
        // its first report and no later than the horizon after its last: those that can link to it.
        let answering = try db.cachedStatement(sql: """
            SELECT x.eventId, x.lastSeen, w.firstSeen FROM eventEntity x JOIN event w ON w.id = x.eventId
            WHERE x.entity = ? AND x.lastSeen >= ? AND x.type IN ('workaround', 'lift') AND w.firstSeen <= ?
            """)
        var pairs: [String: Set<Int>] = [:]
        for id in broken.keys { pairs[id] = [] }
        for (entity, indices) in byEntity.sorted(by: { $0.key < $1.key }) {
            let from = indices.map { challengers[$0].firstSeen }.min()!.addingTimeInterval(-options.window)
            let to = indices.map { challengers[$0].lastSeen }.max()!.addingTimeInterval(options.relationHorizon)
            for row in try Row.fetchAll(answering, arguments: [entity, from, to]) {
                let id: String = row[0]
                guard !skipping.contains(id) else { continue }
                let lastSeen: Date = row[1]
                let firstSeen: Date = row[2]
                for i in indices where lastSeen >= challengers[i].firstSeen.addingTimeInterval(-options.window)
                    && firstSeen <= challengers[i].lastSeen.addingTimeInterval(options.relationHorizon) {
                    pairs[id, default: []].insert(i)
                }
            }
        }
        guard !pairs.isEmpty else { return (0, 0) }
        let owners = try LinkOwner.load(db, ids: Set(pairs.keys))
        var current: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT eventId, relatedId FROM eventRelation WHERE eventId IN (\(Self.quoted(pairs.keys.sorted())))
            AND relation IN ('circumvents', 'lifts')
            """) {
            current[row["eventId"]] = row["relatedId"]
        }
        let linked = try LinkCandidate.load(db, ids: Set(current.values))
        // Thousands of workarounds and lifts each meet dozens of challengers: `LinkOwner.rank` with names as numbers.
        var codes: [String: Int] = [:]
        func code(_ name: String) -> Int {
            if let c = codes[name] { return c }
            codes[name] = codes.count
            return codes.count - 1
        }
        let roles = ["actor": 0, "target": 1, "product": 2]
        let coded = challengers.map { c in c.rows.map { (entity: code($0.entity), role: roles[$0.role] ?? 3) } }
        var searched = 0
        for (id, indices) in pairs.sorted(by: { $0.key < $1.key }) {
            guard let owner = owners[id] else { continue }
            // Only the owner's parties earn points; what each earns in each role.
            let weights = owner.parties.map { party in
                (entity: code(party), points: [owner.points(entity: party, role: "actor"), owner.points(entity: party, role: "target"),
                                               owner.points(entity: party, role: "product"), 0])
            }
            let earliest = owner.firstSeen.addingTimeInterval(-options.relationHorizon)
            let latest = owner.lastSeen.addingTimeInterval(options.window)
            var best: Rank?
            for i in indices {
                let challenger = challengers[i]
                guard challenger.lastSeen >= earliest, challenger.firstSeen <= latest else { continue }
                var score = 0
                for row in coded[i] {
                    for weight in weights where weight.entity == row.entity { score += weight.points[row.role] }
                }
                guard score >= 2 else { continue }
                let candidate = Rank(score: score, firstSeen: challenger.firstSeen, id: challenger.id)
                if best == nil || candidate > best! { best = candidate }
            }
            if let old = broken[id] {
                if let best, best >= old {
                    try setLink(db, owner, to: best.id)
                } else {
                    searched += 1
                    try link(db, eventId: id, options: options, since: best.flatMap { $0.score == old.score ? $0.firstSeen : nil })
                }
                continue
            }
            var currentRank: Rank?
            if let relatedId = current[id], let candidate = linked[relatedId], let rank = owner.rank(candidate, options: options) {
                currentRank = Rank(score: rank.score, firstSeen: rank.firstSeen, id: relatedId)
            }
            guard let best, currentRank == nil || best > currentRank!, best.id != current[id] else { continue }
            try db.execute(sql: "DELETE FROM eventRelation WHERE eventId = ? OR relatedId = ?", arguments: [id, id])
            try setLink(db, owner, to: best.id)
        }
        return (pairs.count, searched)
    }

    private func setLink(_ db: Database, _ owner: LinkOwner, to relatedId: String) throws {
        let (forward, backward) = owner.relations
        try db.execute(sql: "INSERT OR IGNORE INTO eventRelation (eventId, relatedId, relation) VALUES (?, ?, ?)",
                       arguments: [owner.id, relatedId, forward])
        try db.execute(sql: "INSERT OR IGNORE INTO eventRelation (eventId, relatedId, relation) VALUES (?, ?, ?)",
                       arguments: [relatedId, owner.id, backward])
    }

    static func storedMentions(_ db: Database, of articleId: Int64) throws -> [ExtractedEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE articleId = ? ORDER BY ordinal", arguments: [articleId]).map { row in
            let start: Int? = row["evidenceStart"]
            let end: Int? = row["evidenceEnd"]
            var event = ExtractedEvent(type: EventKind(rawValue: row["type"]) ?? .ban, status: EventStatus(rawValue: row["status"]) ?? .inEffect,
                                  actor: row["actor"], targets: strings(row["targets"]), product: row["product"],
                                  countries: strings(row["countries"]), method: strings(row["method"]), evidence: row["evidence"],
                                  confidence: row["confidence"], evidenceRange: start.flatMap { s in end.map { s..<max(s, $0) } })
            event.parties = strings(row["parties"])
            event.occurred = row["occurred"]
            return event
        }
    }

    static func storedWatch(_ db: Database, of articleId: Int64) throws -> [WatchItem] {
        try Row.fetchAll(db, sql: "SELECT * FROM watchMention WHERE articleId = ? ORDER BY id", arguments: [articleId]).map { row in
            WatchItem(text: row["text"], entities: strings(row["entities"]), date: row["date"])
        }
    }

    static func mentionValue(_ row: Row) -> MentionValue {
        MentionValue(id: row["id"], articleId: row["articleId"], type: EventKind(rawValue: row["type"]) ?? .ban,
                     status: EventStatus(rawValue: row["status"]) ?? .inEffect, actor: row["actor"], actorKey: row["actorKey"],
                     targets: strings(row["targets"]), product: row["product"], countries: strings(row["countries"]),
                     method: strings(row["method"]), evidence: row["evidence"], confidence: row["confidence"], at: row["at"],
                     stableKey: row["stableKey"], parties: strings(row["parties"]), eventId: row["eventId"])
    }

    // MARK: Alerts

    /// Records that these events were announced, so they never are again.
    public func markAlerted(_ ids: [String], now: Date = Date()) throws {
        try writerForEvents.write { db in
            for id in ids {
                try db.execute(sql: "INSERT OR IGNORE INTO eventAlert (eventId, alertedAt) VALUES (?, ?)", arguments: [id, now])
            }
        }
    }

    public func wasAlerted(_ id: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM eventAlert WHERE eventId = ?", arguments: [id]) ?? false }
    }

    // MARK: Reading

    /// Stored events matching `query`, newest first (oldest first with `ascending`), with their sources
    /// and related events.
    public func events(matching query: EventQuery) throws -> [StoredEvent] {
        if query.entities.count == 1, query.products.isEmpty, query.country == nil, query.status == nil, query.until == nil,
           !query.ascending, let limit = query.limit {
            return try newestEvents(of: query.entities[0], types: query.types, since: query.since, limit: limit)
        }
        return try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            var from = "event e"
            if !query.entities.isEmpty || !query.products.isEmpty {
                var sub: [String] = []
                if !query.entities.isEmpty {
                    sub.append("(entity IN (\(Self.placeholders(query.entities.count))) AND role != 'product')")
                    arguments += StatementArguments(query.entities)
                }
                if !query.products.isEmpty {
                    sub.append("(entity IN (\(Self.placeholders(query.products.count))) AND role = 'product')")
                    arguments += StatementArguments(query.products)
                }
                let op = " AND eventId IN (SELECT eventId FROM eventEntity WHERE "
                var inner = "SELECT eventId FROM eventEntity WHERE " + sub[0]
                if sub.count == 2 { inner += op + sub[1] + ")" }
                from = "(SELECT DISTINCT eventId AS eid FROM (\(inner))) s JOIN event e ON e.id = s.eid"
            }
            if !query.types.isEmpty {
                clauses.append("e.type IN (\(Self.placeholders(query.types.count)))")
                arguments += StatementArguments(query.types.map(\.rawValue))
            }
            if let country = query.country { clauses.append("e.countries LIKE ?"); arguments += ["%\"\(country.uppercased())\"%"] }
            if let status = query.status { clauses.append("e.status = ?"); arguments += [status.rawValue] }
            if let since = query.since { clauses.append("e.lastSeen >= ?"); arguments += [since] }
            if let until = query.until { clauses.append("e.firstSeen < ?"); arguments += [until] }
            var sql = "SELECT \(query.details ? "e.*" : Self.countedColumns) FROM \(from)"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += query.ascending ? " ORDER BY e.firstSeen, e.id" : " ORDER BY e.lastSeen DESC, e.id"
            if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
            guard query.details else { return try Self.countedEvents(db, sql: sql, arguments: arguments) }
            return try Self.attach(db, Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.storedEvent))
        }
    }

    /// The events a report over `[from, to)` reads: every event first seen in it, counted by week, with sources and
    /// related events only for those first seen at or after `detailedFrom` (the weeks the report lists), plus the
    /// events those point to, wherever they sit in time. Reading details for only the listed weeks keeps a one-week
    /// digest of a million-event store to the events of its trend window.
    public func reportEvents(from: Date, to: Date, detailedFrom: Date) throws -> [StoredEvent] {
        try read { db in
            var events = try Self.countedEvents(db, sql: Self.countedInWindowSQL, arguments: [from, to])
            let listed = events.indices.filter { events[$0].firstSeen >= detailedFrom }
            let full = try db.cachedStatement(sql: "SELECT * FROM event WHERE id = ?")
            let detailed = try Self.attach(db, listed.compactMap { i in
                try Row.fetchOne(full, arguments: [events[i].id]).map(Self.storedEvent)
            })
            for (i, event) in zip(listed, detailed) { events[i] = event }
            var seen = Set(events.map(\.id))
            var missing: [String] = []
            for event in detailed { for r in event.related where seen.insert(r.id).inserted { missing.append(r.id) } }
            let statement = try db.cachedStatement(sql: "SELECT * FROM event WHERE id = ?")
            for id in missing {
                if let row = try Row.fetchOne(statement, arguments: [id]) { events.append(Self.storedEvent(row)) }
            }
            return events
        }
    }

    /// The newest events of one entity: walks `eventEntity` in (entity, lastSeen) order and stops after `limit`,
    /// so the cost does not grow with the entity's history. An event appears at most twice there (actor, target).
    private func newestEvents(of entity: String, types: [EventKind], since: Date?, limit: Int) throws -> [StoredEvent] {
        try read { db in
            var clauses = ["entity = ?", "role != 'product'"]
            var arguments: StatementArguments = [entity]
            if !types.isEmpty {
                clauses.append("type IN (\(Self.placeholders(types.count)))")
                arguments += StatementArguments(types.map(\.rawValue))
            }
            if let since { clauses.append("lastSeen >= ?"); arguments += [since] }
            let ids = try String.fetchAll(db, sql: """
                SELECT eventId FROM eventEntity WHERE \(clauses.joined(separator: " AND ")) ORDER BY lastSeen DESC LIMIT ?
                """, arguments: arguments + [max(0, limit) * 2])
            var seen: Set<String> = []
            let statement = try db.cachedStatement(sql: "SELECT * FROM event WHERE id = ?")
            var events: [StoredEvent] = []
            for id in ids where seen.insert(id).inserted {
                if let row = try Row.fetchOne(statement, arguments: [id]) { events.append(Self.storedEvent(row)) }
            }
            events.sort { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id < $1.id }
            return try Self.attach(db, Array(events.prefix(max(0, limit))))
        }
    }

    /// Events seen between `from` (inclusive) and `to` (exclusive): last seen on or after `from`, first seen before `to`.
    public func events(from: Date, to: Date) throws -> [StoredEvent] {
        var query = EventQuery()
        query.since = from
        query.until = to
        return try events(matching: query)
    }

    /// One event with its sources and related events.
    public func event(id: String) throws -> StoredEvent? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [id]) else { return nil }
            return try Self.attach(db, [Self.storedEvent(row)]).first
        }
    }

    /// Watch items merged by their normalised sentence, newest first; `from`/`to` filter on when they were reported.
    public func watchItems(from: Date? = nil, to: Date? = nil) throws -> [StoredWatchItem] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let from { clauses.append("w.at >= ?"); arguments += [from] }
            if let to { clauses.append("w.at < ?"); arguments += [to] }
            let sql = """
                SELECT w.*, a.canonicalURL, a.title, a.published, f.title AS outlet, f.url AS feedURL FROM watchMention w
                JOIN article a ON a.id = w.articleId JOIN feed f ON f.id = a.feedId
                \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
                ORDER BY w.at, w.id
                """
            var items: [String: StoredWatchItem] = [:]
            var order: [String] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let key: String = row["textKey"]
                let at: Date = row["at"]
                let source = EventSource(url: row["canonicalURL"], title: row["title"], outlet: row["outlet"] ?? row["feedURL"],
                                         published: row["published"], evidence: row["text"])
                if var item = items[key] {
                    item.lastSeen = max(item.lastSeen, at)
                    if !item.sources.contains(where: { $0.url == source.url && $0.outlet == source.outlet }) { item.sources.append(source) }
                    items[key] = item
                } else {
                    order.append(key)
                    items[key] = StoredWatchItem(id: EventMerger.eventID(type: .tracking, actorKey: "watch", firstKey: key)
                                                    .replacingOccurrences(of: "ev_", with: "wi_"),
                                                 text: row["text"], entities: Self.strings(row["entities"]), date: row["date"],
                                                 firstSeen: at, lastSeen: at, sources: [source])
                }
            }
            return order.map { items[$0]! }.sorted { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.id < $1.id }
        }
    }

    /// Entities by number of events, with the split by type and by role. Without `since`, read from the
    /// counts kept by every merge.
    public func companies(since: Date? = nil, limit: Int? = nil) throws -> [CompanyCount] {
        try read { db in
            let rows: [Row]
            if let since {
                rows = try Row.fetchAll(db, sql: """
                    SELECT x.entity, x.type, x.role, MIN(x.name) AS name, COUNT(*) AS count FROM event e
                    JOIN eventEntity x ON x.eventId = e.id
                    WHERE e.lastSeen >= ? AND x.role IN ('actor', 'target') GROUP BY x.entity, x.type, x.role
                    """, arguments: [since])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT entity, type, role, name, count FROM entityStat")
            }
            var byEntity: [String: CompanyCount] = [:]
            for row in rows {
                let entity: String = row["entity"]
                let name: String = row["name"]
                // "apps", "users in China", "federal judge": descriptions the extractor kept, not entities.
                if name.first?.isLowercase == true { continue }
                let count: Int = row["count"]
                let type: String = row["type"]
                let role: String = row["role"]
                var c = byEntity[entity] ?? CompanyCount(name: row["name"], events: 0, byType: [:], asActor: 0, asTarget: 0)
                c.byType[type, default: 0] += count
                if role == "actor" { c.asActor += count } else { c.asTarget += count }
                byEntity[entity] = c
            }
            // An entity both acts and is acted upon in few events; count each event once per role here.
            var result = byEntity.values.map { c -> CompanyCount in
                var c = c
                c.events = c.asActor + c.asTarget
                return c
            }
            result.sort { $0.events != $1.events ? $0.events > $1.events : $0.name < $1.name }
            if let limit { result = Array(result.prefix(max(0, limit))) }
            return result
        }
    }

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
                    SearchHit.EventRef(id: row["id"], type: EventKind(rawValue: row["type"]) ?? .ban, actor: row["actor"])
                }
            }
            return hits
        }
    }

    /// Numbers of stored events, mentions and distinct watch items.
    public func eventCounts() throws -> (events: Int, mentions: Int, watchItems: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT textKey) FROM watchMention") ?? 0)
        }
    }

    // MARK: Rows

    static func storedEvent(_ row: Row) -> StoredEvent {
        StoredEvent(id: row["id"], type: EventKind(rawValue: row["type"]) ?? .ban, status: EventStatus(rawValue: row["status"]) ?? .inEffect,
                    actor: row["actor"], targets: strings(row["targets"]), product: row["product"],
                    countries: strings(row["countries"]), method: strings(row["method"]), evidence: row["evidence"],
                    confidence: row["confidence"], firstSeen: row["firstSeen"], lastSeen: row["lastSeen"],
                    sources: [], related: [], statusHistory: history(row["statusHistory"]), parties: strings(row["parties"]))
    }

    /// Adds sources (one per article, oldest first) and related events.
    static func attach(_ db: Database, _ events: [StoredEvent]) throws -> [StoredEvent] {
        let sourcesStatement = try db.cachedStatement(sql: """
            SELECT m.articleId, m.evidence, a.canonicalURL, a.title, a.published, COALESCE(f.title, f.url) AS outlet
            FROM mention m JOIN article a ON a.id = m.articleId JOIN feed f ON f.id = a.feedId
            WHERE m.eventId = ? ORDER BY m.at, m.stableKey, m.ordinal
            """)
        let relatedStatement = try db.cachedStatement(sql: """
            SELECT relatedId, relation FROM eventRelation WHERE eventId = ? ORDER BY relation, relatedId
            """)
        return try events.map { event in
            var event = event
            var position: [Int64: Int] = [:]
            for row in try Row.fetchAll(sourcesStatement, arguments: [event.id]) {
                let articleId: Int64 = row["articleId"]
                let evidence: String = row["evidence"]
                if let i = position[articleId] {
                    // One source per article; its other sentences about the event stay with it.
                    if evidence != event.sources[i].evidence && !event.sources[i].otherEvidence.contains(evidence) {
                        event.sources[i].otherEvidence.append(evidence)
                    }
                    continue
                }
                position[articleId] = event.sources.count
                event.sources.append(EventSource(url: row["canonicalURL"], title: row["title"], outlet: row["outlet"],
                                                 published: row["published"], evidence: evidence))
            }
            event.related = try Row.fetchAll(relatedStatement, arguments: [event.id]).compactMap { row in
                RelatedEvent.Relation(rawValue: row["relation"]).map { RelatedEvent(id: row["relatedId"], relation: $0) }
            }
            return event
        }
    }

    static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }

    /// Decodes the JSON arrays of strings this file writes (`["a","b"]`); falls back to `JSONDecoder` for
    /// anything unusual (a `\u` escape). A hand-rolled loop because every event read decodes three of these.
    static func strings(_ json: String?) -> [String] {
        guard var json else { return [] }
        return json.withUTF8 { strings(utf8: $0) }
    }

    /// `strings(_:)` on the UTF-8 bytes of the array, as SQLite hands them out: an item without escapes becomes a
    /// String straight from its bytes.
    static func strings(utf8: UnsafeBufferPointer<UInt8>) -> [String] {
        var result: [String] = []
        var i = 0
        while i < utf8.count && utf8[i] != UInt8(ascii: "[") { i += 1 }
        i += 1
        while i < utf8.count {
            guard utf8[i] == UInt8(ascii: "\"") else { i += 1; continue }
            let start = i + 1
            var end = start
            while end < utf8.count && utf8[end] != UInt8(ascii: "\"") && utf8[end] != UInt8(ascii: "\\") { end += 1 }
            guard end < utf8.count else { break }
            if utf8[end] == UInt8(ascii: "\"") {
                result.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
                i = end + 1
                continue
            }
            // An escape: copy the item byte by byte.
            var current = Array(utf8[start..<end])
            i = end
            while i < utf8.count && utf8[i] != UInt8(ascii: "\"") {
                guard utf8[i] == UInt8(ascii: "\\") else { current.append(utf8[i]); i += 1; continue }
                guard i + 1 < utf8.count else { break }
                switch utf8[i + 1] {
                case UInt8(ascii: "n"): current.append(0x0A)
                case UInt8(ascii: "t"): current.append(0x09)
                case UInt8(ascii: "r"): current.append(0x0D)
                case UInt8(ascii: "u"), UInt8(ascii: "b"), UInt8(ascii: "f"):
                    return (try? JSONDecoder().decode([String].self, from: Data(buffer: utf8))) ?? []
                case let e: current.append(e)  // \" \\ \/
                }
                i += 2
            }
            result.append(String(decoding: current, as: UTF8.self))
            i += 1
        }
        return result
    }

    static func historyJSON(_ history: [StatusChange]) -> String {
        let items = history.map { "{\"status\":\"\($0.status.rawValue)\",\"at\":\($0.at.timeIntervalSince1970)}" }
        return "[" + items.joined(separator: ",") + "]"
    }

    static func history(_ json: String?) -> [StatusChange] {
        // The shape `historyJSON` writes: `{"status":"…","at":seconds}` items, read without Foundation's parser.
        if let json, !json.contains("\\") {
            var changes: [StatusChange] = []
            var ok = true
            for item in json.split(separator: "}") {
                guard let s = item.range(of: "\"status\":\""), let a = item.range(of: "\"at\":") else { continue }
                let statusText = item[s.upperBound...].prefix { $0 != "\"" }
                let number = item[a.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+" }
                guard let status = EventStatus(rawValue: String(statusText)), let at = Double(number) else { ok = false; break }
                changes.append(StatusChange(status: status, at: Date(timeIntervalSince1970: at)))
            }
            if ok { return changes }
        }
        guard let data = json?.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return array.compactMap { item in
            guard let s = item["status"] as? String, let status = EventStatus(rawValue: s),
                  let at = item["at"] as? Double else { return nil }
            return StatusChange(status: status, at: Date(timeIntervalSince1970: at))
        }
    }

    /// Lowercased letters and digits separated by single spaces: the identity of a watch sentence.
    /// The day a stated date places a mention on, at noon UTC: the day itself; the middle of a month ("2023-07" is
    /// July 15th, so that reports of any day of the month fall within the merge window); the middle of a year.
    static func statedDay(_ stated: String) -> Date? {
        let parts = stated.split(separator: "-").compactMap { Int($0) }
        guard let year = parts.first, parts.count == stated.split(separator: "-").count else { return nil }
        let month = parts.count > 1 ? parts[1] : 7
        let day = parts.count > 2 ? parts[2] : (parts.count > 1 ? 15 : 1)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return CivilDay.date(CivilDay.days(year: year, month: month, day: day)).addingTimeInterval(43_200)
    }

    static func textKey(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) {
                if space && !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(ch)
                space = false
            } else {
                space = true
            }
        }
        return out
    }
}
