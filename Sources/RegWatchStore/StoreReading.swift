// One store interface, two engines (issue 15): what the read commands ask of a store, answered by SQLite (this
// module, `RegWatchStore`) or by PostgreSQL (`RegWatchPostgres.PostgresStore`). The CLI holds an `any StoreReading`
// and never asks which engine it has, except to refuse a command an engine cannot run yet (`StoreEngine`).
import Foundation
import RegWatchCore
import RegWatchEvents
import GRDB

/// The database engine that keeps a store.
public enum StoreEngine: String, Sendable, Hashable, CaseIterable {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"
}

/// The queries every store answers the same way, whichever engine keeps it.
///
/// The conformance suite (`Tests/RegWatchStoreTests/StoreConformanceTests.swift`) runs the same questions against a
/// SQLite store and the PostgreSQL copy of it, and asks for the same answers.
public protocol StoreReading: Sendable {
    /// The engine that keeps this store.
    var engine: StoreEngine { get }
    /// Where the store is, as it may be shown: a file path, or a `postgres://` URL without its password.
    var location: String { get }

    /// The names of the applied migrations, oldest first.
    func appliedMigrations() throws -> [String]
    func stats() throws -> StoreStats
    func health(now: Date) throws -> [FeedHealth]
    func feeds() throws -> [FeedRecord]
    /// The feed listed as `url`, or fetched from `url` since a redirect was adopted.
    func feed(url: String) throws -> FeedRecord?
    func articles(_ query: ArticleQuery) throws -> [ArticleListing]
    /// Stored events matching `query`, newest first (oldest first with `ascending`).
    func events(matching query: EventQuery) throws -> [StoredEvent]
    /// One event with its sources and related events.
    func event(id: String) throws -> StoredEvent?
    /// The events a report over `[from, to)` reads (see `RegWatchStore.reportEvents`).
    func reportEvents(from: Date, to: Date, detailedFrom: Date) throws -> [StoredEvent]
    /// Hands `body` every event first seen in `[from, to)`, oldest first (by first seen, then id), read to be counted.
    func forEachEventToCount(firstSeenFrom from: Date, to: Date, _ body: (any CountableEvent) throws -> Void) throws
    /// Entities by number of events, with the split by type and role.
    func companies(since: Date?, limit: Int?) throws -> [CompanyCount]
    /// Full-text search over articles, ranked, with a snippet and the events of each hit.
    func searchArticles(_ search: ArticleSearch) throws -> [SearchHit]
    /// Watch items merged by their normalised sentence, newest first.
    func watchItems(from: Date?, to: Date?) throws -> [StoredWatchItem]
    /// Numbers of stored events, mentions and distinct watch items.
    func eventCounts() throws -> (events: Int, mentions: Int, watchItems: Int)
    func wasAlerted(_ id: String) throws -> Bool
}

/// What `pull` and `reextract` write, whichever engine keeps the store: `FeedPuller` and `EventIndexer` hold an
/// `any StoreWriting`. Each method is one transaction that keeps the invariants, as `RegWatchStore` documents them.
public protocol StoreWriting: StoreReading {
    /// Makes sure the feed exists, with these tags and options; returns its row.
    func ensureFeed(url: String, tags: [String], options: [String: String], now: Date) throws -> FeedRecord
    /// Saves a feed's state alone (a failure, a 304).
    func save(_ feed: FeedRecord) throws
    /// `true` when a feed other than `id` is fetched from or listed as `url`.
    func urlInUse(_ url: String, except id: Int64?) throws -> Bool
    /// Removes a feed and its articles. Returns `false` when there was none.
    func removeFeed(url: String) throws -> Bool
    func beginRun(pid: Int?, now: Date) throws -> PullRunRecord
    func finish(_ run: PullRunRecord) throws
    /// The stored content hash of each of `identities` that the feed already has.
    func contentHashes(feedId: Int64, identities: [String]) throws -> [String: String]
    /// Saves a pulled feed and its articles in one transaction.
    func apply(feed: FeedRecord, articles: [ArticleDraft], now: Date) throws -> ApplyResult
    /// Saves several pulled feeds in one transaction, each all or nothing.
    func apply(batch: [(feed: FeedRecord, articles: [ArticleDraft])], now: Date) throws -> [ApplyResult]
    /// Articles never extracted, or edited since, at most `limit`.
    func pendingArticles(limit: Int) throws -> [PendingArticle]
    /// Every article published (or first seen) at or after `since`, or all.
    func articlesForReextraction(since: Date?) throws -> [PendingArticle]
    /// Stores the mentions and watch items of these articles, then re-merges the events they touch.
    func saveExtractions(_ extractions: [ArticleExtraction], options: MergeOptions, alertableBefore: Date?,
                         parties: any PartyResolving) throws -> ExtractionReport
    /// Records that these events were announced, so they never are again.
    func markAlerted(_ ids: [String], now: Date) throws
    /// Refreshes the query planner's statistics after a pull.
    func optimize() throws

    /// Whether several pullers may write this store at once, each fetching the due feeds it claims (`claimFeeds`):
    /// PostgreSQL. A SQLite store has one pull at a time (its lock file), which fetches every due feed itself.
    var sharesFeeds: Bool { get }
    /// Claims, for `lease` seconds, up to `limit` of the feeds `ids` that are still to fetch and that no other puller
    /// holds; returns their current rows, and how many of `ids` other pullers hold now. A feed is still to fetch when
    /// it is due by `dueBy` (with `force`: when it was not tried since `runStart`).
    func claimFeeds(_ ids: [Int64], limit: Int, lease: TimeInterval, force: Bool, dueBy: Date, runStart: Date) throws
        -> (claimed: [FeedRecord], heldElsewhere: Int)
}

extension RegWatchStore: StoreWriting {
    public var sharesFeeds: Bool { false }

    /// One pull at a time writes a SQLite store: every feed asked for is its own.
    public func claimFeeds(_ ids: [Int64], limit: Int, lease: TimeInterval, force: Bool, dueBy: Date, runStart: Date) throws
        -> (claimed: [FeedRecord], heldElsewhere: Int) {
        let wanted = Set(ids)
        return (Array(try feeds().filter { $0.id.map(wanted.contains) ?? false }.prefix(limit)), 0)
    }
}

extension StoreReading {
    /// Events seen between `from` (inclusive) and `to` (exclusive): last seen on or after `from`, first seen before `to`.
    public func eventsSeen(from: Date, to: Date) throws -> [StoredEvent] {
        var query = EventQuery()
        query.since = from
        query.until = to
        return try events(matching: query)
    }
}

extension RegWatchStore: StoreReading {
    public var engine: StoreEngine { .sqlite }
    public var location: String { path }

    public func forEachEventToCount(firstSeenFrom from: Date, to: Date, _ body: (any CountableEvent) throws -> Void) throws {
        try forEachCountedEvent(firstSeenFrom: from, to: to) { row in try body(row) }
    }

    /// Runs `body` in one write transaction: the table copy of `regwatch store copy` (RegWatchPostgres.StoreCopy)
    /// writes a new SQLite store through it.
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try naming { try writer.write(body) }
    }
}

/// The column formats both engines store the same way (JSON arrays of strings, the status history), decoded by one
/// implementation so that a PostgreSQL row reads as its SQLite twin.
public enum StoredColumns {
    /// A JSON array of strings; empty for NULL.
    public static func strings(_ json: String?) -> [String] { RegWatchStore.strings(json) }
    /// The status history `[{"status":…,"at":seconds}]`.
    public static func history(_ json: String?) -> [StatusChange] { RegWatchStore.history(json) }
    /// The id of the watch item merged from sentences whose normalised text is `textKey`.
    public static func watchItemID(textKey: String) -> String {
        EventMerger.eventID(type: .tracking, actorKey: "watch", firstKey: textKey).replacingOccurrences(of: "ev_", with: "wi_")
    }
    /// `StoreError.corruptRow` for a value regwatch never writes.
    public static func corruptRow(table: String, id: String, column: String, value: String?, location: String) -> StoreError {
        StoreError(.corruptRow(table: table, id: id, column: column, value: value), path: location)
    }
}
