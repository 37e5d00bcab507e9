// Extraction writes: an article's mentions and watch items in, then the events they touch re-merged (Remerge.swift).
import Foundation
import GRDB
import RegWatchCore
import RegWatchEvents

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

    public init(id: Int64, title: String?, text: String, published: Date?, contentHash: String, duplicateOfId: Int64?,
                sameTextAsOriginal: Bool = false) {
        self.id = id
        self.title = title
        self.text = text
        self.published = published
        self.contentHash = contentHash
        self.duplicateOfId = duplicateOfId
        self.sameTextAsOriginal = sameTextAsOriginal
    }
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

extension RegWatchStore {
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
                    let actorKeys = events.map { parties.actorKey($0.actor, country: $0.countries.first) }
                    let retellable = EventMerger.retellable(events, actorKeys: actorKeys,
                                                            dated: events.map { $0.occurred.flatMap(Self.statedDay) != nil },
                                                            parties: parties)
                    for (ordinal, event) in events.enumerated() {
                        let actorKey = actorKeys[ordinal]
                        // An act the article tells again from an earlier year is placed when it happened.
                        let at = event.occurred.flatMap(Self.statedDay) ?? at
                        try db.execute(sql: """
                            INSERT INTO mention (articleId, extractedFromId, ordinal, type, status, actor, actorKey, targets, product,
                                productKey, countries, method, evidence, evidenceStart, evidenceEnd, confidence, at, stableKey, parties,
                                occurred, stated)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [articleId, extractedFrom, ordinal, event.type.rawValue, event.status.rawValue, event.actor,
                                             actorKey, Self.json(event.targets), event.product, event.product?.lowercased(),
                                             Self.json(event.countries),
                                             Self.json(event.method), event.evidence, event.evidenceRange?.lowerBound,
                                             event.evidenceRange?.upperBound, event.confidence, at,
                                             base + "|" + String(format: "%04d", ordinal), Self.json(event.parties),
                                             event.occurred, retellable[ordinal] ? 1 : 0])
                        let mentionId = db.lastInsertedRowID
                        if !known && !isCopy { fresh.insert(mentionId) }
                        if isAlertable && !isCopy { alertable.insert(mentionId) }
                        added[MergeKey(type: event.type.rawValue, actorKey: actorKey), default: []].append(
                            AddedMention(id: mentionId, at: at, actorKey: actorKey, targets: event.targets.map { $0.lowercased() },
                                         groups: event.targets.compactMap(parties.groupKey), product: event.product?.lowercased(),
                                         stated: retellable[ordinal]))
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
        try naming { try writerForEvents.write(body) }
    }

    static func storedMentions(_ db: Database, of articleId: Int64) throws -> [ExtractedEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM mention WHERE articleId = ? ORDER BY ordinal", arguments: [articleId]).map { row in
            let start: Int? = row["evidenceStart"]
            let end: Int? = row["evidenceEnd"]
            let id: Int64 = row["id"]
            var event = ExtractedEvent(type: try decode(EventKind.self, row, "type", table: "mention", id: String(id)),
                                  status: try decode(EventStatus.self, row, "status", table: "mention", id: String(id)),
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

    /// The day a stated date places a mention on, at noon UTC: the day itself; the middle of a month ("2023-07" is
    /// July 15th, so that reports of any day of the month fall within the merge window); the middle of a year.
    package static func statedDay(_ stated: String) -> Date? {
        let parts = stated.split(separator: "-").compactMap { Int($0) }
        guard let year = parts.first, parts.count == stated.split(separator: "-").count else { return nil }
        let month = parts.count > 1 ? parts[1] : 7
        let day = parts.count > 2 ? parts[2] : (parts.count > 1 ? 15 : 1)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return CivilDay.date(CivilDay.days(year: year, month: month, day: day)).addingTimeInterval(43_200)
    }

    /// Lowercased letters and digits separated by single spaces: the identity of a watch sentence.
    package static func textKey(_ text: String) -> String {
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
